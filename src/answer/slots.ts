import type { FactDoc } from '../search/index.js';
import { type Ask, asks } from './ask.js';
import type { Question } from './question.js';
import type { AskType } from './rules.js';

/** The statement topics that answer each kind of ask. */
const TOPICS: Partial<Record<AskType, readonly FactDoc['topic'][]>> = {
  criticism: ['criticism'],
  goals: ['goals'],
  benefits: ['goals'],
  governance: ['governance'],
  quote: ['quote'],
  projects: ['activities'],
  plans: ['activities'],
  release: ['release'],
  licence: ['release', 'note'],
  compare: ['comparison'],
  members: ['membership', 'relation'],
  count: ['membership'],
  membership: ['relation', 'membership'],
  whyNot: ['relation'],
  career: ['career', 'role'],
  role: ['role'],
  who: ['role'],
  founders: ['history', 'overview'],
  when: ['history', 'release'],
};

/** What a typed answer is assumed to fit: it was built for the ask's kind. */
export const TYPED_FIT = 0.3;

/**
 * How well a statement's typed slots fit the ask, 0..~0.8: its topic is the kind asked for, it carries a date
 * when the ask is "when" (the year asked for, if any), a verbatim quote when the ask is what someone said, and
 * it belongs to a named record rather than to a neighbour.
 */
export function slotFit(doc: FactDoc, ask: Ask, q: Question, own: boolean): number {
  let fit = own ? 0.1 : 0;
  const main = ask.types[0];
  for (const t of ask.types) {
    if (TOPICS[t]?.includes(doc.topic)) {
      fit += t === main ? 0.3 : 0.15;
      break;
    }
  }
  const dated = doc.date !== undefined || /\b(19|20)\d{2}\b/.test(doc.text);
  if (asks(ask, 'when') && dated) fit += 0.2;
  if (q.years.length && q.years.some((y) => doc.date?.startsWith(y) || doc.text.includes(y))) fit += 0.1;
  if (asks(ask, 'quote') && doc.quote) fit += 0.2;
  // "How many … does it have": a statement that gives a number, as a "when" ask wants a date.
  if (asks(ask, 'count') && tellsNumber(doc.text)) fit += 0.2;
  return fit;
}

const DATE_OR_YEAR =
  /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/gi;
const NUMBER =
  /\b(?:\d[\d,.]*\+?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozens?|hundreds?|thousands?|millions?|billions?)\b/i;

/** The text gives an amount: a number that is not part of a date or a year. */
export function tellsNumber(text: string): boolean {
  return NUMBER.test(text.replace(DATE_OR_YEAR, ' '));
}

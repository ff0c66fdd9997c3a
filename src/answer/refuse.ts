import type { KbRecord } from '../knowledge/schema.js';
import type { SearchIndex } from '../search/index.js';
import type { Mention } from '../search/link.js';
import { shortName, withArticle } from '../search/render.js';
import { joinList, uniqueRecords } from './handlers/shared.js';
import type { Answer } from './types.js';

const TOPIC_LABEL: Record<string, string> = {
  history: 'history',
  membership: 'members',
  goals: 'goals',
  criticism: 'criticism',
  governance: 'structure',
  activities: 'projects',
  quote: 'quotes',
  release: 'releases',
  career: 'career',
  comparison: 'comparisons with other initiatives',
};

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** What the knowledge base does hold about a record, in a few words: "its part in the AI Alliance". */
export function knownAbout(record: KbRecord, index: SearchIndex): string {
  const name = possessive(record.kind === 'initiative' ? withArticle(record.name) : shortName(record));
  if (record.kind === 'organization') {
    const parts = [...new Set(record.involvement.map((i) => index.kb.byId.get(i.initiative)?.name))]
      .filter((n): n is string => !!n)
      .map(withArticle);
    const people = (index.staffOfOrg.get(record.id) ?? []).length > 0;
    if (parts.length) return `${name} part in ${joinList(parts)}${people ? ', and some of its people' : ''}`;
  }
  if (record.kind === 'person') {
    const at = [
      ...new Set(record.roles.map((r) => index.kb.byId.get(r.organization ?? r.initiative ?? '')?.name)),
    ]
      .filter((n): n is string => !!n)
      .slice(0, 3);
    // Claim their words only when some are recorded: a profile without a quote offers none.
    const said = (index.docsByRecord.get(record.id) ?? []).some(
      (d) => d.topic === 'quote' || d.quote !== undefined,
    );
    return `${name} roles${at.length ? ` at ${joinList(at)}` : ''}${said ? ' and what they said on the record' : ''}`;
  }
  const topics = [...new Set(record.facts.map((f) => TOPIC_LABEL[f.topic]).filter((t): t is string => !!t))];
  return `${name} ${joinList(topics.slice(0, 5)) || 'basics'}`;
}

/** A refusal: nothing in the knowledge base answers the question. Names what it does know, and suggests. */
export function refuse(
  index: SearchIndex,
  mentions: readonly Mention[],
  about?: KbRecord,
  message?: string,
): Answer {
  const near = uniqueRecords(mentions);
  const featured = index.featured;
  const suggestions = [...(about ? [about] : []), ...near, ...featured]
    .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
    .slice(0, 5)
    .map((r) => ({ id: r.id, name: r.name }));
  const text =
    message ??
    (about
      ? `I don't know that — it isn't in my knowledge base. I only know ${knownAbout(about, index)}.`
      : `That isn't in my knowledge base. I know about open AI initiatives such as ${featured
          .slice(0, 3)
          .map((r) => withArticle(r.name))
          .join(', ')}, and the organizations and people around them.`);
  return { answered: false, answer: text, confidence: 0, subject: null, sources: [], suggestions };
}

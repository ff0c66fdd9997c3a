import { aliasName, publisherName } from '../../knowledge/model.js';
import type { Initiative } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import { involvementSentence, nameWithAcronym } from '../../search/render.js';
import { normalize } from '../../text/normalize.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { coverage } from '../coverage.js';
import { type Rec, rankDocs, spellingNote, topicsFor, visibleTo } from './shared.js';

/**
 * What an organization's people said on the record: its people's quotes, and quotes elsewhere that name it
 * ("Jane Doe (President, Example University): …" among an initiative's launch quotes).
 */
export function orgQuotes(ctx: Ctx, org: Rec<'organization'>, score: number): Draft | undefined {
  const { index } = ctx;
  const names = [org.name, ...org.aliases.map(aliasName)].map(normalize).filter((n) => n.length >= 3);
  const naming = (d: FactDoc) => {
    const text = ` ${normalize(d.text)} `;
    return names.some((n) => text.includes(` ${n} `));
  };
  const staff = (index.staffOfOrg.get(org.id) ?? []).map((s) => s.person.id);
  const quotes: FactDoc[] = [];
  for (const hit of index.facts.search(names.join(' '), () => false, 40)) {
    const d = index.factDocs[hit.id] as FactDoc;
    if (d.topic === 'quote' && naming(d) && visibleTo(ctx, d)) quotes.push(d);
  }
  // Its people's own quotes rarely name the organization they speak for.
  for (const id of staff)
    for (const d of index.docsByRecord.get(id) ?? [])
      if (d.recordId === id && d.topic === 'quote' && !quotes.includes(d) && visibleTo(ctx, d))
        quotes.push(d);
  if (!quotes.length) return undefined;
  // "Which of its people told Ledger Weekly about its plans?": the quote from a source of the publisher the
  // question names, then the one covering most of the ask, comes first; a tie keeps the order found.
  // (Names the question links are what it asks about, not where the words ran.)
  const linked = new Set(
    ctx.mentions.flatMap((m) => ctx.q.words.slice(m.start, m.end).map((_, k) => m.start + k)),
  );
  const typed = ` ${ctx.q.words.map((w, i) => (linked.has(i) ? '' : w)).join(' ')} `;
  const weigh = (d: FactDoc) => {
    const told = d.sources.some((id) => {
      const src = index.kb.sources.get(id);
      const name = src ? normalize(publisherName(src)) : '';
      return name.length >= 3 && typed.includes(` ${name} `);
    });
    const covered = ctx.ask.content.length ? coverage(ctx.ask.content, [d], [], index).ratio : 0;
    return (told ? 1 : 0) + covered;
  };
  const scored = quotes.map((d, i) => ({ d, i, weight: weigh(d) }));
  scored.sort((a, b) => b.weight - a.weight || a.i - b.i);
  quotes.splice(0, quotes.length, ...scored.map((x) => x.d));
  // Several quotes and nothing in the question to choose between them: likely, not sure, that the first is meant.
  const [first, second] = scored;
  const sure =
    quotes.length === 1 ||
    (!!first && !!second && first.weight >= 0.5 && first.weight > second.weight + 0.25);
  // A person's quote is theirs: the answer names who said it.
  const speaker = index.kb.byId.get((quotes[0] as FactDoc).recordId);
  const subject = speaker?.kind === 'person' ? speaker : org;
  return {
    subject,
    lead: '',
    docs: quotes.slice(0, 3),
    confidence: score * (sure ? 0.95 : 0.75),
    sure,
    quoteStyle: true,
  };
}

export function orgAnswer(ctx: Ctx, org: Rec<'organization'>, score: number): Draft {
  const { index, ask } = ctx;
  // "meta's research community": a topic that belongs to an initiative or project the organization runs.
  const owned = [
    ...org.involvement.filter((i) => i.role === 'co-founder').map((i) => i.initiative),
    ...(index.projectsOf.get(org.id) ?? []).map((p) => p.id),
  ];
  const topics = topicsFor(ask);
  const people = (index.staffOfOrg.get(org.id) ?? []).filter((s) => !s.role.to).slice(0, 4);
  const peopleLine = people.length
    ? ` People: ${people.map((s) => `${s.person.name} (${s.role.title})`).join('; ')}.`
    : '';
  const relations = org.involvement.map((inv) => {
    const initiative = index.kb.byId.get(inv.initiative) as Initiative | undefined;
    return initiative ? involvementSentence(org, inv, initiative) : '';
  });
  const lead = `${nameWithAcronym(org)} — ${org.summary}${spellingNote(ctx, org)}${org.description && !org.summary.includes(org.description) ? ` ${org.description}` : ''}${peopleLine}`;
  const docs = rankDocs(ctx, [org.id, ...owned], {
    topics: topics.length ? topics : ['note'],
    limit: 3,
  }).filter((d) => d.topic !== 'summary' && !(d.topic === 'overview' && d.recordId === org.id));
  const extraRelations = relations.filter((r) => r && !lead.includes(r)).slice(0, 3);
  return {
    // A question about the future ("what will it release next year?") that no plan statement answers gets only
    // a profile.
    generic: topics.length === 0 || (asks(ask, 'plans') && !docs.some((d) => d.topic === 'activities')),
    subject: org,
    lead: `${lead}${extraRelations.length && topics.length === 0 ? `\n${extraRelations.join('\n')}` : ''}`,
    leadSources: [...org.sources, ...org.involvement.flatMap((i) => i.sources)],
    docs,
    confidence: score,
  };
}

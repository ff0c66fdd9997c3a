/**
 * What a member quotes: an article's title ("who published '…'?") names a source, and a phrase from an article
 * finds the statement that holds it.
 */
import { publisherName } from '../../knowledge/model.js';
import type { KbRecord, Source } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import { stem } from '../../search/index.js';
import { editDistance } from '../../search/link.js';
import { formatDate } from '../../text/dates.js';
import { informativeness } from '../../text/english.js';
import { normalize } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/vocabulary.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { HEADLINE_WORDS, OUTLET_WORDS, PIECE_WORDS } from '../rules.js';
import { joinList, visibleTo } from './shared.js';

/** A quoted title in a question: at least three words between quotation marks. */
const QUOTED = /["'‘’“”]([^"‘’“”]{12,}?)["'‘’“”](?=\W|$)/g;

/**
 * The sources whose title the question quotes (a misremembered word allowed). Several pieces may carry one
 * headline (a scoop and the copies of it); one by a publisher the question names comes first.
 */
export function quotedSources(ctx: Ctx): Source[] {
  const spans = [...ctx.q.raw.matchAll(QUOTED)]
    .map((m) => normalize(m[1] ?? ''))
    .filter((s) => s.split(' ').length >= 3);
  if (!spans.length) return [];
  let best = 0;
  let found: Source[] = [];
  for (const source of ctx.index.kb.sources.values()) {
    const title = normalize(source.title);
    const overlap = Math.max(
      ...spans.map((span) => (title.includes(span) || span.includes(title) ? 1 : wordOverlap(span, title))),
    );
    if (overlap < MIN_OVERLAP || overlap < best) continue;
    if (overlap > best) found = [];
    best = overlap;
    found.push(source);
  }
  const text = ` ${ctx.q.norm} `;
  const named = found.filter((s) => text.includes(` ${normalize(publisherName(s))} `));
  return named.length ? named : found;
}

/**
 * The source a question describes without quoting it: the headline of a publisher it names ("TechTarget's
 * headline on the alliance"), or the one whose title shares three of its words — two besides names — and half
 * of the title's, or four words besides names (a headline told in other words). None when two fit as well.
 */
export function describedSources(ctx: Ctx): Source[] {
  const { words } = ctx.q;
  // Asked for a piece's headline or who ran it, not for what a piece says.
  // "Clegg's title", "his job title": a title asked of a person, with no word for a piece, is their role.
  const person = ctx.mentions.some((m) => m.surfaces.some((s) => s.record.kind === 'person'));
  const piece = words.some((w) => PIECE_WORDS.has(w) && !HEADLINE_WORDS.has(w));
  const roleTitle = (w: string, i: number) =>
    (w === 'title' || w === 'titles') && ((person && !piece) || words[i - 1] === 'job');
  const headline = words.some((w, i) => HEADLINE_WORDS.has(w) && !roleTitle(w, i));
  const outlet = words.some(
    (w, i) =>
      (OUTLET_WORDS.has(w) && ['which', 'what'].includes(words[i - 1] ?? '')) ||
      (['published', 'ran', 'put'].includes(w) && ['who', 'whos'].includes(words[i - 1] ?? '')),
  );
  if (!headline && !outlet) return [];
  const titles = titleIndex(ctx.index);
  // Names say what a piece is about, not which piece it is: many titles name the Alliance.
  const inName = new Set<number>();
  for (const m of ctx.mentions) for (let i = m.start; i < m.end; i++) inName.add(i);
  const names = new Set(words.filter((_, i) => inName.has(i)).map(stem));
  const asked = new Set(
    words.filter((w) => w.length > 2 && !STOPWORDS.has(w) && !PIECE_WORDS.has(w)).map(stem),
  );
  const score = (source: Source) => {
    const title = titles.stems.get(source) ?? new Set<string>();
    const common = [...title].filter((w) => asked.has(w));
    const described = common.filter((w) => !names.has(w)).length;
    return { source, shared: common.length, described, ratio: common.length / Math.max(1, title.size) };
  };
  const clearBest = (list: readonly ReturnType<typeof score>[]) => {
    const sorted = [...list].sort((a, b) => b.shared - a.shared || b.ratio - a.ratio);
    const [first, second] = sorted;
    return first && (!second || first.shared > second.shared) ? [first.source] : [];
  };
  if (headline) {
    // A publisher the question names: its word runs looked up, not every source scanned.
    // The longest publisher name typed wins: a three-word site's headline about Meta names that site, and Meta
    // is what the piece is about.
    const named = new Set<Source>();
    let longest = 0;
    for (let i = 0; i < words.length; i++)
      for (let len = 1; len <= titles.longestPublisher && i + len <= words.length; len++) {
        const found = titles.byPublisher.get(words.slice(i, i + len).join(' '));
        if (!found || len < longest) continue;
        if (len > longest) named.clear();
        longest = len;
        for (const source of found) named.add(source);
      }
    if (named.size) return clearBest([...named].map(score));
  }
  const candidates = new Set<Source>();
  for (const w of asked) for (const source of titles.byStem.get(w) ?? []) candidates.add(source);
  return clearBest(
    [...candidates]
      .map(score)
      .filter((x) => (x.shared >= 3 && x.described >= 2 && x.ratio >= 0.5) || x.described >= 4),
  );
}

/** Every source's title words (stems), the sources holding each stem, and the sources by publisher. */
interface TitleIndex {
  stems: ReadonlyMap<Source, ReadonlySet<string>>;
  byStem: ReadonlyMap<string, readonly Source[]>;
  byPublisher: ReadonlyMap<string, readonly Source[]>;
  longestPublisher: number;
}

const titleIndexes = new WeakMap<Ctx['index'], TitleIndex>();

/** Built once per index, on the first question about a piece. */
function titleIndex(index: Ctx['index']): TitleIndex {
  let built = titleIndexes.get(index);
  if (built) return built;
  const stems = new Map<Source, Set<string>>();
  const byStem = new Map<string, Source[]>();
  const byPublisher = new Map<string, Source[]>();
  const add = (map: Map<string, Source[]>, key: string, source: Source) => {
    const list = map.get(key);
    if (list) list.push(source);
    else map.set(key, [source]);
  };
  let longestPublisher = 0;
  for (const source of index.kb.sources.values()) {
    const title = new Set(
      normalize(source.title)
        .split(' ')
        .filter((w) => w.length > 2 && !STOPWORDS.has(w))
        .map(stem),
    );
    stems.set(source, title);
    for (const w of title) add(byStem, w, source);
    const publisher = normalize(publisherName(source));
    add(byPublisher, publisher, source);
    longestPublisher = Math.max(longestPublisher, publisher.split(' ').length);
  }
  built = { stems, byStem, byPublisher, longestPublisher };
  titleIndexes.set(index, built);
  return built;
}

/** Share of the quoted words the title has, so a misremembered word or two still finds it. */
function wordOverlap(span: string, title: string): number {
  const words = span.split(' ');
  const have = new Set(title.split(' '));
  return words.filter((w) => have.has(w)).length / words.length;
}

const MIN_OVERLAP = 0.75;

const COUNT_WORDS = ['', 'One', 'Two', 'Three', 'Four', 'Five'];

/** Who published a source, and when: the answer to a question that quotes its title. */
export function sourceAnswer(ctx: Ctx, sources: readonly Source[]): Draft | undefined {
  const first = sources[0];
  const subject = first && citing(ctx, first.id);
  if (!first || !subject) return undefined;
  // "on July 18, 2023", but "in July 2023" for a month or a year alone.
  const on = (source: Source) =>
    /^\d{4}(-\d{2}){0,2}$/.test(source.date)
      ? ` ${/^\d{4}-\d{2}-\d{2}$/.test(source.date) ? 'on' : 'in'} ${formatDate(source.date)}`
      : '';
  const lead =
    sources.length === 1
      ? `"${first.title}" was published by ${first.publisher}${on(first)}.`
      : `${COUNT_WORDS[sources.length] ?? sources.length} pieces carry the headline "${first.title}": ${joinList(sources.map((s) => `${s.publisher}${on(s) || ' (undated)'}`))}.`;
  return {
    subject,
    lead,
    leadSources: sources.map((s) => s.id),
    docs: [],
    confidence: sources.length === 1 ? 0.9 : 0.75,
    sure: true,
    complete: true,
  };
}

/** A record that cites the source: one the question names first, else any. */
function citing(ctx: Ctx, id: string): KbRecord | undefined {
  const named = ctx.mentions.flatMap((m) => m.surfaces.map((s) => s.record));
  const cites = (r: KbRecord) => r.sources.includes(id) || r.facts.some((f) => f.sources.includes(id));
  return named.find(cites) ?? ctx.index.kb.records.find(cites);
}

/** The phrases a member quotes ("'has a point'", "'trust and verification' metrics"): three words or more. */
export function quotedPhrases(ctx: Ctx): string[] {
  return [...ctx.q.raw.matchAll(QUOTED_PHRASE)]
    .map((m) => normalize(m[1] ?? ''))
    .filter((s) => s.split(' ').length >= 3);
}

const QUOTED_PHRASE = /(?:^|[\s(])["'‘“]([^"‘’“”]{5,}?)["'’”](?=[\s,.?!:;)-]|$)/g;

/**
 * "why did they call it 'performative'": one or two quoted words English rarely uses, which a named record's own
 * statement holds as written. Everyday words quoted alone ("open") say too little to pick a statement.
 */
export function quotedRareWords(ctx: Ctx): FactDoc[] {
  const phrases = [...ctx.q.raw.matchAll(QUOTED_PHRASE)]
    .map((m) => normalize(m[1] ?? ''))
    .filter((s) => {
      const words = s.split(' ');
      // A quoted name ("who's 'Rodzen'") is a name asked about, not a word a statement holds.
      const named = ctx.mentions.some((m) => normalize(m.typed).includes(s));
      return !named && words.length <= 2 && words.every((w) => w.length >= 5 && informativeness(w) >= RARE);
    });
  if (!phrases.length) return [];
  const own = new Set(
    ctx.mentions.flatMap((m) => m.surfaces.flatMap((s) => ctx.index.docsByRecord.get(s.record.id) ?? [])),
  );
  return [...own].filter((doc) => {
    if (!visibleTo(ctx, doc)) return false;
    const text = ` ${normalize(`${doc.text} ${doc.quote ?? ''}`)} `;
    return phrases.some((p) => text.includes(` ${p} `));
  });
}

/** Informativeness from which a word is rare enough that quoting it alone picks a statement. */
const RARE = 0.9;

/**
 * The statements that hold a phrase the member quotes, allowing a word or so to differ (a machine translation's
 * "open source tier" is the original's "open source tear"), best match first; `rest` (0..~1.5) scores how well a
 * statement fits the rest of the question.
 */
export function statementsQuoting(
  ctx: Ctx,
  phrases: readonly string[],
  rest: (doc: FactDoc) => number,
): FactDoc[] {
  const out: { doc: FactDoc; share: number }[] = [];
  // The named records' own statements are read too: a phrase of everyday words ("you know who") searches poorly.
  // (An organization's include its people's: "the IBM guy who said 'you know who'".)
  const own = ctx.mentions.flatMap((m) =>
    m.surfaces.flatMap((s) => [
      ...(ctx.index.docsByRecord.get(s.record.id) ?? []),
      ...(ctx.index.staffOfOrg.get(s.record.id) ?? []).flatMap(
        (st) => ctx.index.docsByRecord.get(st.person.id) ?? [],
      ),
    ]),
  );
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    const query = words.filter((w) => w.length > 2).join(' ');
    const hits = query
      ? ctx.index.facts.search(query, () => false, 30).map((h) => ctx.index.factDocs[h.id] as FactDoc)
      : [];
    for (const doc of [...hits, ...own]) {
      if (!visibleTo(ctx, doc) || out.some((o) => o.doc === doc)) continue;
      const share = phraseShare(words, normalize(`${doc.text} ${doc.quote ?? ''}`).split(' '));
      if (share >= MIN_PHRASE_SHARE) out.push({ doc, share });
    }
  }
  // Equal matches are told apart by the rest of the question ("the date on 'X'", "who said 'X'").
  const score = (o: { doc: FactDoc; share: number }) => o.share + 0.1 * rest(o.doc);
  return out.sort((a, b) => score(b) - score(a)).map((o) => o.doc);
}

const MIN_PHRASE_SHARE = 0.66;

/**
 * The best share of the phrase's words found in order in a window of the text (a word may be one edit off).
 * The share of its content words counts too: "of the alliance" is no quote of "leaving of the alliance".
 */
function phraseShare(phrase: readonly string[], text: readonly string[]): number {
  const content = phrase.filter((w) => !STOPWORDS.has(w)).length;
  let best = 0;
  for (let start = 0; start < text.length; start++) {
    let matched = 0;
    let matchedContent = 0;
    for (let k = 0; k < phrase.length && start + k < text.length; k++) {
      const a = phrase[k] as string;
      const b = text[start + k] as string;
      // (The cheap tests first: this runs over every word of many statements.)
      const near =
        a[0] === b[0] &&
        a.length >= 4 &&
        b.length >= 4 &&
        Math.abs(a.length - b.length) <= 2 &&
        editDistance(a, b, 2) <= 2;
      if (a === b || near) {
        matched++;
        if (!STOPWORDS.has(a)) matchedContent++;
      }
    }
    best = Math.max(best, Math.min(matched / phrase.length, content ? matchedContent / content : 1));
  }
  return best;
}

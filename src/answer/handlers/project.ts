import { aliasName } from '../../knowledge/model.js';
import type { KbRecord } from '../../knowledge/schema.js';
import type { FactDoc } from '../../search/index.js';
import { shortName } from '../../search/render.js';
import { formatDate, MONTH_NAMES } from '../../text/dates.js';
import { informativeness } from '../../text/english.js';
import { normalize } from '../../text/normalize.js';
import { STOPWORDS } from '../../text/vocabulary.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { coverage } from '../coverage.js';
import { type Rec, rankDocs, spellingNote, topicsFor } from './shared.js';

/** Words of a statement about a licence. */
const LICENCE_TEXT = /licen[cs]|open[ -]source|\bosi\b|permissive|apache|\bmit\b|cc by|openrail/i;

/** Words that only ask about a licence, which every licence statement meets alike. */
const LICENCE_CUES = new Set(['licence', 'license', 'licensed', 'licenced', 'terms', 'truly', 'really']);

export function projectAnswer(ctx: Ctx, project: Rec<'project'>, score: number): Draft {
  const { ask } = ctx;
  const owner = project.owner ? ctx.index.kb.byId.get(project.owner) : undefined;
  const all = project.facts
    .filter((f) => f.topic === 'release')
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  // A version named ("llama 4", "version 3.1", "the 70B one"): the releases of that version only. A number
  // counts with the word before it, so "Llama 4" doesn't meet "December 4".
  const versions = versionPhrases(ctx, project);
  // …and not as the start of a longer one: "llama 3" is not "llama 3 1".
  const versionAt = versions.map((v) => new RegExp(`(?:^| )${v.replace(/[$%]/g, '\\$&')}(?! \\d)(?: |$)`));
  const names = (text: string) => versionAt.some((re) => re.test(normalize(text)));
  const byVersion = all.filter((f) => names(f.text));
  const ownDocs = (ctx.index.docsByRecord.get(project.id) ?? []).filter((d) => d.recordId === project.id);
  // "How long is version 5.1's context?": a version named whose own statements hold too little of the ask is not
  // answered with what the records say of other versions.
  // A size typed beside the version ("3.3 70b") names it; it is not what is asked about it.
  const telling = ask.content.filter((w) => informativeness(w) >= TELLING_WORD && !isSize(w));
  if (byVersion.length && telling.length && !asks(ask, 'licence')) {
    // A size beside a version number ("llama 3.3 70b") narrows it; it doesn't add the other 70B releases.
    const numbered = versionAt.filter((_, i) => !isSize(versions[i] as string));
    const exact = numbered.length ? numbered : versionAt;
    // Statements elsewhere that name the version speak of it too ("for the 2 launch its preferred partner was …").
    const elsewhere = ctx.index.facts
      .search([...telling, ...versions].join(' '), () => false, ELSEWHERE_LIMIT)
      .map((h) => ctx.index.factDocs[h.id] as FactDoc)
      .filter((d) => d.recordId !== project.id);
    const versionDocs = [...ownDocs, ...elsewhere].filter((d) =>
      exact.some((re) => re.test(normalize(d.text))),
    );
    if (coverage(telling, versionDocs, [], ctx.index).ratio < VERSION_COVERAGE)
      return { subject: project, lead: '', docs: [], confidence: 0, unknown: true };
  }
  // A licence question: the statements about the licence, the named version's first. ("Released under" is a
  // licence's wording, not a release asked about.)
  if (asks(ask, 'licence') && !asks(ask, 'when')) {
    // The project's own statements and those of other records about it (what critics say of its licence); the
    // named version's first, then those holding more of the ask.
    const words = [...ask.content, ...ask.cueWords.filter((w) => !STOPWORDS.has(w) && !LICENCE_CUES.has(w))];
    const licensed = (ctx.index.docsByRecord.get(project.id) ?? []).filter(
      (d) => d.topic !== 'summary' && LICENCE_TEXT.test(d.text),
    );
    const rank = (d: FactDoc) =>
      (names(d.text) ? 1 : 0) +
      (words.length ? coverage(words, [d], [], ctx.index).ratio : 0) +
      (d.recordId === project.id ? 0.1 : 0);
    const docs = licensed
      .map((d) => ({ d, r: rank(d) }))
      .sort((a, b) => b.r - a.r)
      .slice(0, 2)
      .map((x) => x.d);
    if (docs.length) return { subject: project, lead: '', docs, confidence: score, sure: true };
    // No statement speaks of its licence: the releases would answer something else.
    return { subject: project, lead: '', docs: [], confidence: 0, unknown: true };
  }
  // A version named with nothing else typed asks about that version's release.
  const versionNamed =
    byVersion.length > 0 && ask.types.every((t) => t === 'overview' || t === 'members' || t === 'membership');
  // "Why start a new family of models?" asks for a reason, not the list of releases.
  if ((asks(ask, 'release') || asks(ask, 'when') || versionNamed) && !asks(ask, 'why') && all.length) {
    if (unknownVersionAsked(ctx, project))
      return { subject: project, lead: '', docs: [], confidence: 0, unknown: true };
    // Or the releases that cover what else the ask names ("the original", "the licence").
    const byContent = ask.content.length
      ? all.filter((f) => coverage(ask.content, [], [f.text], ctx.index).ratio >= 0.5)
      : [];
    const named = byVersion.length ? byVersion : byContent.slice(0, 2);
    // "Are its training sets published too?": words of weight no release statement holds ask about something
    // else than the releases; the statements that hold them answer it, not the list of releases.
    const weighty = ask.content.filter((w) => informativeness(w) > 0.3 && !isSize(w));
    // (A month or year typed checks a release date: "came out last August, so 2023?")
    const dated = ctx.q.years.length > 0 || ctx.q.words.some((w) => MONTH_NAMES.includes(w as never));
    if (!named.length && weighty.length && !asks(ask, 'when') && !dated)
      return { ...topicAnswer(ctx, project, owner, score), generic: true };
    const releases = named.length ? named : all;
    return {
      subject: project,
      lead: named.length ? '' : `${project.name} releases, per the sources:`,
      docs: releases
        .map(
          (f) =>
            (ctx.index.docsByRecord.get(project.id) ?? []).find(
              (d) => d.recordId === project.id && d.text === f.text,
            ) as FactDoc,
        )
        .filter(Boolean),
      confidence: score,
      listStyle: !named.length,
      sure: true,
    };
  }
  // "Who made it?", "which company created it?"; not "what sizes did it launch with?", which asks for more.
  if (owner && (asks(ask, 'who') || (asks(ask, 'founders') && !ask.content.length))) {
    return {
      subject: project,
      sure: true,
      lead: `${project.name} is made by ${owner.name}. ${project.summary}`,
      leadSources: project.sources,
      docs: rankDocs(ctx, [project.id], { topics: ['history', 'release'], limit: 2 }).filter(
        (d) => d.topic !== 'summary',
      ),
      confidence: score,
    };
  }
  // "What year did it first come out?": the release the record dates, when no version is asked about.
  if (project.released && asks(ask, 'when') && asks(ask, 'release') && !versionAsked(ctx, project))
    return {
      subject: project,
      sure: true,
      lead: `${project.name} was first released in ${formatDate(project.released)}.`,
      leadSources: project.sources,
      docs: rankDocs(ctx, [project.id], { topics: ['history', 'release'], limit: 2 }).filter(
        (d) => d.topic !== 'summary',
      ),
      confidence: score,
    };
  return topicAnswer(ctx, project, owner, score);
}

/** A project's statements on the ask's topic, after its profile unless the ask is specific. */
function topicAnswer(ctx: Ctx, project: Rec<'project'>, owner: KbRecord | undefined, score: number): Draft {
  const { ask } = ctx;
  const topics = topicsFor(ask);
  const docs = rankDocs(ctx, [project.id], {
    topics: topics.length ? topics : ['history', 'release', 'note'],
    limit: 3,
  }).filter((d) => d.topic !== 'summary');
  const released = project.released ? ` First released ${formatDate(project.released)}.` : '';
  const by =
    owner && !normalize(project.summary).includes(normalize(shortName(owner)))
      ? ` Run by ${owner.name}.`
      : '';
  const asksSpecific = ctx.ask.content.length > 0 && docs.length > 0 && !asks(ask, 'overview');
  const lead = asksSpecific
    ? ''
    : `${project.name} — ${project.summary}${released}${by}${spellingNote(ctx, project)}`;
  return {
    subject: project,
    lead,
    leadSources: lead ? project.sources : undefined,
    docs,
    confidence: score,
    generic: lead !== '',
  };
}

/** "When did Llama 3.4 come out?": a version of the project asked for that no release statement names. */
export function unknownVersionAsked(ctx: Ctx, project: Rec<'project'>): boolean {
  const asked = versionAsked(ctx, project);
  return !!asked && !releaseText(project).includes(` ${asked.name} ${asked.version} `);
}

/**
 * "What licence is Llama 3 under?": a version of the project asked about whose licence no statement tells —
 * another version's terms are no answer.
 */
export function unknownLicenceVersion(ctx: Ctx, project: Rec<'project'>): boolean {
  const named = typedVersion(ctx, project);
  if (!named) return false;
  return !project.facts.some((f) => {
    const text = ` ${normalize(f.text)} `;
    return text.includes(named) && LICENCE_WORD.test(text);
  });
}

/** The project's name and version as typed ("loom 2 1" in "the Loom 2.1 terms"), padded, if a version was. */
function typedVersion(ctx: Ctx, project: Rec<'project'>): string | undefined {
  for (const m of ctx.mentions) {
    if (!m.surfaces.some((s) => s.record.id === project.id)) continue;
    const words = normalize(m.typed).split(' ');
    const at = words.findIndex((w) => /^\d+$/.test(w) && !/^(19|20)\d\d$/.test(w));
    if (at < 1) continue;
    let end = at + 1;
    while (end < words.length && /^\d{1,2}$/.test(words[end] as string)) end++;
    return ` ${words.slice(at - 1, end).join(' ')} `;
  }
  return undefined;
}

const LICENCE_WORD = /\b(?:licen[cs]\w*|open source|open weights?|commercial use)\b/;

/**
 * A version number written right after the project's name ("Stable Diffusion 9", "llama 5"), when the records'
 * names for it have no such version: the name's last word and the number.
 */
function versionAsked(ctx: Ctx, project: Rec<'project'>): { name: string; version: string } | undefined {
  const names = ` ${normalize([project.name, ...project.aliases.map(aliasName)].join(' '))} `;
  const { words } = ctx.q;
  for (const m of ctx.mentions) {
    if (!m.surfaces.some((s) => s.record.id === project.id)) continue;
    for (let i = Math.max(1, m.start); i <= m.end && i < words.length; i++) {
      const w = words[i] as string;
      const name = typedName(ctx, project, i - 1);
      if (/^\d+$/.test(w) && !/^(19|20)\d\d$/.test(w) && !names.includes(` ${name} ${w} `)) {
        // "3.4" reads as "3 4": the whole number, so Pixel Diffusion 3.4 is not met by 3.1.
        let version = w;
        for (let j = i + 1; j < words.length && /^\d{1,2}$/.test(words[j] as string); j++)
          version += ` ${words[j]}`;
        return { name, version };
      }
    }
  }
  return undefined;
}

/**
 * The question's word at `i`, read as the project's name when a typo of it was linked there ("lama 3" is
 * Llama 3): versions are looked for under the name the records use.
 */
function typedName(ctx: Ctx, project: Rec<'project'>, i: number): string {
  const word = ctx.q.words[i] as string;
  const linked = ctx.mentions.some(
    (m) => m.score < 1 && i >= m.start && i < m.end && m.surfaces.some((s) => s.record.id === project.id),
  );
  return linked ? (normalize(project.name).split(' ').at(-1) ?? word) : word;
}

/**
 * How well a statement fits the versions a question names of a project: +1 when it names one of them, -1 when it
 * names only another version of the project ("Llama 3.1 …" for a question about Llama 2), 0 otherwise. Read once
 * per question; the returned test runs per statement.
 */
export function versionFit(ctx: Ctx, project: Rec<'project'>): (doc: FactDoc) => number {
  const asked = versionPhrases(ctx, project).filter((v) => !isSize(v));
  if (!asked.length) return () => 0;
  const named = asked.map((v) => new RegExp(` ${v}(?! \\d)(?: |$)`));
  const name = asked[0]?.split(' ').slice(0, -1).join(' ');
  const other = name ? new RegExp(` ${name} \\d`) : undefined;
  return (doc) => {
    const text = ` ${normalize(doc.text)} `;
    if (named.some((re) => re.test(text))) return 1;
    return other?.test(text) ? -1 : 0;
  };
}

/** Every release statement of a project, normalised, for finding a version in it. */
function releaseText(project: Rec<'project'>): string {
  return ` ${normalize(project.facts.map((f) => f.text).join(' '))} `;
}

/** A model size typed as a version ("70b", "8b"). */
function isSize(word: string): boolean {
  return /^\d+[a-z]$/.test(word);
}

/** How many of the best statements elsewhere are read for a version named in them. */
const ELSEWHERE_LIMIT = 8;

/** Below this share of the ask covered by a named version's own statements, the version's answer isn't known. */
const VERSION_COVERAGE = 0.4;
/** Informativeness from which a word of the ask tells what about a version is asked. */
const TELLING_WORD = 0.8;

const LIST_WORDS = new Set(['and', 'or', 'vs', 'versus', 'to', 'through', 'then']);

/**
 * The versions a question names, as phrases to find in release statements: "llama 4" (the number with the word
 * before it), and for "version 3" or "v3" the project's name with the number; sizes like "70b" stand alone.
 */
function versionPhrases(ctx: Ctx, project: Rec<'project'>): string[] {
  const { words } = ctx.q;
  const last = normalize(project.name).split(' ').at(-1) ?? '';
  const out: string[] = [];
  let named = '';
  let byVersionWord = false;
  words.forEach((w, i) => {
    if (/^(19|20)\d\d$/.test(w)) return;
    if (isSize(w)) out.push(w);
    else if (/^\d+$/.test(w) && i > 0 && !/^\d+$/.test(words[i - 1] as string)) {
      const prev = typedName(ctx, project, i - 1);
      // "llama 3.1" reads as "llama 3 1": the whole number, so Llama 3.1 is not met by Llama 3 or 3.3.
      let version = w;
      for (let j = i + 1; j < words.length && /^\d{1,2}$/.test(words[j] as string); j++)
        version += ` ${words[j]}`;
      // "model 4.1 and 4.2": a number after a list word takes the name of the version before it.
      const listed = named !== '' && LIST_WORDS.has(prev);
      const byWord = prev === 'version' || prev === 'v' || (listed && byVersionWord);
      const name = byWord ? last : listed ? named : prev;
      [named, byVersionWord] = [name, byWord];
      out.push(`${name} ${version}`);
      // "Version 2 was released …": the records may name the version so too.
      if (byWord) out.push(`version ${version}`);
    }
  });
  return out;
}

import { aliasName } from '../../knowledge/model.js';
import type { FactDoc } from '../../search/index.js';
import { shortName } from '../../search/render.js';
import { formatDate } from '../../text/dates.js';
import { normalize } from '../../text/normalize.js';
import { asks } from '../ask.js';
import type { Draft } from '../compose.js';
import type { Ctx } from '../context.js';
import { coverage } from '../coverage.js';
import { type Rec, rankDocs, spellingNote, topicsFor } from './shared.js';

export function projectAnswer(ctx: Ctx, project: Rec<'project'>, score: number): Draft {
  const { ask } = ctx;
  const owner = project.owner ? ctx.index.kb.byId.get(project.owner) : undefined;
  if ((asks(ask, 'release') || asks(ask, 'when')) && project.facts.some((f) => f.topic === 'release')) {
    const all = project.facts
      .filter((f) => f.topic === 'release')
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    // A version named ("version 3.1", "the 70B one"): the releases of that version only.
    const versions = ctx.q.words.filter((w) => /^\d+(?:\.\d+)?[a-z]?$/.test(w) && !/^(19|20)\d\d$/.test(w));
    const byVersion = all.filter((f) => versions.some((v) => ` ${normalize(f.text)} `.includes(` ${v} `)));
    const asked = versionAsked(ctx, project);
    if (asked && !releaseText(project).includes(` ${asked.name} ${asked.version} `))
      return { subject: project, lead: '', docs: [], confidence: 0, unknown: true };
    // Or the releases that cover what else the ask names ("the original", "the licence").
    const byContent = ask.content.length
      ? all.filter((f) => coverage(ask.content, [], [f.text], ctx.index).ratio >= 0.5)
      : [];
    const named = byVersion.length ? byVersion : byContent.slice(0, 2);
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
  if (owner && (asks(ask, 'who') || asks(ask, 'founders'))) {
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
      const name = words[i - 1] as string;
      if (/^\d+$/.test(w) && !/^(19|20)\d\d$/.test(w) && !names.includes(` ${name} ${w} `))
        return { name, version: w };
    }
  }
  return undefined;
}

/** Every release statement of a project, normalised, for finding a version in it. */
function releaseText(project: Rec<'project'>): string {
  return ` ${normalize(project.facts.map((f) => f.text).join(' '))} `;
}

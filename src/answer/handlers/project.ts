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
    const unknown = versionAsked(ctx, project);
    if (unknown && !byVersion.length && !releaseText(project).includes(` ${unknown} `))
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

/** A version number written with the project's name ("Stable Diffusion 9"), when the name itself has none. */
function versionAsked(ctx: Ctx, project: Rec<'project'>): string | undefined {
  const names = ` ${normalize([project.name, ...project.aliases.map(aliasName)].join(' '))} `;
  for (const m of ctx.mentions) {
    if (!m.surfaces.some((s) => s.record.id === project.id)) continue;
    for (let i = m.start; i <= m.end && i < ctx.q.words.length; i++) {
      const w = ctx.q.words[i] as string;
      if (/^\d+(?:\.\d+)?$/.test(w) && !/^(19|20)\d\d$/.test(w) && !names.includes(` ${w} `)) return w;
    }
  }
  return undefined;
}

/** Every release statement of a project, normalised, for finding a version in it. */
function releaseText(project: Rec<'project'>): string {
  return ` ${normalize(project.facts.map((f) => f.text).join(' '))} `;
}

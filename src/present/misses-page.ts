import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { MissGroup } from '../storage/misses.js';
import { COLORS, type ComponentRow } from './answer-embed.js';
import { escapeText } from './escape.js';
import { cut, fitEmbed, fitLines, LIMITS } from './fit.js';

/** Groups per page of /misses. */
export const PAGE_SIZE = 10;

/** Custom ids of the page buttons: `misses:page:<days>:<page>:<prev|next>` (the last part keeps them distinct). */
const PAGE_ID = /^misses:page:(\d{1,4}):(\d{1,4}):(?:prev|next)$/;

/** Reads a page button's custom id. */
export function parsePageId(customId: string): { days: number; page: number } | undefined {
  const match = PAGE_ID.exec(customId);
  if (!match) return undefined;
  return { days: Number(match[1]), page: Number(match[2]) };
}

/** What one /misses page shows. */
export interface MissesPageInput {
  groups: readonly MissGroup[];
  days: number;
  page: number;
  /** The display name of a subject id; the id itself when the record is gone. */
  nameOf(subjectId: string): string;
}

/** "asked 3× · 2 refused · 1 👎": only the counts that are not zero. */
export function missCounts(group: MissGroup): string {
  return [
    `asked ${group.asked}×`,
    group.refused ? `${group.refused} refused` : '',
    group.unsure ? `${group.unsure} unsure` : '',
    group.down ? `${group.down} 👎` : '',
    group.up ? `${group.up} 👍` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function line(group: MissGroup, rank: number, nameOf: (id: string) => string): string {
  const picked = group.subjectId ? ` · picked **${escapeText(cut(nameOf(group.subjectId), 80))}**` : '';
  const when = `<t:${Math.floor(group.lastAt / 1000)}:R>`;
  return `${rank}. “${escapeText(cut(group.question.replace(/\s+/g, ' ').trim(), 150))}” — ${missCounts(group)} · last ${when}${picked}`;
}

/** The number of pages for `count` groups (at least one, for the empty page). */
export function pageCount(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}

/**
 * One page of the /misses reply: the questions of the last `days` days that were refused, unsure or voted
 * down, worst first, with counts, when last asked and the subject the bot picked; ◀ ▶ when there is more.
 */
export function missesPage(input: MissesPageInput): { embeds: APIEmbed[]; components: ComponentRow[] } {
  const pages = pageCount(input.groups.length);
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const shown = input.groups.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const period = `the last ${input.days === 1 ? 'day' : `${input.days} days`}`;
  const embed = fitEmbed({
    title: `Missed questions — ${period}`,
    description: shown.length
      ? fitLines(
          shown.map((g, i) => line(g, page * PAGE_SIZE + i + 1, input.nameOf)),
          LIMITS.embedDescription,
        )
      : `Nothing missed in ${period}: no question was refused, answered unsurely or voted 👎.`,
    color: COLORS.unsure,
    footer: {
      text: `Page ${page + 1} of ${pages} · ${input.groups.length} question${input.groups.length === 1 ? '' : 's'} refused, unsure or voted down · grouped by wording`,
    },
  });
  if (pages === 1) return { embeds: [embed], components: [] };
  const button = (target: number, which: 'prev' | 'next', label: string) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    custom_id: `misses:page:${input.days}:${Math.min(Math.max(0, target), pages - 1)}:${which}`,
    label,
    disabled: target < 0 || target >= pages,
  });
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [button(page - 1, 'prev', '◀ Previous'), button(page + 1, 'next', 'Next ▶')],
      },
    ],
  };
}

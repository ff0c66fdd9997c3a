import type { KnowledgeBase } from '../knowledge/model.js';
import { formatDate } from '../text/dates.js';

/**
 * What a reply's footer tells members about the knowledge behind it: when it was last updated. The version hash
 * means nothing to them; moderators see it in /reload.
 */
export function knowledgeFooter(kb: Pick<KnowledgeBase, 'updated'>): string {
  return kb.updated ? `Knowledge updated ${formatDate(kb.updated)}` : '';
}

/** Joins footer parts, skipping empty ones: "Knowledge updated December 1, 2026 · page 1 of 3". */
export function footerText(...parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join(' · ');
}

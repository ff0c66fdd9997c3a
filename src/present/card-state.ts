import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import { LIMITS } from './fit.js';

/** The sections of an /initiative card, in button order. */
export const INITIATIVE_TOPICS = [
  'overview',
  'founders',
  'members',
  'goals',
  'criticism',
  'timeline',
  'sources',
] as const;
export type InitiativeTopic = (typeof INITIATIVE_TOPICS)[number];

const CODE: Record<InitiativeTopic, string> = {
  overview: 'o',
  founders: 'f',
  members: 'm',
  goals: 'g',
  criticism: 'c',
  timeline: 't',
  sources: 's',
};
const TOPIC_BY_CODE = new Map(INITIATIVE_TOPICS.map((t) => [CODE[t], t]));

/** What a card button shows when pressed. The state lives in the custom id, so it survives restarts. */
export interface CardState {
  /** A record id, or `#<hash>` for ids too long for a custom id (see {@link findRecordByRef}). */
  ref: string;
  topic: InitiativeTopic;
  page: number;
  /** Only this user may press the card's buttons. */
  ownerId: string;
}

/** `t` switches topic, `p` turns a page; two buttons never share a custom id even when they lead to one view. */
export type CardAction = 't' | 'p';

const PREFIX = 'initiative';

function hashRef(id: string): string {
  return `#${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

/** The reference to put in a custom id: the id itself while it fits, else a hash of it. */
export function recordRef(id: string, ownerId: string): string {
  const room = LIMITS.customId - `${PREFIX}:p:x:999:${ownerId}:`.length;
  return id.length <= room ? id : hashRef(id);
}

/** Looks up the record a {@link CardState.ref} points to. */
export function findRecordByRef(ref: string, kb: KnowledgeBase): KbRecord | undefined {
  if (!ref.startsWith('#')) return kb.byId.get(ref);
  return kb.records.find((r) => hashRef(r.id) === ref);
}

/** `initiative:<action>:<topic>:<page>:<owner>:<ref>`, always at most 100 characters. */
export function encodeCardState(action: CardAction, state: CardState): string {
  return `${PREFIX}:${action}:${CODE[state.topic]}:${state.page}:${state.ownerId}:${state.ref}`;
}

/** Reads a card button's custom id; `undefined` for anything malformed (old formats, tampering). */
export function decodeCardState(customId: string): (CardState & { action: CardAction }) | undefined {
  const m = /^initiative:([tp]):([a-z]):(\d{1,3}):(\d{1,20}):([#a-z0-9-]+)$/.exec(customId);
  const topic = m ? TOPIC_BY_CODE.get(m[2] as string) : undefined;
  if (!m || !topic) return undefined;
  return {
    action: m[1] as CardAction,
    topic,
    page: Number(m[3]),
    ownerId: m[4] as string,
    ref: m[5] as string,
  };
}

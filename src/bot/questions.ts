import { type Answer, answer } from '../answer/answer.js';
import { smallTalk } from '../answer/small-talk.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import { type AskOutcome, askOutcome } from '../present/answer-embed.js';
import type { SearchIndex } from '../search/index.js';
import type { FeedbackLog } from '../storage/feedback-log.js';

/** The longest question the bot takes: /ask's option allows this much, and so do mentions and the message menu. */
export const MAX_QUESTION = 300;

/** How a member asked: `/ask`, an @mention, or the message menu (Apps → Ask Initiatives Bot). */
export type AskedVia = 'slash' | 'mention' | 'message-menu';

/** What asking produced: a small-talk reply, or the answer engine's answer (with the index it came from). */
export type Asked =
  | { kind: 'small-talk'; question: string; reply: string }
  | {
      kind: 'answer';
      question: string;
      result: Answer;
      outcome: AskOutcome;
      index: SearchIndex;
      /** The recorded ask, for the answer's 👍/👎 buttons; absent when feedback is off or storage unavailable. */
      askId?: string;
    };

/** Who asked, where: what the miss log records (the member only as a keyed hash). */
export interface Asker {
  /** `null` in a direct message. */
  guildId: string | null;
  userId: string;
}

/** What {@link askQuestion} needs: the knowledge and a logger that already names the asker. */
export interface AskContext {
  store: KnowledgeStore;
  logger: Logger;
  /** Where questions are recorded for /misses; without it (or without an asker) nothing is recorded. */
  feedback?: FeedbackLog;
}

/**
 * The one place every question is recorded, whichever way it was asked; the miss log (issue 13) hooks in here so
 * /ask, mentions and the message menu are recorded alike.
 */
function recordAsked(asked: Asked, via: AskedVia, ctx: AskContext, asker: Asker | undefined): void {
  const { logger } = ctx;
  if (asked.kind === 'small-talk') {
    logger.info({ question: asked.question, via }, 'small talk answered');
    return;
  }
  const { question, result, outcome } = asked;
  if (ctx.feedback && asker) {
    const askId = ctx.feedback.recordAsk({
      ...asker,
      question,
      result,
      knowledgeVersion: asked.index.kb.version,
      via,
    });
    if (askId) asked.askId = askId;
  }
  // Questions that found nothing are logged at info so moderators can see what to add.
  logger.info(
    { question, via, outcome, confidence: result.confidence, subject: result.subject?.id ?? null },
    outcome === 'not-found' ? 'question not in the knowledge base' : 'question answered',
  );
}

/**
 * The one answer path every way of asking goes through: small talk first ("hi", "thanks", "what can you do?"),
 * then the answer engine on the current knowledge base; logged the same way whichever way the member asked.
 */
export function askQuestion(text: string, via: AskedVia, ctx: AskContext, asker?: Asker): Asked {
  const question = text.trim().slice(0, MAX_QUESTION);
  const reply = smallTalk(question);
  let asked: Asked;
  if (reply !== undefined) {
    asked = { kind: 'small-talk', question, reply };
  } else {
    const { index } = ctx.store.current;
    const result = answer(question, index);
    asked = { kind: 'answer', question, result, outcome: askOutcome(result), index };
  }
  recordAsked(asked, via, ctx, asker);
  return asked;
}

/**
 * The question in a Discord message's text: mentions of the bot and of anyone else, channel links, custom emoji and
 * timestamps removed (the answer engine can't read ids), whitespace collapsed, and cut to {@link MAX_QUESTION}.
 */
export function questionFromMessage(content: string): string {
  const text = content
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:[\w~]+:\d+>/g, ' ')
    .replace(/<t:-?\d+(?::[tTdDfFR])?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_QUESTION) return text;
  const cut = text.slice(0, MAX_QUESTION);
  const space = cut.lastIndexOf(' ');
  return space > MAX_QUESTION / 2 ? cut.slice(0, space) : cut;
}

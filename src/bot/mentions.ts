import type { Message } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Logger } from '../log.js';
import { mentionReply } from '../present/asked-reply.js';
import { feedbackRow } from '../present/feedback-buttons.js';
import type { FeedbackLog } from '../storage/feedback-log.js';
import type { Cooldown } from './cooldown.js';
import { isMissingPermission } from './errors.js';
import { askQuestion, questionFromMessage } from './questions.js';
import { RateLimit } from './rate-limit.js';
import { REPLY_NO_PINGS } from './respond.js';
import { APOLOGY } from './router.js';

/** After the bot was refused in a channel, it stays quiet there this long instead of failing on every mention. */
const MUTE_AFTER_REFUSAL_MS = 10 * 60_000;
const MINUTE = 60_000;

/** What {@link MentionResponder} needs: the same knowledge, config and per-member cooldown as the slash commands. */
export interface MentionContext {
  store: KnowledgeStore;
  config: Pick<BotConfig, 'mentionChannelIds' | 'mentionChannelLimit'>;
  /** The per-member cooldown /ask uses, so a mention and /ask count as the same member asking. */
  cooldown: Cooldown;
  logger: Logger;
  /** Where questions are recorded for /misses, as for /ask. */
  feedback?: FeedbackLog;
  now?: () => number;
}

/**
 * Whether a message asks the bot: a member (not a bot, webhook or system message) mentions the bot's user in the
 * text. Messages that reach the bot only through @everyone, @here, a role, or a reply are not questions for it.
 */
export function asksBot(message: Message, botId: string): boolean {
  if (message.author.bot || message.webhookId !== null || message.system) return false;
  return new RegExp(`<@!?${botId}>`).test(message.content);
}

/**
 * Answers @mentions in channels and threads the bot can read, as a reply to the message, with the same answer path,
 * per-member cooldown and logging as /ask, plus a per-channel limit (further mentions are ignored quietly). A
 * channel where the bot may not post is logged once and left alone for a while rather than retried.
 */
export class MentionResponder {
  readonly #ctx: MentionContext;
  readonly #channelLimit: RateLimit;
  readonly #now: () => number;
  readonly #allowed: ReadonlySet<string>;
  readonly #mutedUntil = new Map<string, number>();
  readonly #warned = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  #accepting = true;

  constructor(ctx: MentionContext) {
    this.#ctx = ctx;
    this.#now = ctx.now ?? Date.now;
    this.#channelLimit = new RateLimit(ctx.config.mentionChannelLimit, MINUTE, this.#now);
    this.#allowed = new Set(ctx.config.mentionChannelIds);
  }

  /** Mentions still being answered. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Handles one gateway message; never rejects. */
  handle(message: Message): Promise<void> {
    const task = this.#handle(message).catch((error: unknown) => {
      this.#ctx.logger.error({ err: error, message: message.id }, 'mention handling failed');
    });
    this.#inFlight.add(task);
    void task.finally(() => this.#inFlight.delete(task));
    return task;
  }

  /** Stops answering new mentions (used at shutdown). */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Waits for mentions being answered, at most `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
    clearTimeout(timer);
  }

  async #handle(message: Message): Promise<void> {
    if (!this.#accepting || this.#channelLimit.limit === 0) return;
    if (!message.inGuild() || !asksBot(message, message.client.user.id)) return;
    const channelId = message.channelId;
    const logger = this.#ctx.logger.child({
      via: 'mention',
      channel: channelId,
      user: message.author.id,
      message: message.id,
    });
    const ignore = (reason: string) => logger.debug({ reason }, 'mention ignored');
    const parentId = message.channel.isThread() ? message.channel.parentId : null;
    if (this.#allowed.size > 0 && !this.#allowed.has(channelId) && !(parentId && this.#allowed.has(parentId)))
      return ignore('channel not in MENTION_CHANNEL_IDS');
    if ((this.#mutedUntil.get(channelId) ?? 0) > this.#now()) return ignore('not allowed to post here');
    // The member's cooldown first: someone repeating themselves shouldn't use up the channel's answers.
    if (!this.#ctx.cooldown.take(message.author.id).ok) return ignore('member cooldown');
    if (!this.#channelLimit.take(channelId)) return ignore('channel rate limit');

    let reply: ReturnType<typeof mentionReply> & { components?: ReturnType<typeof feedbackRow>[] };
    try {
      const asked = askQuestion(
        questionFromMessage(message.content),
        'mention',
        { ...this.#ctx, logger },
        { guildId: message.guildId, userId: message.author.id },
      );
      reply = mentionReply(asked);
      // The reply is public: a sure answer gets 👍/👎 like /ask's.
      if (asked.kind === 'answer' && asked.askId && asked.outcome === 'answer')
        reply = { ...reply, components: [feedbackRow(asked.askId)] };
    } catch (error) {
      logger.error({ err: error }, 'answering a mention failed');
      reply = { content: APOLOGY, embeds: [] };
    }
    try {
      await message.reply({ ...reply, failIfNotExists: false, allowedMentions: REPLY_NO_PINGS });
    } catch (error) {
      if (!isMissingPermission(error)) throw error;
      this.#mutedUntil.set(channelId, this.#now() + MUTE_AFTER_REFUSAL_MS);
      if (this.#warned.has(channelId)) return logger.debug({ err: error }, 'still not allowed to post here');
      this.#warned.add(channelId);
      logger.warn(
        { err: error },
        'cannot answer mentions in this channel: the bot needs View Channel, Send Messages (in Threads), Embed Links and Read Message History there',
      );
    }
  }
}

import { describe, expect, it } from 'vitest';
import { ASK_MESSAGE } from '../commands/ask-message.js';
import { smallTalk } from '../src/answer/small-talk.js';
import { questionFromMessage } from '../src/bot/questions.js';
import { RateLimit } from '../src/bot/rate-limit.js';

describe('small talk', () => {
  it('points greetings, thanks and "what can you do?" to what the bot knows and how to ask', () => {
    for (const text of ['hi', 'Hello!', 'hey there 👋', 'good morning, bot', 'yo']) {
      expect(smallTalk(text), text).toMatch(/^Hi!/);
      expect(smallTalk(text)).toContain('/ask');
    }
    for (const text of ['thanks', 'Thank you so much!', 'thx', 'cheers!!', 'ok, got it']) {
      expect(smallTalk(text), text).toMatch(/^Glad to help/);
    }
    for (const text of ['what can you do?', 'help', 'HELP ME', 'Who are you?', 'how does this work']) {
      const reply = smallTalk(text);
      expect(reply, text).toMatch(/curated knowledge base where every fact has a source/);
      expect(reply).toContain('/help');
    }
  });

  it('prefers explaining itself when a greeting comes with "what can you do?"', () => {
    expect(smallTalk('hi! what can you do?')).toMatch(/^I answer questions/);
  });

  it('treats an empty message (a bare mention) as asking what it does', () => {
    expect(smallTalk('')).toMatch(/^I answer questions/);
    expect(smallTalk('  ?! ')).toMatch(/^I answer questions/);
  });

  it('leaves real questions to the answer engine, even when they start with a greeting or "help"', () => {
    for (const text of [
      'hi, who co-founded the AI Alliance?',
      'hello what is IBM',
      'thanks, and who is Yann LeCun?',
      'help me find the members of the AI Alliance',
      'what can you tell me about Meta',
      'hi there bot is Meta a member',
    ]) {
      expect(smallTalk(text), text).toBeUndefined();
    }
  });

  it('names the message menu by its registered name', () => {
    expect(smallTalk('help')).toContain(`Apps → ${ASK_MESSAGE}`);
  });
});

describe('the question in a message', () => {
  it('drops mentions, channel links, custom emoji and timestamps, and collapses whitespace', () => {
    expect(questionFromMessage('<@1300000000000000001>   who founded <#1300000000000000200>?')).toBe(
      'who founded ?',
    );
    expect(
      questionFromMessage(
        '<@!1300000000000000001> <@&1300000000000000500> is <:meta:123456> Meta <t:1700000000:R>',
      ),
    ).toBe('is Meta');
  });

  it('cuts long messages to 300 characters at a word boundary', () => {
    const long = `${'word '.repeat(100)}end`;
    const question = questionFromMessage(long);
    expect(question.length).toBeLessThanOrEqual(300);
    expect(question.endsWith('word')).toBe(true);
  });
});

describe('the per-channel mention limit', () => {
  it('allows `limit` uses per key in any sliding window, keys independently, and 0 allows none', () => {
    let now = 1_000_000;
    const limit = new RateLimit(2, 60_000, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, false]);
    expect(limit.take('b')).toBe(true);
    now += 30_000;
    expect(limit.take('a')).toBe(false);
    now += 30_001;
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, false]);
    expect(new RateLimit(0, 60_000).take('a')).toBe(false);
  });
});

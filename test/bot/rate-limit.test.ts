import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { CommandDefinitionError, validateCommands } from '../../src/bot/command.js';
import { NotifyLimits, notifyWithheldMessage, RateLimit } from '../../src/bot/rate-limit.js';

describe('the sliding-window rate limit', () => {
  it('says when a key at its limit may be used again: when its oldest use leaves the window', () => {
    let now = 1_000_000;
    const limit = new RateLimit(2, 60_000, () => now);
    expect(limit.take('a')).toBe(true);
    now += 10_000;
    expect(limit.take('a')).toBe(true);
    expect(limit.blockedUntil('a')).toBe(1_060_000);
    expect(limit.blockedUntil('b')).toBeUndefined();
    now = 1_060_001;
    expect(limit.take('a')).toBe(true);
    expect(limit.blockedUntil('a')).toBe(1_070_000);
  });

  it('gives a refunded use back', () => {
    const limit = new RateLimit(1, 60_000, () => 5);
    limit.record('a').refund();
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
  });

  it('with a limit of 0 allows nothing, for a window from now', () => {
    expect(new RateLimit(0, 1000, () => 0).blockedUntil('a')).toBe(1000);
  });
});

describe('notification limits', () => {
  it('checks the member before the server, and a refusal by one uses up neither', () => {
    const limits = new NotifyLimits({ perMember: 1, perServer: 2 }, () => 0);
    expect(limits.take('m1', 'g').ok).toBe(true);
    expect(limits.take('m1', 'g')).toMatchObject({ ok: false, scope: 'member' });
    expect(limits.take('m2', 'g').ok).toBe(true);
    expect(limits.take('m3', 'g')).toMatchObject({ ok: false, scope: 'server' });
    expect(limits.take('m3', 'other-guild').ok).toBe(true);
  });

  it('explains a switched-off allowance without promising a retry', () => {
    const message = notifyWithheldMessage(
      { ok: false, scope: 'member', retryAt: 600_000 },
      { perMember: 0, perServer: 30 },
      '1300000000000000301',
    );
    expect(message).toBe(
      '🔕 Posted without notifying <@1300000000000000301>: this bot is set up not to notify anyone.',
    );
  });
});

describe('declared command rules', () => {
  const base = (notifies: string) => ({
    data: new SlashCommandBuilder()
      .setName('card')
      .setDescription('A card')
      .addUserOption((o) => o.setName('mention').setDescription('Who to notify')),
    execute: async () => {},
    notifies,
  });

  it('accepts `notifies` naming a user option, and refuses one naming anything else', () => {
    expect(validateCommands([base('mention')])).toHaveLength(1);
    expect(() => validateCommands([base('who')])).toThrow(CommandDefinitionError);
    expect(() => validateCommands([base('who')])).toThrow(
      /notifies "who", but has no user option of that name/,
    );
  });

  it('refuses rules of the wrong type, naming them', () => {
    expect(() => validateCommands([{ ...base('mention'), cooldown: 5 }])).toThrow(/cooldown /);
    expect(() => validateCommands([{ ...base('mention'), moderatorOnly: 'yes' }])).toThrow(/moderatorOnly /);
  });
});

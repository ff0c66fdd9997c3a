import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { CommandDefinitionError, validateCommands } from '../../src/bot/command.js';
import { cooldownMessage } from '../../src/bot/cooldown.js';
import { NotifyLimits, notifyWithheldMessage, WindowLimiter } from '../../src/bot/rate-limit.js';

describe('the sliding-window limiter', () => {
  it('allows `limit` uses per window, per key, and again once the oldest use leaves the window', () => {
    let now = 1_000_000;
    const limiter = new WindowLimiter(2, 60_000, () => now);
    expect(limiter.take('a').ok).toBe(true);
    now += 10_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAt: 1_060_000 });
    expect(limiter.take('b').ok).toBe(true);
    now = 1_060_001;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAt: 1_070_000 });
  });

  it('gives a refunded use back', () => {
    const limiter = new WindowLimiter(1, 60_000, () => 5);
    const first = limiter.take('a');
    if (!first.ok) throw new Error('first use refused');
    first.reservation.refund();
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('with a limit of 0 allows nothing', () => {
    expect(new WindowLimiter(0, 1000, () => 0).take('a')).toEqual({ ok: false, retryAt: 1000 });
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

  it('refuses a cooldown that is not a function of the configuration', () => {
    expect(() => validateCommands([{ ...base('mention'), cooldown: 5 }])).toThrow(
      /cooldown must be a function/,
    );
  });

  it('words the cooldown note for /ask and for other commands', () => {
    expect(cooldownMessage(5000)).toBe('⏳ One question at a time — you can ask again <t:5:R>.');
    expect(cooldownMessage(5000, 'whois')).toBe('⏳ One at a time — you can use /whois again <t:5:R>.');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordTest, OTHER_USER, startDiscord } from '../support/bot-harness.js';
import type { InteractionHandle } from '../support/emulator.js';

const pingsOf = (handle: InteractionHandle) => handle.writes.flatMap((w) => w.pings.users);
const member = (n: number) => ({
  user: { id: `13000000000000010${String(n).padStart(2, '0')}`, username: `m${n}` },
});

describe('notifications (the mention option) are rate-limited by the router', () => {
  let discord: DiscordTest;
  beforeAll(async () => {
    discord = await startDiscord({ env: { NOTIFY_PER_MEMBER: '3', NOTIFY_PER_SERVER: '8' } });
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('lets one member notify at most the limit out of 50 /whois mention:, still shows every card, and says why privately', async () => {
    const burst = Array.from({ length: 50 }, () =>
      discord.dispatch('/whois', { name: 'Meta', mention: OTHER_USER }, member(1)),
    );
    const cards = await Promise.all(burst.map((h) => h.reply()));
    expect(cards.every((c) => c.embeds[0]?.title === 'Meta')).toBe(true);

    const notified = burst.filter((h) => pingsOf(h).includes(OTHER_USER.id));
    expect(notified).toHaveLength(3);
    const withheld = burst.filter((h) => !pingsOf(h).includes(OTHER_USER.id));
    for (const h of withheld) {
      expect(h.writes[0]?.allowedMentions).toEqual({ parse: [] });
      const note = await discord.emulator.waitFor(() => h.followUps[0], 5000, 'the private note');
      expect(note.flags & 64).toBe(64);
      expect(note.content).toMatch(
        /^🔕 Posted without notifying <@\d+>: you can have the bot notify someone 3 times every 10 minutes — again <t:\d+:R>\.$/,
      );
    }
    expect(discord.logsMatching('notification withheld: over the limit')).toHaveLength(47);
  });

  it('caps notifications per server across members, and leaves replies without a mention alone', async () => {
    // Member 1 used 3 of the server's 8 above; members 2–6 may notify once each before the cap.
    const others = [2, 3, 4, 5, 6, 7, 8].map((n) =>
      discord.dispatch('/initiative', { name: 'ai-alliance', mention: OTHER_USER }, member(n)),
    );
    await Promise.all(others.map((h) => h.reply()));
    expect(others.filter((h) => pingsOf(h).includes(OTHER_USER.id))).toHaveLength(5);
    const capped = others.filter((h) => !pingsOf(h).includes(OTHER_USER.id));
    expect(capped).toHaveLength(2);
    const note = await discord.emulator.waitFor(() => capped[0]?.followUps[0], 5000, 'the private note');
    expect(note.content).toContain('at most 8 times every 10 minutes in this server');

    const plain = await discord.run('/whois', { name: 'IBM' }, member(9));
    expect(plain.message.content).toBe('');
    expect(plain.handle.followUps).toEqual([]);
  });

  it('gives the allowance back when the card could not be shown', async () => {
    const fresh = await startDiscord({ env: { NOTIFY_PER_MEMBER: '1' } });
    try {
      const missing = await fresh.run('/whois', { name: 'Zorblax Industries', mention: OTHER_USER });
      expect(missing.ephemeral).toBe(true);
      const card = await fresh.run('/whois', { name: 'Meta', mention: OTHER_USER });
      expect(pingsOf(card.handle)).toEqual([OTHER_USER.id]);
    } finally {
      await fresh.close();
    }
  });

  it('never sends a payload Discord would reject or one without allowed_mentions', () => {
    expect(discord.emulator.rejected).toEqual([]);
    expect(discord.emulator.missingAllowedMentions).toEqual([]);
  });
});

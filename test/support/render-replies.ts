/**
 * `npx tsx test/support/render-replies.ts [out.html] [--split N] [--initiative id …]`: runs the real bot against the emulator,
 * opens a tour of cards and answers the way a member would (every page of every topic, /whois cards and their
 * source lists, a few questions, /help), and writes what the emulator recorded as a Discord-like HTML page. Look
 * at it in a browser, or screenshot it with headless Chromium; `--split N` writes out-1.html, out-2.html, … with N
 * replies each, so each page fits one screenshot.
 */
import { writeFile } from 'node:fs/promises';
import { decodeCardState, INITIATIVE_TOPICS } from '../../src/present/card-state.js';
import { decodeSourcesButton } from '../../src/present/whois-card.js';
import { type DiscordTest, type Shown, startDiscord } from './bot-harness.js';
import { type RenderedReply, renderPage } from './render-html.js';

const args = process.argv.slice(2);
const out = args.find((a) => a.endsWith('.html')) ?? 'replies.html';
const only = args.includes('--initiative') ? args.slice(args.indexOf('--initiative') + 1) : undefined;
const split = args.includes('--split') ? Number(args[args.indexOf('--split') + 1]) : 0;

const replies: RenderedReply[] = [];
const keep = (caption: string, shown: Shown) =>
  replies.push({ caption, message: structuredClone(shown.message) });

async function pages(
  discord: DiscordTest,
  caption: string,
  first: Shown,
  next: (s: Shown, page: number) => string | undefined,
) {
  keep(caption, first);
  let card = first;
  const count = Number(/page 1 of (\d+)/.exec(first.embed?.footer?.text ?? '')?.[1] ?? 1);
  for (let page = 1; page < count; page++) {
    const id = next(card, page);
    if (!id) break;
    card = await discord.press(card, id);
    keep(`${caption} → Next ▶ (page ${page + 1})`, card);
  }
}

const discord = await startDiscord({ logLevel: 'warn' });
try {
  const { kb } = discord.bot.store.current;
  const initiatives = kb.records.filter((r) => r.kind === 'initiative' && (!only || only.includes(r.id)));
  for (const initiative of initiatives)
    for (const topic of INITIATIVE_TOPICS) {
      const card = await discord.run('/initiative', { name: initiative.id, topic });
      await pages(discord, `/initiative name: ${initiative.name} topic: ${topic}`, card, (s, page) =>
        s.customIds.find((id) => {
          const state = decodeCardState(id);
          return state?.action === 'p' && state.page === page;
        }),
      );
    }
  if (!only) {
    for (const name of [
      'Meta',
      'IBM',
      'OpenAI',
      'Cohear',
      'Joelle Pineau',
      'Yann LeCun',
      'Apple',
      'Llama',
      'Partnership on AI',
    ]) {
      const card = await discord.run('/whois', { name });
      keep(`/whois name: ${name}`, card);
      const button = card.customIds.find((id) => decodeSourcesButton(id));
      if (button) {
        const list = await discord.press(card, button);
        await pages(discord, `/whois ${name} → All sources`, list, (s, page) =>
          s.customIds.find((id) => decodeSourcesButton(id)?.page === page),
        );
      }
    }
    for (const question of [
      'who started the AI Alliance and when?',
      'did Apple help found the Partnership on AI?',
      'what does Joelle Pineau do now?',
      'how many members does the AI Alliance have?',
    ])
      keep(`/ask question: ${question}`, await discord.run('/ask', { question }));
    keep('/help', await discord.run('/help'));
  }
  if (split > 0) {
    for (let i = 0; i < replies.length; i += split)
      await writeFile(
        out.replace(/\.html$/, `-${i / split + 1}.html`),
        renderPage(replies.slice(i, i + split)),
      );
    console.log(`wrote ${Math.ceil(replies.length / split)} pages like ${out}: ${replies.length} replies`);
  } else {
    await writeFile(out, renderPage(replies));
    console.log(`wrote ${out}: ${replies.length} replies`);
  }
} finally {
  await discord.close();
}

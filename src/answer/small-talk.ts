import { words } from '../text/normalize.js';

/** What a bit of small talk is: asking what the bot does (or for help), a greeting, or thanks and the like. */
type Cue = 'about' | 'greeting' | 'thanks';

/**
 * The cue phrases, as people type them; they are normalised the same way as the message. A message is small talk
 * only when it is made of nothing but these and {@link FILLERS}, so a real question that merely starts with "hi"
 * still goes to the answer engine.
 */
const CUES: Record<Cue, readonly string[]> = {
  about: [
    'help',
    'help me',
    'commands',
    'what can you do',
    'what do you do',
    'what do you know',
    'what are you',
    'who are you',
    'what is this',
    'what is this bot',
    'how do you work',
    'how does this work',
    'how do i use you',
    'how do i use this',
    'how does it work',
    'what can i ask',
    'what can i ask you',
    'what should i ask',
    'what are your commands',
    'info',
  ],
  greeting: [
    'hi',
    'hello',
    'hey',
    'heya',
    'hiya',
    'howdy',
    'yo',
    'sup',
    "what's up",
    'whats up',
    'greetings',
    'good morning',
    'good afternoon',
    'good evening',
    'gm',
    'hallo',
    'bonjour',
    'hola',
    'how are you',
    "how's it going",
  ],
  thanks: [
    'thanks',
    'thank you',
    'thank u',
    'thx',
    'thanx',
    'ty',
    'tysm',
    'cheers',
    'many thanks',
    'much appreciated',
    'appreciate it',
    'great',
    'awesome',
    'nice',
    'cool',
    'perfect',
    'got it',
    'ok',
    'okay',
    'bye',
    'goodbye',
  ],
};

/** Words that may surround cues without making the message a question: "hey there bot, thanks a lot!". */
const FILLERS: readonly string[] = [
  'there',
  'bot',
  'initiatives bot',
  'initiatives',
  'everyone',
  'all',
  'folks',
  'friend',
  'buddy',
  'mate',
  'again',
  'please',
  'pls',
  'plz',
  'so much',
  'a lot',
  'very much',
  'oh',
  'well',
  'and',
  'so',
  'then',
  'just',
  'really',
  'for the help',
  'for that',
];

const REPLIES: Record<Cue, string> = {
  about:
    'I answer questions about open AI initiatives — who founded them, who is a member, what they work on, ' +
    'criticism and timelines — from a curated knowledge base where every fact has a source.\n' +
    "Ask with `/ask`, mention me with your question, or pick **Apps → Ask Initiatives Bot** on someone's message. " +
    '`/initiative` and `/whois` show cards about an initiative, an organization or a person; `/help` lists everything.',
  greeting:
    'Hi! 👋 I answer questions about open AI initiatives and the organizations and people behind them, with sources. ' +
    'Ask with `/ask` or mention me with your question, e.g. *what is IBM’s role in the AI Alliance?*',
  thanks:
    'Glad to help! Ask me anything else about open AI initiatives with `/ask`, a mention, ' +
    'or **Apps → Ask Initiatives Bot** on a message.',
};

type Phrase = { words: readonly string[]; cue: Cue | undefined };

const PHRASES: readonly Phrase[] = [
  ...(Object.entries(CUES) as [Cue, readonly string[]][]).flatMap(([cue, list]) =>
    list.map((p) => ({ words: words(p), cue })),
  ),
  ...FILLERS.map((p) => ({ words: words(p), cue: undefined })),
].filter((p) => p.words.length > 0);

// Which reply wins when a message holds several cues: "hi, what can you do?" is a question about the bot.
const PRIORITY: readonly Cue[] = ['about', 'greeting', 'thanks'];

/**
 * The cues a message is made of, or undefined when any part of it is not a cue or filler. Dynamic programming over
 * the words: `reach[i]` holds the cues of some way to read the first `i` words as phrases.
 */
function cuesOf(tokens: readonly string[]): Set<Cue> | undefined {
  const reach: (Set<Cue> | undefined)[] = [new Set()];
  for (let i = 0; i < tokens.length; i++) {
    const here = reach[i];
    if (!here) continue;
    for (const phrase of PHRASES) {
      const end = i + phrase.words.length;
      if (end > tokens.length || reach[end]) continue;
      if (!phrase.words.every((w, k) => tokens[i + k] === w)) continue;
      const next = new Set(here);
      if (phrase.cue) next.add(phrase.cue);
      reach[end] = next;
    }
  }
  const all = reach[tokens.length];
  return all && all.size > 0 ? all : undefined;
}

/**
 * A short reply for greetings, thanks, "what can you do?" and "help" — a pointer to what the bot knows and how to
 * ask — or undefined for anything else, which goes to the answer engine. The whole normalised message must be small
 * talk. An empty message (a bare mention) gets the pointer too.
 */
export function smallTalk(text: string): string | undefined {
  const tokens = words(text);
  if (tokens.length === 0) return REPLIES.about;
  const cues = cuesOf(tokens);
  if (!cues) return undefined;
  const cue = PRIORITY.find((c) => cues.has(c));
  return cue ? REPLIES[cue] : undefined;
}

/** What a question asks for, read from its wording. Several can hold at once. */
export interface Intent {
  compare: boolean;
  why: boolean;
  membership: boolean;
  founders: boolean;
  when: boolean;
  members: boolean;
  goals: boolean;
  criticism: boolean;
  governance: boolean;
  quote: boolean;
  career: boolean;
  projects: boolean;
  release: boolean;
  benefits: boolean;
  /** Future plans: "is Meta going to…", "what's next". */
  plans: boolean;
  who: boolean;
  whatIs: boolean;
  yesNo: boolean;
  /** Role words such as "ceo" or "author", for "who was IBM's CEO". */
  roleWords: string[];
}

const ROLE_WORDS: Record<string, string[]> = {
  ceo: ['ceo', 'chief executive'],
  chairman: ['chair'],
  chair: ['chair'],
  president: ['president'],
  director: ['director'],
  founder: ['founder', 'founded', 'creator'],
  head: ['head', 'lead', 'director'],
  lead: ['lead', 'head'],
  leads: ['lead', 'head'],
  leading: ['lead', 'head'],
  leader: ['lead', 'head'],
  runs: ['lead', 'head', 'director', 'ceo', 'chair'],
  vp: ['vice president', 'vp'],
  scientist: ['scientist'],
  wrote: ['author', 'reporter', 'writer'],
  author: ['author', 'reporter', 'writer'],
  reporter: ['reporter', 'author'],
  journalist: ['reporter', 'author'],
  analyst: ['analyst'],
  officer: ['officer'],
  executive: ['executive'],
};

const test = (re: RegExp, q: string) => re.test(q);

/** Reads the intent of a normalised question (see `normalize`). */
export function detectIntent(q: string): Intent {
  const words = q.split(' ');
  const roleWords = [...new Set(words.flatMap((w) => ROLE_WORDS[w] ?? []))];
  return {
    compare: test(
      /\b(vs|versus|difference|differences|differ|differs|compare|compared|comparison|similar|same as)\b/,
      q,
    ),
    why: test(/\bwhy\b/, q),
    membership: test(
      /\b(member|members|membership|join|joined|joining|part of|belong|belongs|participate|participates|in the|in it|inside|founding)\b/,
      q,
    ),
    founders: test(
      /\b(found|founded|founder|founders|cofounded|cofounder|cofounders|co founded|co founder|co founders|launch|launched|started|start|created|create|formed|behind|set up|established|teamed|team up)\b/,
      q,
    ),
    when: test(
      /\b(when|what year|which year|what date|dates?|how long|since when|timeline|history|how old)\b/,
      q,
    ),
    members: test(
      /\b(members|member list|list of members|membership list|who is in|who are in|who in|(which|what) \w+( \w+)? (are|is|were) (in|part)|full list|all members|who joined|which \w+ joined|participants|signatories|signers)\b/,
      q,
    ),
    goals: test(
      /\b(mission|missions|goal|goals|aim|aims|objective|objectives|purpose|vision|trying to|want to|plans?|for what)\b/,
      q,
    ),
    criticism: test(
      /\b(critic|critics|criticism|criticisms|criticized|criticised|concern|concerns|skeptic|skeptics|skeptical|sceptical|doubt|doubts|problem|problems|downside|downsides|risk|risks|controversy|controversies|controversial|misuse|misused|abuse|abused|weakness|weaknesses)\b/,
      q,
    ),
    governance: test(
      /\b(governance|govern|governed|governing|board|committee|structure|who runs|run by|runs|leader|leaders|leadership|leads|leading|led|director|chair|head|in charge|organized|organised)\b/,
      q,
    ),
    quote: test(
      /\b(say|said|says|quote|quoted|quotes|statement|statements|according|told|claim|claimed)\b/,
      q,
    ),
    career: test(
      /\b(still|left|leave|leaving|now|currently|current|anymore|any more|work at|works at|working at|work for|works for|quit|departed|where is|where does|moved)\b/,
      q,
    ),
    projects: test(
      /\b(projects?|working on|work on|programs?|programmes?|efforts?|initiatives|products?)\b/,
      q,
    ),
    release: test(/\b(release|released|releases|version|versions|launch dates?)\b/, q),
    plans: test(
      /\b(going to|gonna|will|plan|plans|planning|planned|next|future|upcoming|intend|intends)\b/,
      q,
    ),
    benefits: test(/\b(benefit|benefits|advantage|advantages|upside|upsides|pros|good for|why open)\b/, q),
    who: test(/\b(who|whom|whos)\b/, q),
    whatIs: test(
      /\b(what is|what s|whats|what are|what was|tell me about|explain|describe|who is|who s|whos|who was|info|overview|about)\b/,
      q,
    ),
    yesNo: test(/^(is|are|was|were|did|does|do|has|have|had|can|will|would)\b/, q),
    roleWords,
  };
}

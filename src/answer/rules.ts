/**
 * The cue words of questions, as data. `ASK_RULES` is an ordered table: every rule whose cues occur in a question
 * adds its ask to the question's asks, and the first one that matches is the main ask (order is precedence; the
 * catch-all `overview` is last). A cue is a phrase matched on whole words; a word ending in `*` matches any word
 * it begins ("critici*" → criticism, criticised), and `?` matches any one word. Cue words say what kind of answer is wanted, so they never
 * count as content the answer must cover.
 */

/** What a question asks for. */
export type AskType =
  | 'context'
  | 'detail'
  | 'joint'
  | 'compare'
  | 'acronym'
  | 'quote'
  | 'career'
  | 'role'
  | 'whyNot'
  | 'members'
  | 'count'
  | 'measure'
  | 'membership'
  | 'founders'
  | 'when'
  | 'licence'
  | 'release'
  | 'projects'
  | 'criticism'
  | 'goals'
  | 'governance'
  | 'benefits'
  | 'plans'
  | 'why'
  | 'who'
  | 'overview';

/** One row of the table. */
export interface AskRule {
  ask: AskType;
  cues: readonly string[];
  /** Its words can't also be cues of later rules. */
  consumes?: boolean;
  /** Its words stay content the answer must cover (they name the thing asked for, not the kind of answer). */
  content?: boolean;
}

/** Words for who ran a piece, after "which" or "what" ("which outlet…"). */
export const OUTLET_WORDS: ReadonlySet<string> = new Set(
  'outlet site paper newspaper publication publisher blog'.split(' '),
);

/** The table, in precedence order. */
export const ASK_RULES: readonly AskRule[] = [
  {
    // When something happened, named as context ("who spoke at the launch"): its words are taken, so "launch"
    // here doesn't ask who launched it.
    ask: 'context',
    consumes: true,
    cues: [
      'at the launch',
      'at the ? launch',
      'at the ? ? launch',
      'at the ? ? ? launch',
      'at ? launch',
      'at ? ? launch',
      'when the ? launched',
      'when the ? ? launched',
      'when the ? went live',
      'at launch',
      'at its launch',
      'at the time',
      'launch release',
      'the launch',
      'launch event',
      'went live',
      'back then',
      'at the start',
    ],
  },
  {
    // Details a record of initiatives seldom holds: private life, addresses, business figures. Answered only
    // when a statement of the record speaks of it ("Toronto-based"); otherwise refused, not met with a profile.
    ask: 'detail',
    content: true,
    cues: [
      'grow up',
      'grew up',
      'born',
      'birthday',
      'birthplace',
      'hometown',
      'how old',
      'age',
      'married',
      'wife',
      'husband',
      'spouse',
      'kids',
      'children',
      'salary',
      'net worth',
      'live',
      'lives',
      'religion',
      'height',
      'phone',
      'email',
      'address',
      'street',
      'office',
      'offices',
      'headquarters',
      'headquartered',
      'located',
      'based',
      'price',
      'stock',
      'shares',
      'revenue',
      'profit',
      'valuation',
      'fee',
      'fees',
      'cost',
      'costs',
      'budget',
      'budgets',
    ],
  },
  {
    // Several names acting together ("Meta and IBM teamed up on…"): asked about as one, not one by one.
    ask: 'joint',
    cues: ['teamed', 'team up', 'teamed up', 'together', 'jointly', 'joint', 'partnered', 'with each other'],
  },
  {
    ask: 'compare',
    cues: [
      'vs',
      'versus',
      'differ*',
      'compare*',
      'comparison',
      'similar',
      'same as',
      'unlike',
      'overlap*',
      'rival*',
      'stack up',
      'contrast',
    ],
  },
  {
    ask: 'acronym',
    cues: [
      'spell out',
      'stand for',
      'stands for',
      'acronym',
      'abbreviation',
      'short for',
      'full name',
      'full form',
    ],
  },
  {
    ask: 'quote',
    cues: [
      'soundbite*',
      'sound bite*',
      'wording',
      'verbatim',
      'exact words',
      'say',
      'said',
      'says',
      'saying',
      'quote*',
      'statement',
      'statements',
      'told',
      'spoke',
      'speak',
      'spokesperson',
      'spokespeople',
      'spokespersons',
      'spokesman',
      'spokeswoman',
      // "who stood for the space agency among the launch statements": who spoke for it.
      'represented',
      'representing',
      'representative',
      'rep',
      'tell the',
      'tell reporters',
      'say to',
      'words',
      'claim*',
      'put it',
      'remark*',
      'comment*',
      'describe*',
      'called it',
      'did ? answer',
      'did ? reply',
      'did ? respond',
      'answered',
      'replied',
      'responded',
      'did ? call',
      'did ? ? call',
      'did ? ? ? call',
      // "what did IBM's research VP tell the paper": what someone told, however long the way of naming them.
      'did ? tell',
      'did ? ? tell',
      'did ? ? ? tell',
      'did ? ? ? ? tell',
      'wrote',
      'write',
      'writes',
      'end his',
      'end her',
      'conclude*',
      'ended',
      'think of',
      'thought of',
      'take on',
      'verdict',
      'opinion',
      'view of',
      'views on',
      'angle on',
      'stance on',
      // "what word did they use for it": the word someone chose is their words.
      'what word',
      'which word',
      'single word',
      'exact word',
      'word they used',
      'word did',
      'what phrase',
      'which phrase',
      'phrase did',
      // "Pineau's line about openness": a line someone said, not a product line.
      'line about',
      'line on',
      'his line',
      'her line',
      'their line',
      'react*',
      'pitch*',
    ],
  },
  {
    ask: 'career',
    cues: [
      'still',
      'left',
      'leave',
      'leaving',
      'quit',
      'depart*',
      'anymore',
      'any more',
      'work at',
      'works at',
      'working at',
      'work for',
      'works for',
      'now at',
      'moved',
      'move to',
      'where is',
      'where does',
      'currently',
      'these days',
      'nowadays',
      'new job',
      'new role',
      'next job',
      'startup',
      'step down',
      'stepped down',
      'exit*',
    ],
  },
  {
    ask: 'role',
    cues: [
      'ceo',
      'chief executive',
      'chair',
      'chairman',
      'chairwoman',
      'president',
      'director',
      'directs',
      'directed',
      'chairs',
      'chaired',
      'head',
      'vp',
      'vice president',
      'scientist',
      'author',
      'reporter',
      'journalist',
      'analyst',
      'officer',
      'executive',
      'writer',
      'boss',
      'runs',
      'running',
      'ran',
      'run by',
      'heads',
      'heading',
      'in charge',
      'lead',
      'leads',
      'leading',
      'leader',
      'led',
      'title',
      'job',
      'position',
      'role',
      'roles',
    ],
  },
  {
    ask: 'whyNot',
    cues: [
      'sit out',
      'sat out',
      'sits out',
      'sitting out',
      'stay out',
      'stayed out',
      'stays out',
      'keep out',
      'kept out',
      'stay away',
      'stayed away',
      'left out',
      'absent',
      'absence',
      'missing',
      'skip*',
      'snub*',
      'decline*',
      'refuse*',
      'pass on',
      'passed on',
      'opt out',
      'opted out',
      'not join*',
      'never join*',
      'outside',
    ],
  },
  { ask: 'count', cues: ['how many', 'number of', 'count', 'headcount'] },
  { ask: 'measure', cues: ['how much', 'how big', 'size of', 'amount', 'total'] },
  {
    ask: 'members',
    cues: [
      'members',
      'member list',
      'list of members',
      'who is in',
      'who are in',
      'who s in',
      'whos in',
      'full list',
      'all members',
      'who joined',
      'participants',
      'signatories',
      'signers',
      'signed',
      'roster',
      'lineup',
      'line up',
      'list',
      'which companies',
      'which organizations',
      'which orgs',
      'what companies',
      'what organizations',
      'who else',
    ],
  },
  {
    ask: 'membership',
    cues: [
      'member',
      'membership',
      'join',
      'joined',
      'joins',
      'joining',
      'part of',
      'belong*',
      'participat*',
      'in the',
      'in it',
      'inside',
      'founding',
      'involved',
      'involvement',
      'connected',
      'connection',
      'tied',
      'ties',
      'linked',
      'relationship',
      'on board',
      'onboard',
      'sign up',
      'signed up',
      'signed on',
      'get into',
      'got into',
      'get in',
      'got in',
      'came aboard',
      'among',
      'included',
      'include',
      'includes',
      'part',
    ],
  },
  {
    ask: 'goals',
    cues: [
      'mission',
      'missions',
      'goal',
      'goals',
      'aim',
      'aims',
      'objective*',
      'purpose',
      'vision',
      'trying to',
      'want to',
      'wants to',

      'for what',
      'point of',
      'why exist',
      'agenda',
      'priorities',
      'priority',
      'values',
      'stand for',
      'intended',
      'meant to',
      'supposed to',
    ],
  },
  {
    // "what was X hoping to get out of it": an aim, in words a statement may use for it ("hopes", "wants").
    ask: 'goals',
    content: true,
    cues: ['wanted to', 'hope to', 'hopes to', 'hoped to', 'hoping to'],
  },
  {
    ask: 'founders',
    cues: [
      'found',
      'founded',
      'founder',
      'founders',
      'cofound*',
      'co found*',
      'launch',
      'launched',
      'launches',
      'start',
      'started',
      'starts',
      'create',
      'created',
      'creator',
      'formed',
      'form',
      'behind',
      'set up',
      'established',
      'teamed',
      'team up',
      'teamed up',
      'whose idea',
      'idea',
      'came up with',
      'brainchild',
      'initiated',
      'kicked off',
      'began',
      'begin',
      'origin',
      'origins',
      'made',
      'makes',
      'make',
      'maker',
      'built',
      'build',
      'builds',
      'develop*',
      'owns',
      'owner',
      'own',
    ],
  },
  {
    ask: 'when',
    cues: [
      'when',
      'what year',
      'which year',
      'what date',
      'date',
      'dates',
      'how long',
      'since when',
      'timeline',
      'history',
      'historic',
      'historical',
      'what day',
      'which day',
      'day of the week',
      'weekday',
    ],
  },
  {
    ask: 'licence',
    cues: [
      'licen*',
      'terms',
      'open source',
      'truly open',
      'really open',
      'actually open',
      'how open',
      'openly',
      'weights',
      'commercial use',
      'commercially',
      'restrict*',
      'allowed',
      'free to use',
    ],
  },
  {
    ask: 'release',
    cues: [
      'release',
      'released',
      'releases',
      'version',
      'versions',
      'came out',
      'come out',
      'comes out',
      'shipped',
      'ship',
      'drop',
      'dropped',
      'models',
      'model',
    ],
  },
  {
    ask: 'projects',
    cues: [
      'project',
      'projects',
      'working on',
      'work on',
      'works on',
      'program*',
      'effort*',
      'initiatives',
      'products',
      'product',
      'doing',
      'do they do',
      'does it do',
      'activities',
      'working groups',
      'work',
    ],
  },
  {
    ask: 'criticism',
    cues: [
      'critic*',
      'gripe*',
      'complain*',
      'complaint*',
      'beef with',
      'issue with',
      'issues with',
      'knock on',
      'concern*',
      'skeptic*',
      'sceptic*',
      'doubt*',
      'problem*',
      'downside*',
      'drawback*',
      'risk*',
      'controvers*',
      'misuse*',
      'abuse*',
      'weakness*',
      'flaw*',
      'shortcoming*',
      'cons',
      'pushback',
      'push back',
      'backlash',
      'knock*',
      'complain*',
      'objection*',
      'against',
      'bad',
      'wrong with',
      'issues with',
      'negative',
      'performative',
      'cynical',
      'dismiss*',
    ],
  },
  {
    ask: 'governance',
    cues: [
      'governance',
      // Not "govern*": governments are members, not how a body is run.
      'govern',
      'governs',
      'governed',
      'governing',
      'board',
      'committee*',
      'structure*',
      'organized',
      'organised',
      'oversight',
      'how is it run',
      'decision*',
      'working group*',
    ],
  },
  {
    ask: 'benefits',
    cues: [
      'benefit*',
      'advantage*',
      'upside*',
      'pros',
      'good for',
      'why open',
      'gain',
      'get out of',
      'in it for',
      'motive*',
      'incentive*',
      'why would',
      'why did',
    ],
  },
  {
    ask: 'plans',
    cues: [
      'going to',
      'gonna',
      'will',
      'plan',
      'plans',
      'planning',
      'planned',
      'next',
      'future',
      'upcoming',
      'intend*',
      'roadmap',
    ],
  },
  { ask: 'why', cues: ['why', 'reason', 'reasons', 'how come', 'what for'] },
  {
    ask: 'who',
    cues: [
      'who',
      'whom',
      'whos',
      'whose',
      'which person',
      'which people',
      // "which outlet called it …": the publisher asked for, as "who" asks for a person; every statement has one.
      ...['which', 'what'].flatMap((w) =>
        [...OUTLET_WORDS, 'outlets', 'sites', 'news'].map((o) => `${w} ${o}`),
      ),
    ],
  },
  {
    ask: 'overview',
    cues: [
      'what is',
      'what s',
      'whats',
      'what are',
      'what was',
      'tell me about',
      'explain',
      'describe',
      'who is',
      'who s',
      'who was',
      'info',
      'overview',
      'about',
      'summary',
      'summarize',
      'summarise',
      'tldr',
      'eli5',
      'what does',
      'anything on',
      'know about',
      'known for',
      'famous for',
      'background',
      // What a thing can do is what it is and holds: "what can X do", "what is it good for".
      'what can',
      'capabilit*',
      'features',
      'good for',
      'used for',
    ],
  },
];

/**
 * Words that carry no content of their own in a question ("tell me the main …"): neither names, nor cues, nor
 * facts to cover.
 */
export const FILLER_WORDS = new Set(
  `not never isnt wasnt arent werent didnt doesnt dont hasnt havent cant wont couldnt wouldnt shouldnt
  main key major top primary full pls please info overview explain describe whats mean means meant
  exactly basically actually actual whatever really quick roughly approximately approx around nearly almost ballpark famous famously notable renowned quickly short briefly tldr eli5 guys anyone anybody someone somebody know knows heard
  hear remember recall any some kind sort wondering wonder curious question questions answer help like im ive
  i'm did does do done doing was were is are be been being has have had can could would should will shall may
  might must let lets go going get gets got give gives gave ok okay so well also too yes no yeah yep nope
  hey hi hello thanks thank thx u ur r ya yall y'all lol lmao btw tbh imo rn wat wut wot plz pls tho though
  thru bc cuz cos abt w wrt re ppl smth sth idk iirc afaik ngl fr lowkey kinda sorta gonna wanna gotta
  one ones thing things stuff something anything everything exact specifically precisely
  they them their theirs it its he she him her his hers this that these those there here
  say tell per according brag brags bragged bragging boast boasts boasted boasting tout touts touted saw seen read somewhere apparently supposedly officially truly true literally whether
  besides alongside else apart aside except excluding even etc ton tons era
  originally initially nutshell mention mentions mentioned mentioning bunch huge massive enormous random trivia q wise`.split(
    /\s+/,
  ),
);

/** Role words in a question → the words a role title must contain ("who runs" → lead, head, director…). */
export const ROLE_WORDS: Readonly<Record<string, readonly string[]>> = {
  ceo: ['ceo', 'chief executive'],
  chairman: ['chair'],
  chairwoman: ['chair'],
  chair: ['chair'],
  president: ['president'],
  director: ['director'],
  directs: ['director'],
  directed: ['director'],
  chairs: ['chair'],
  chaired: ['chair'],
  founder: ['founder', 'founded', 'creator'],
  founders: ['founder', 'founded', 'creator'],
  founded: ['founder', 'founded', 'creator'],
  cofounded: ['founder', 'founded', 'creator'],
  head: ['head', 'lead', 'director', 'ceo', 'chair'],
  boss: ['ceo', 'head', 'lead', 'director', 'chair'],
  lead: ['lead', 'head', 'director', 'ceo', 'chair'],
  leads: ['lead', 'head', 'director', 'ceo', 'chair'],
  leading: ['lead', 'head', 'director', 'ceo', 'chair'],
  leader: ['lead', 'head', 'director', 'ceo', 'chair'],
  led: ['lead', 'head', 'director', 'ceo', 'chair'],
  runs: ['lead', 'head', 'director', 'ceo', 'chair'],
  running: ['lead', 'head', 'director', 'ceo', 'chair'],
  ran: ['lead', 'head', 'director', 'ceo', 'chair'],
  heads: ['head', 'lead', 'director', 'ceo', 'chair'],
  heading: ['head', 'lead', 'director', 'ceo', 'chair'],
  vp: ['vice president', 'vp'],
  scientist: ['scientist'],
  wrote: ['author', 'reporter', 'writer'],
  writer: ['author', 'reporter', 'writer'],
  author: ['author', 'reporter', 'writer'],
  reporter: ['reporter', 'author'],
  journalist: ['reporter', 'author'],
  analyst: ['analyst'],
  officer: ['officer'],
  executive: ['executive'],
};

/** Words that name an organization type in "which … are in" questions. */
export const ORG_TYPE_WORDS: Readonly<
  Record<string, 'university' | 'lab' | 'nonprofit' | 'government' | 'company'>
> = {
  university: 'university',
  universities: 'university',
  college: 'university',
  colleges: 'university',
  school: 'university',
  schools: 'university',
  academic: 'university',
  academics: 'university',
  academia: 'university',
  lab: 'lab',
  labs: 'lab',
  nonprofit: 'nonprofit',
  nonprofits: 'nonprofit',
  foundation: 'nonprofit',
  foundations: 'nonprofit',
  government: 'government',
  governments: 'government',
  agency: 'government',
  agencies: 'government',
  startups: 'company',
  startup: 'company',
};

/** Words of a category phrase that don't narrow it ("which other kinds of companies"). */
export const GENERIC_CATEGORY = new Set(
  'company companies organization organizations orgs groups members member ones other others kind kinds type types of the ai firms businesses players entities names batch batches wave waves cohort tranche'.split(
    ' ',
  ),
);

/**
 * Nouns of something said, and verbs of telling, that right after a person's name ask for their words ("Clegg's
 * line at launch", "what did Ada tell the paper").
 */
export const SAID_NOUNS: ReadonlySet<string> = new Set([
  'line',
  'lines',
  'remark',
  'remarks',
  'words',
  'soundbite',
  'tell',
  'tells',
]);

/** Question words: a message holding one asks a question of its own. */
export const WH_WORDS: ReadonlySet<string> = new Set(
  'what whats who whos how why when where which'.split(' '),
);

/** Verbs that pass on what a source said ("TechCrunch says Google is out"). */
export const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'say',
  'says',
  'said',
  'claims',
  'claimed',
  'reports',
  'reported',
]);

/** Verbs of a source's opinion: "why does outlet X believe Y left" asks about Y, as X sees it. */
export const OPINION_VERBS: ReadonlySet<string> = new Set(
  'think thinks thought believe believes believed reckon reckons suspect suspects suspected guess guesses guessed speculate speculates speculated figure figures figured'.split(
    ' ',
  ),
);

/** Verbs after a name that make it the source of what follows ("which startups did TechCrunch say …"). */
export const SOURCE_VERBS: ReadonlySet<string> = new Set([
  ...REPORTING_VERBS,
  'wrote',
  'writes',
  'thinks',
  'thought',
  'call',
  'calls',
  'called',
  'noted',
  'notes',
  'mentioned',
  'mentions',
]);

/** Words that, with a quoted title, ask who published it ("who broke '…'", "which outlet ran '…'"). */
export const PUBLISHING_WORDS: ReadonlySet<string> = new Set(
  'published publish publisher wrote write writer author outlet ran released broke posted reported'.split(
    ' ',
  ),
);

/** Words for a person not named ("did anyone from it sign?"): a question about someone from a body, not the body. */
export const SOMEONE_WORDS: ReadonlySet<string> = new Set(['anyone', 'anybody', 'someone', 'somebody']);

/** Words that ask for a piece's headline. */
export const HEADLINE_WORDS: ReadonlySet<string> = new Set(['headline', 'headlines', 'title', 'titled']);

/** Words that ask about a piece itself, not what it says: never words its title must share. */
export const PIECE_WORDS: ReadonlySet<string> = new Set(
  'headline headlines title titled outlet outlets site sites paper newspaper publication published publish publisher article piece story post ran put'.split(
    ' ',
  ),
);

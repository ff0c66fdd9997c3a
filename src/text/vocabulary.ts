/**
 * Words that never identify a record on their own: function words, question words and chat filler.
 * A span made only of these is not looked up as a name.
 */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below
  between both but by can could did didn do does doesn doing don down during each few for from further had has
  have having he her here hers him his how i if in into is isn it its itself just me more most my no nor not now
  of off on once only or other our out over own same she should so some such than that the their them then there
  these they this those through to too under until up very was wasn we were what whats when where which while who
  whom whos why will with would you your yours pls please plz thanks thx hey hi hello tell know anyone someone
  something thing things stuff kind sort really actually still yet ever been get got give gave much many lot lots
  s t ll re ve d m o y isnt whats hows wheres whos hadn hasn haven weren wouldn couldn shouldn`.split(/\s+/),
);

/**
 * Single words that are also ordinary English, so a one-word alias equal to them ("together", "stability")
 * only counts as a name when the user capitalised it.
 */
export const COMMON_WORDS = new Set(
  `together stability fair open alliance partnership community research forum statement foundation
  institute university college center centre lab labs group data cloud ai platform platforms`.split(/\s+/),
);

/** A country and the adjective records describe its organizations with ("Japanese university"). */
const COUNTRY_GROUPS = [
  'japan japanese',
  'swiss switzerland',
  'german germany',
  'israel israeli',
  'india indian',
  'america american',
  'uk british britain',
  'bulgaria bulgarian',
  'italy italian',
  'europe european',
  'singapore singaporean',
  'canada canadian',
  'france french',
  'korea korean',
  'china chinese',
  'spain spanish',
  'netherlands dutch',
  'uae emirati emirates',
  'saudi arabia',
  'vietnam vietnamese',
  'finland finnish',
  'ireland irish',
];

/** Words that place an organization in a country: what a question of where it is based is answered by. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(COUNTRY_GROUPS.flatMap((g) => g.split(' ')));

/** Words asking where an organization is. */
export const LOCATION_WORDS: ReadonlySet<string> = new Set(
  'based located headquartered headquarters hq location country countries'.split(' '),
);

/**
 * Groups of words that mean the same thing in questions about initiatives. A question word is expanded to its
 * group before fact search, so "misused" finds "abused" and "pay" finds "fund".
 */
const SYNONYM_GROUPS = [
  'found founded founding founder founders cofounded cofounder cofounders co launch launched launches start started create created creator formed form set established teamed team announce announced unveil unveiled debut debuted',
  'member members membership join joined joining part belong belongs participant participants signatory signatories',
  'lead leads leading led leader leaders leadership head heads headed run runs running director chair chairs ceo president boss charge',
  'goal goals mission aim aims objective objectives purpose purposes',
  // …with the chat words for running something down (trash, slam, bash).
  'criticism criticisms critic critics criticize criticizes criticise criticises criticized criticised concern concerns skeptic skeptics skeptical sceptical wary wariness doubt doubts problem problems downside downsides risk risks controversy controversies trash trashed trashing slam slammed slamming bash bashed bashing',
  'misuse misused abuse abused abusing misusing harmful',
  'pay paid pays budget budgets fund funds funding funded bankroll bankrolls bankrolling bankrolled money compute resources capital sponsor sponsors sponsored facilitator facilitate facilitates',
  'work working worked collaborate collaborating collaboration collaborated cooperate',
  'benefit benefits advantage advantages upside upsides pros',
  'governance govern governed board boards committee committees oversight structure',
  'annual annually yearly',
  // Summed figures: "combined", "all told", "add up to".
  'combined together total totals altogether collectively',
  'quote quotes quoted say said says statement statements stated',
  'chip chips hardware semiconductor semiconductors silicon accelerator accelerators',
  'university universities academic academics college colleges school schools',
  'project projects initiative initiatives effort efforts',
  'release released releases launch',
  'date dates when',
  // Taking someone on: "brought him aboard", "poached her".
  'hire hired hires hiring recruit recruited recruits recruiting aboard onboard onboarded poach poached',
  'left leave leaving quit depart departed departure exit exited stepped gone',
  'replace replaced replaces replacement successor succeeded succeed succeeds',
  'money cash raise raised raising funding investment investors',
  'piece article story report reported post column coverage writeup analysis essay',
  'end ended ending close closed closing conclude concluded conclusion',
  'front fronted fronting fronts frame framed framing present presented presents portray portrayed depict depicted characterize characterized cast pitch pitched',
  'headline headlines title titled',
  'first inaugural initial original earliest',
  'biggest largest',
  'parameter parameters params size sizes',
  'overlap overlaps overlapping duplicate duplicates duplicating duplication redundant redundancy',
  'pledge pledged pledges commit committed commits commitment promise promised',
  'hint hinted hinting hints suggest suggested suggests imply implied implies guess guessed speculate speculated allude alluded',
  'eligible eligibility qualify qualifies qualified criteria requirement requirements require requires',
  'pull pulled yank yanked withdraw withdrew withdrawn remove removed retract retracted',
  'lawmakers legislators policymakers regulators regulator regulation regulations government governments',
  'rename renamed renaming rebrand rebranded rebranding name',
  'conversation conversations convo debate debates discussion discussions discourse',
  'rehash rehashed recap summary summaries summarize summarizes summarized summarise summarises summarised',
  'way ways path paths road roads route',
  'safe safer safest safety',
  'reliable unreliable legit legitimate trustworthy accurate accuracy inaccurate credible credibility dependable',
  'announcement announcements release releases',
  'site sites website websites homepage webpage',
  'info information data details',
  'inaugural first initial',
  'event events summit summits conference conferences',
  'include included includes contain contained contains carry carried carries feature featured features stuffed packed crammed',
  'politician politicians political politics minister ministers parliament mp senator congressman congresswoman',
  'stat stats statistic statistics figure figures number numbers estimate estimates',
  'argument arguments argue argued argues reasoning rationale view views viewpoint thinking',
  'win won wins winner winners receive received receives recipient recipients awarded',
  'wrong incorrect inaccurate false untrue erroneous mistaken',
  'output outputs content generated',
  'hospital hospitals clinic clinics medical healthcare health',
  'highlight highlighted highlights highlighting plug plugged plugs plugging point points pointed pointing stress stressed stresses emphasize emphasized emphasizes emphasise emphasised underline underlined flag flagged flags flagging',
  ...COUNTRY_GROUPS,
  'weird odd strange surprising surprise surprised notable notably unusual remarkable curious omission gap confusing confused puzzling puzzled baffling',
];

/** Word → the words of its synonym group (including itself). */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of SYNONYM_GROUPS) {
    const ws = group.split(/\s+/);
    for (const w of ws) map.set(w, [...new Set([...(map.get(w) ?? []), ...ws])]);
  }
  return map;
})();

/**
 * Ordinals and the number a numbered statement writes them with ("the first objective" is "Objective 1"). Only
 * for covering: searching for a bare digit would find every version number and sum.
 */
export const ORDINAL_NUMBERS: Readonly<Record<string, string>> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
};

/**
 * Chat abbreviations members type for ordinary words, spelled out so cue words and statements meet them
 * ("exec director", "govts"). Names are never here: those are aliases in the knowledge base.
 */
export const CHAT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
  govt: 'government',
  govts: 'governments',
  gov: 'government',
  exec: 'executive',
  execs: 'executives',
  docs: 'documentation',
  mgmt: 'management',
  dept: 'department',
  univ: 'university',
  uni: 'university',
  unis: 'universities',
  intl: 'international',
  org: 'organization',
  mau: 'monthly active users',
  maus: 'monthly active users',
  orgs: 'organizations',
  yr: 'year',
  yrs: 'years',
  mil: 'million',
  bn: 'billion',
  approx: 'approximately',
  pres: 'president',
  prez: 'president',
  devs: 'developers',
  dev: 'developer',
  diff: 'difference',
  gen: 'generative',
  genai: 'generative ai',
  b4: 'before',
  og: 'original',
  wg: 'working group',
  wgs: 'working groups',
  announcemnt: 'announcement',
  cofounders: 'co founders',
  cofounder: 'co founder',
  ppl: 'people',
  // Question words spelt as they sound in chat.
  wen: 'when',
  whens: 'when',
  wens: 'when',
  wat: 'what',
  wut: 'what',
  wats: 'whats',
  hw: 'how',
};

/**
 * Everyday phrasal verbs and idioms members type, in the words the records use ("used to be called" → formerly
 * called, "kicked off" → launched). Matched on whole words of the normalised question, longest first.
 */
export const IDIOMS: Readonly<Record<string, string>> = {
  'claim to fame': 'known for',
  'add up to': 'total',
  'adds up to': 'total',
  'added up to': 'total',
  'brand new': 'new',
  // Someone's last day at a place is the day they left it ("the last day to apply" is a deadline).
  'last day at': 'left',
  'final day at': 'left',
  'last day with': 'left',
  'final day with': 'left',
  // Who came to an event is who attended it.
  // …but showing up on a list is appearing on it.
  'showed up on': 'appeared on',
  'show up on': 'appear on',
  'shows up on': 'appears on',
  'shown up on': 'appeared on',
  'showed up in': 'appeared in',
  'show up in': 'appear in',
  'shows up in': 'appears in',
  'shown up in': 'appeared in',
  'showed up': 'attended',
  'show up': 'attend',
  'turned up': 'attended',
  // Taking over a job is succeeding its holder: the records tell it as a successor.
  'took over': 'succeeded',
  'take over': 'succeed',
  'taken over': 'succeeded',
  'takes over': 'succeeds',
  // A company's worth on the market is its valuation: a sum the records would have to give.
  'market cap': 'market valuation',
  'market capitalization': 'market valuation',
  'market value': 'market valuation',
  'claims to fame': 'known for',
  // Chipping in is contributing, nothing to do with chips; signing up to do something is committing to it.
  'chip in': 'contribute',
  'chips in': 'contributes',
  'chipped in': 'contributed',
  'sign up to': 'commit to',
  'signed up to': 'committed to',
  // Hopping on or coming on board a body is joining it.
  'hop on': 'join',
  'hops on': 'joins',
  'hopped on': 'joined',
  'hop on board': 'join',
  'hopped on board': 'joined',
  'come on board': 'join',
  'came on board': 'joined',
  'jump on board': 'join',
  'jumped on board': 'joined',
  'jump in': 'join',
  'jumped in': 'joined',
  // A name a thing had before is its former name.
  'used to have a different name': 'formerly called',
  'have a different name': 'formerly called',
  'had a different name': 'formerly called',
  'had another name': 'formerly called',
  'old name': 'former name',
  'previous name': 'former name',
  'original name': 'former name',
  'used to be called': 'formerly called',
  'used to be named': 'formerly named',
  'used to be known as': 'formerly known as',
  'used to go by': 'formerly called',
  'used to be': 'formerly',
  'kick off': 'launch',
  'kicks off': 'launches',
  'kicked off': 'launched',
  kickoff: 'launch',
  'wrap up': 'end',
  'wraps up': 'ends',
  'wrapped up': 'ended',
  // Applying to a body is asking to join it.
  'can apply': 'can join',
  'could apply': 'could join',
  'sign up': 'join',
  'signs up': 'joins',
  'signed up': 'joined',
  'set up': 'founded',
  'put out': 'released',
  'puts out': 'releases',
  'step down': 'leave',
  'stepped down': 'left',
  'steps down': 'leaves',
  'pull out': 'leave',
  'pulled out': 'left',
  'pulls out': 'leaves',
  'pulling out': 'leaving',
  'stepping down': 'leaving',
  'dropping out': 'leaving',
  'dropped out': 'left',
  'drop out': 'leave',
  'drops out': 'leaves',
  'in charge of': 'leading',
  'zero in on': 'focus on',
  'zeroing in on': 'focusing on',
  'zeroes in on': 'focuses on',
  'get off the ground': 'start',
  'got off the ground': 'started',
  'spit out': 'produce',
  'spits out': 'produces',
  'spitting out': 'producing',
  'spat out': 'produced',
  'working on it': 'preparing it',
  'working on this': 'preparing this',
  'the face of': 'the presenter of',
  'took place': 'happened',
  'take place': 'happen',
  'takes place': 'happens',
  'taking place': 'happening',
  'deals with': 'about',
  'deal with': 'about',
  'dealt with': 'about',
  'dealing with': 'about',
  'has to do with': 'about',
  'have to do with': 'about',
  'dunk on': 'criticize',
  'dunks on': 'criticizes',
  'dunked on': 'criticized',
  'dunking on': 'criticizing',
  'go wrong': 'risks',
  'goes wrong': 'risks',
  'went wrong': 'problems',
  // Sitting on a board is being on it.
  'sat on': 'on',
  'sit on': 'on',
  'sits on': 'on',
  'sitting on': 'on',
  // A press release is what the records call the release or announcement.
  'press release': 'release',
  'press releases': 'releases',
  // Grounds for something are its reasons.
  'on what grounds': 'why',
  'on which grounds': 'why',
  'what grounds': 'why',
  'supposed to be': 'meant',
  'supposed to mean': 'meant',
  'tl dr': 'summary',
  tldr: 'summary',
  gist: 'summary',
  // Bringing a thing up or pointing it out is mentioning it: a verb of telling, not a fact to find.
  'brought up': 'mentioned',
  'bring up': 'mention',
  'brings up': 'mentions',
  'bringing up': 'mentioning',
  'pointed out': 'noted',
  'point out': 'note',
  'points out': 'notes',
  'pointing out': 'noting',
  // The member asking within what the bot knows: the bot answers from its records anyway.
  ...Object.fromEntries(
    [
      'as far as you know',
      'as far as you can tell',
      'to your knowledge',
      'to the best of your knowledge',
      'from what you know',
      'in your records',
      'per your records',
      'according to your records',
      'in your data',
      'according to your data',
      'according to your sources',
      'in your knowledge base',
      ...['newest', 'latest', 'most recent'].flatMap((w) =>
        ['info', 'information', 'data'].flatMap((d) => [
          `as of the ${w} ${d} you have`,
          `based on the ${w} ${d} you have`,
          `with the ${w} ${d} you have`,
          `the ${w} ${d} you have`,
        ]),
      ),
    ].map((p) => [p, '']),
  ),
};

/** Month abbreviations people type ("feb 2024") mapped to the names the records use. */
export const MONTH_ABBREVIATIONS: Readonly<Record<string, string>> = {
  jan: 'january',
  feb: 'february',
  mar: 'march',
  apr: 'april',
  jun: 'june',
  jul: 'july',
  aug: 'august',
  sep: 'september',
  sept: 'september',
  oct: 'october',
  nov: 'november',
  dec: 'december',
};

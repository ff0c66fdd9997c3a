import { aliasName } from '../knowledge/model.js';
import type { KbRecord } from '../knowledge/schema.js';
import type { FactDoc } from '../search/index.js';
import { shortName } from '../search/render.js';
import { normalize } from '../text/normalize.js';

/** A role the records tell only in a statement's text: the holder has no person record with that role. */
export interface TextRole {
  /** The holder's name as the text writes it. */
  name: string;
  /** The title as the text writes it ("Co-founder and CEO"). */
  title: string;
  /** The organization the role is at. */
  org: KbRecord;
  /** The statement that tells it. */
  doc: FactDoc;
  /** The role and where, as the answer writes it ("Director, Hariri Institute, Boston University"). */
  shown: string;
}

// Each word capitalised and then lower case ("Jane", "O'Brien"): an acronym ("CEO") starts no name.
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’][\p{L}'’-]*`;
const NAME = String.raw`${NAME_WORD}(?: (?:\p{Lu}\. )?${NAME_WORD}){1,3}`;
/** A speaker's header, as the launch quotes are written: "Jane Roe (CEO, Acme; Professor, Somewhere): …". */
const HEADER = new RegExp(String.raw`^(${NAME}) \(([^()]{3,120})\):`, 'u');
/**
 * A role an organization's own statement tells in passing ("its CEO is Jane Roe", "led by its co-founder and CEO
 * Jane Roe", "whose President, Jane Roe, was …"). "Its" is the statement's record.
 */
const OWN: readonly RegExp[] = [
  new RegExp(String.raw`\bits ([\p{L} -]{2,40}?),? is (${NAME})`, 'u'),
  new RegExp(String.raw`\bled by its ([\p{L} -]{2,40}?),? (${NAME})`, 'u'),
  new RegExp(String.raw`\bwhose ([\p{L} -]{2,40}?), (${NAME}),`, 'u'),
];
/** …or with the name first: "Jane Roe was its president". */
const OWN_AFTER = new RegExp(String.raw`(${NAME}) (?:was|is) its ([\p{L} -]{2,40}?)(?:[.,;]|$)`, 'u');

/** Whether a written organization name ("Cerebras Systems", "Hariri Institute, Boston University") is `org`. */
function namesOrg(written: string, org: KbRecord): boolean {
  const w = normalize(written);
  const names = [org.name, shortName(org), ...org.aliases.map(aliasName)]
    .map(normalize)
    .filter((n) => n.length > 1);
  return names.some((n) => ` ${w} `.includes(` ${n} `) || ` ${n} `.includes(` ${w} `));
}

/**
 * The roles at `org` told only in text: in the speaker headers of the statements given, and in its own
 * statements' descriptions of its people. Read when no person record holds the role asked for.
 */
export function rolesInText(org: KbRecord, docs: readonly FactDoc[]): TextRole[] {
  const out: TextRole[] = [];
  const seen = new Set<string>();
  const add = (name: string, title: string, doc: FactDoc, shown?: string) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const t = title.trim();
    const upper = t.charAt(0).toUpperCase() + t.slice(1);
    out.push({ name, title: upper, org, doc, shown: shown ?? `${upper}, ${org.name}` });
  };
  // A speaker's own header first: it is the fuller statement (their words, their other roles).
  for (const doc of docs) {
    const header = HEADER.exec(doc.text);
    if (!header) continue;
    const [, name, inner] = header as unknown as [string, string, string];
    for (const piece of inner.split(';')) {
      const comma = piece.indexOf(',');
      if (comma >= 0 && namesOrg(piece.slice(comma + 1), org))
        add(name, piece.slice(0, comma), doc, piece.trim());
    }
  }
  for (const doc of docs) {
    if (doc.recordId !== org.id) continue;
    for (const re of OWN) {
      const m = re.exec(doc.text);
      if (m) add(m[2] as string, m[1] as string, doc);
    }
    const after = OWN_AFTER.exec(doc.text);
    if (after) add(after[1] as string, after[2] as string, doc);
  }
  return out;
}

/**
 * A question built on a departure the records don't hold ("what has P done since leaving X?" while the records
 * still list P at X): what came after is nothing the records can tell, and the role they list is no answer.
 */
import type { KbRecord } from '../knowledge/schema.js';
import { pastRole } from '../search/render.js';
import { normalize } from '../text/normalize.js';
import type { Draft } from './compose.js';
import type { Ctx } from './context.js';
import { LEAVING } from './departed.js';
import { tellsOfLeaving } from './handlers/membership.js';

/** How far before the organization's name the word of leaving may stand ("left", "quit her job at"). */
const REACH = 4;

/**
 * The refusal, in words naming the role the records still list, when the question says a person left an
 * organization where every role the records give them there is current and no statement of theirs tells of it.
 */
export function departureUntold(ctx: Ctx): Draft | undefined {
  const { words } = ctx.q;
  const records = (kind: KbRecord['kind']) =>
    ctx.mentions.flatMap((m) =>
      m.surfaces[0]?.record.kind === kind ? [{ mention: m, record: m.surfaces[0].record }] : [],
    );
  const people = records('person');
  if (people.length !== 1) return undefined;
  const person = people[0]?.record;
  if (person?.kind !== 'person') return undefined;
  for (const { mention, record: org } of records('organization')) {
    const before = words.slice(Math.max(0, mention.start - REACH), mention.start);
    if (!before.some((w) => LEAVING.has(w))) continue;
    const roles = person.roles.filter((r) => r.organization === org.id);
    // (A title dated to an event, "CEO (at the launch)", is no role held now.)
    if (!roles.length || roles.some((r) => r.to || pastRole(r))) continue;
    const name = normalize(org.name);
    const told = (ctx.index.docsByRecord.get(person.id) ?? []).some(
      (d) => normalize(d.text).includes(name) && tellsOfLeaving(d.text),
    );
    if (told) continue;
    const title = roles[0]?.title ?? 'a member of staff';
    return {
      subject: person,
      lead: `I don't know that: the records still list ${person.name} as ${title} at ${org.name}, with no word of leaving, so I can't tell what came after.`,
      docs: [],
      confidence: 0,
      declines: true,
    };
  }
  return undefined;
}

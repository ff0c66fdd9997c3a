import { garbledAliases } from '../knowledge/model.js';
import type { SearchIndex } from '../search/index.js';
import { type Choice, MAX_CHOICES, type SuggestKind, suggest } from '../search/suggest.js';
import { normalize } from '../text/normalize.js';

/**
 * Autocomplete choices for a `name` option (≤ 25, names 1–100 characters, values are record ids). When what was
 * typed is a garbled spelling from a seed article, the choice says so, so "Cohear" visibly becomes Cohere.
 */
export function nameChoices(typed: string, kind: SuggestKind, index: SearchIndex): Choice[] {
  const key = normalize(typed);
  return suggest(typed, kind, index)
    .slice(0, MAX_CHOICES)
    .map((choice) => {
      const record = index.kb.byId.get(choice.value);
      const garbled = key && record ? garbledAliases(record).find((g) => normalize(g) === key) : undefined;
      if (!garbled || !record) return choice;
      const name = `${record.name} (“${garbled}” is a garbled spelling)`;
      return { ...choice, name: name.length <= 100 ? name : choice.name };
    })
    .filter((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
}

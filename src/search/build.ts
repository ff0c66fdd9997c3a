/** What the three index builders (graph, names, statements) share. */

/** Work units (records, statements) between two points where a sliced build may pause. */
export const STEP = 512;

/** Appends `value` to the list under `key`, starting the list when there is none. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

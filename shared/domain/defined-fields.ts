/**
 * The fields whose value is set, in the order given: a field left undefined is left out rather than
 * carried as `undefined` (exactOptionalPropertyTypes; an item or a response never holds the key).
 */
export function definedFields<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The fields of `after` that differ from `before`: the body of a PATCH that sends only
 * what the user changed, so that a save never writes back a field someone else changed
 * meanwhile.
 */
export function changedFields<T extends object>(before: object, after: T): Partial<T> {
  const was = before as Record<string, unknown>
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => !same(was[key], value))) as Partial<T>
}

function same(a: unknown, b: unknown): boolean {
  return a === b || ((a ?? '') === '' && (b ?? '') === '')
}

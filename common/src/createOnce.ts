// Callers asking the same question at the same moment share one answer. Rooms are created one at
// a time per id (two peers arriving together must not make two: the sfu's media rooms and
// signaling's consult rooms); the bridge's first access checks of a burst ask the database once.

/**
 * `ask()`'s promise for `key`, shared by every caller while it is pending in `pending` (its
 * failure too); nothing is kept once it settles.
 */
export function shareInFlight<K, V>(pending: Map<K, Promise<V>>, key: K, ask: () => Promise<V>): Promise<V> {
  let asked = pending.get(key);
  if (!asked) {
    asked = ask().finally(() => pending.delete(key));
    pending.set(key, asked);
  }
  return asked;
}

/**
 * The value for `key` from `create`, called once however many ask at the same time: later callers
 * share the pending creation in `pending`; the created value is put in `created`.
 */
export function createOnce<K, V>(
  pending: Map<K, Promise<V>>,
  created: Map<K, V>,
  key: K,
  create: () => Promise<V>,
): Promise<V> {
  return shareInFlight(pending, key, async () => {
    const value = await create();
    created.set(key, value);
    return value;
  });
}

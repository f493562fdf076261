// Rooms are created one at a time per id: two peers arriving together must not make two. Used by
// the sfu's media rooms and signaling's consult rooms alike.

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
  let creating = pending.get(key);
  if (!creating) {
    creating = create()
      .then((value) => {
        created.set(key, value);
        return value;
      })
      .finally(() => pending.delete(key));
    pending.set(key, creating);
  }
  return creating;
}

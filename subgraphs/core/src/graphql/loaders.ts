import DataLoader from 'dataloader';

/** Batches lookups by id into one query; ids without a row load as undefined. */
export function byIdLoader<K extends string | number, T extends { id: K }>(
  load: (ids: readonly K[]) => Promise<T[]>,
): DataLoader<K, T | undefined> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id));
  });
}

/** Batches per-key values computed as one map (counts, the group of a user…); missing keys get `fallback`. */
export function mapLoader<K, V>(load: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V): DataLoader<K, V> {
  return new DataLoader(async (keys) => {
    const values = await load(keys);
    return keys.map((key) => (values.has(key) ? values.get(key)! : fallback));
  });
}

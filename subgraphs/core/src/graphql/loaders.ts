import DataLoader from 'dataloader';
import { holdsPermission, type Viewer } from '../auth/viewer.js';
import type { Permission } from '../permissions.js';
import type { Page } from '../cursor.js';

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

/** One parent's page of children, asked with page arguments (size, cursor, filters). */
export interface ChildPage<K, A> {
  readonly parent: K;
  readonly args: A;
}

/**
 * A page of children for many parents at once: keys asking with the same arguments are answered by
 * one query.
 */
export function childPagesLoader<K extends string | number, A, T>(
  load: (parents: K[], args: A) => Promise<Map<K, Page<T>>>,
): DataLoader<ChildPage<K, A>, Page<T>, string> {
  const keyOf = (key: ChildPage<K, A>) => JSON.stringify([key.parent, key.args]);
  return new DataLoader(
    async (keys) => {
      const byArgs = new Map<string, { args: A; parents: Set<K> }>();
      for (const key of keys) {
        const argsKey = JSON.stringify(key.args);
        const batch = byArgs.get(argsKey) ?? { args: key.args, parents: new Set<K>() };
        batch.parents.add(key.parent);
        byArgs.set(argsKey, batch);
      }
      const pages = new Map<string, Page<T>>();
      await Promise.all(
        [...byArgs.values()].map(async (batch) => {
          for (const [parent, page] of await load([...batch.parents], batch.args))
            pages.set(keyOf({ parent, args: batch.args }), page);
        }),
      );
      return keys.map((key) => pages.get(keyOf(key)) ?? { items: [] });
    },
    { cacheKeyFn: keyOf },
  );
}

/**
 * Entity references (`_entities`) as the caller may see them: the rows `load` finds for the caller,
 * none at all without the permission the part's own queries need.
 */
export function referenceLoader<K extends string | number, T extends { id: K }>(
  caller: () => Viewer,
  permission: Permission,
  load: (caller: Viewer, ids: readonly K[]) => Promise<T[]>,
): DataLoader<K, T | undefined> {
  return byIdLoader<K, T>(async (ids) => (holdsPermission(caller(), permission) ? load(caller(), ids) : []));
}

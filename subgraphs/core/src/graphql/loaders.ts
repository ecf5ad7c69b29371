import DataLoader from 'dataloader';
import { holdsPermission, requireViewer, type Viewer } from '../auth/viewer.js';
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

/** What answers entity references for a caller: the rows of these ids the caller sees. */
export interface VisibleByIds<K, T> {
  visibleByIds(caller: Viewer, ids: readonly K[]): Promise<T[]>;
}

/**
 * The loaders of one request that ask on behalf of its caller (a signed-in viewer, required when a
 * loader first runs): entity references the caller may see, and child pages as the caller sees them.
 */
export function callerLoaders(viewer: Viewer | undefined) {
  const caller = () => requireViewer(viewer);
  return {
    caller,
    /** `_entities` of one type: what `source` lets the caller see, nothing without `permission` */
    visible: <K extends string | number, T extends { id: K }>(permission: Permission, source: VisibleByIds<K, T>) =>
      referenceLoader<K, T>(caller, permission, (v, ids) => source.visibleByIds(v, ids)),
    /** pages of children for many parents, asked as the caller */
    pagesOf: <K extends string | number, A, T>(
      load: (caller: Viewer, parents: K[], args: A) => Promise<Map<K, Page<T>>>,
    ) => childPagesLoader<K, A, T>((parents, args) => load(caller(), parents, args)),
  };
}

import type { Viewer } from '@argus/core';
import { touches, type ViewerChange } from './viewer-changes.js';

/** Where the cache stood when a token check started: an answer is kept only if nothing touching it came since. */
export interface CacheMark {
  readonly generation: number;
  readonly seq: number;
}

interface Entry {
  readonly viewer: Viewer;
  /** the token's expiry (ms since the epoch) */
  readonly expiresAt: number;
}

/** How many recent changes are remembered to judge answers that were in flight while they came. */
const RECENT_CHANGES = 1024;

/**
 * Identity's answers to token checks (the viewer of an access token, by token id), kept only as
 * long as the change feed that keeps them current is up: every change identity announces drops the
 * entries it touches, a lost feed drops them all (`clear`).
 */
export class ViewerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<number, Set<string>>();
  private readonly byRole = new Map<number, Set<string>>();
  private recent: { seq: number; change: ViewerChange }[] = [];
  private generation = 0;
  private seq = 0;
  private readonly listeners: ((change: ViewerChange) => void)[] = [];

  constructor(private readonly maxEntries = 100_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(tokenId: string, now = Date.now()): Viewer | undefined {
    const entry = this.entries.get(tokenId);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.remove(tokenId);
      return undefined;
    }
    return entry.viewer;
  }

  mark(): CacheMark {
    return { generation: this.generation, seq: this.seq };
  }

  /**
   * Keeps an answer obtained since `since`, unless the feed was lost meanwhile or a change that
   * came meanwhile touches it (then the answer may predate that change). True when kept.
   */
  set(tokenId: string, viewer: Viewer, expiresAt: number, since: CacheMark): boolean {
    if (since.generation !== this.generation) return false;
    if (since.seq !== this.seq) {
      const oldest = this.recent[0];
      if (!oldest || oldest.seq > since.seq + 1) return false;
      if (this.recent.some((r) => r.seq > since.seq && touches(r.change, tokenId, viewer))) return false;
    }
    if (this.entries.has(tokenId)) this.remove(tokenId);
    while (this.entries.size >= this.maxEntries) this.remove(this.entries.keys().next().value!);
    this.entries.set(tokenId, { viewer, expiresAt });
    indexAdd(this.byUser, viewer.userId, tokenId);
    indexAdd(this.byRole, viewer.roleId, tokenId);
    return true;
  }

  /** Calls `listener` after every change applied, and with `all` after every clear. */
  onChange(listener: (change: ViewerChange) => void): void {
    this.listeners.push(listener);
  }

  /** Drops what a change touches. */
  apply(change: ViewerChange): void {
    this.seq += 1;
    this.recent.push({ seq: this.seq, change });
    if (this.recent.length > RECENT_CHANGES) this.recent = this.recent.slice(-RECENT_CHANGES / 2);
    switch (change.kind) {
      case 'token':
        this.remove(change.id);
        break;
      case 'user':
        for (const tokenId of [...(this.byUser.get(change.id) ?? [])]) this.remove(tokenId);
        break;
      case 'role':
        for (const tokenId of [...(this.byRole.get(change.id) ?? [])]) this.remove(tokenId);
        break;
      case 'all':
        this.clear();
        return;
    }
    this.changed(change);
  }

  /** Forgets everything, and every answer still in flight (the feed was lost, or everything changed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.byUser.clear();
    this.byRole.clear();
    this.recent = [];
    this.changed({ kind: 'all' });
  }

  private changed(change: ViewerChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private remove(tokenId: string): void {
    const entry = this.entries.get(tokenId);
    if (!entry) return;
    this.entries.delete(tokenId);
    indexDelete(this.byUser, entry.viewer.userId, tokenId);
    indexDelete(this.byRole, entry.viewer.roleId, tokenId);
  }
}

function indexAdd(index: Map<number, Set<string>>, key: number, tokenId: string): void {
  const set = index.get(key);
  if (set) set.add(tokenId);
  else index.set(key, new Set([tokenId]));
}

function indexDelete(index: Map<number, Set<string>>, key: number, tokenId: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(tokenId);
  if (set.size === 0) index.delete(key);
}

import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Event snapshots on disk: `<dir>/<YYYY-MM-DD of the event>/<event id>.jpg`, one directory per day
 * so that retention removes a day with its partition. Written to a temporary name, flushed, then renamed.
 */
export class EventSnapshotStore {
  constructor(private readonly dir: string) {}

  private fileOf(id: string, ts: Date): string {
    return path.join(this.dir, ts.toISOString().slice(0, 10), `${id}.jpg`);
  }

  async put(id: string, ts: Date, content: Buffer): Promise<void> {
    const file = this.fileOf(id, ts);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  }

  async get(id: string, ts: Date): Promise<Buffer | undefined> {
    try {
      return await readFile(this.fileOf(id, ts));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Removes the snapshots of one day (its partition was dropped). */
  async dropDay(day: Date): Promise<void> {
    await rm(path.join(this.dir, day.toISOString().slice(0, 10)), { recursive: true, force: true });
  }

  /** Removes every day directory before `cutoff`'s day (also days whose partition another process dropped). */
  async dropDaysBefore(cutoff: Date): Promise<void> {
    const last = cutoff.toISOString().slice(0, 10);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names)
      if (/^\d{4}-\d{2}-\d{2}$/.test(name) && name < last)
        await rm(path.join(this.dir, name), { recursive: true, force: true });
  }
}

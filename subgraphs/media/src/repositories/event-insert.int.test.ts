import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSchema, type Database } from '@argus/core';
import { openTestDatabase } from '../../../../test/support/database.js';
import { MEDIA_SCHEMA, mediaDb } from '../db.js';
import { EventRepository, type NewEvent } from './event.repository.js';

/** Storing events: one at a time (an engine's report) or several in one transaction, a known id never twice. */

const event = (over: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  event_type: 'motion_detection',
  camera_id: randomUUID(),
  organization_id: 1,
  place_id: null,
  stream_server_id: 'edge-1',
  object_id: 'o-1',
  event_action: 'appeared',
  ts: new Date(),
  event_data: { motion: { roi_bbox: [0, 0, 10, 10], roi_name: 'door', area_fr: 0.5 } },
  plate: null,
  descriptor: null,
  match_state: 'none',
  ...over,
});

describe('storing events', () => {
  let database: Database;
  let events: EventRepository;

  beforeAll(async () => {
    database = await openTestDatabase();
    await migrateSchema(database.db, MEDIA_SCHEMA, fileURLToPath(new URL('../../migrations/', import.meta.url)));
    events = new EventRepository(mediaDb(database.db));
    await events.ensurePartition(new Date());
  });
  afterAll(async () => {
    await database?.close();
  });

  const stored = async (ids: string[]) => {
    const { rows } = await sql<{ id: string; seq: number }>`select i.id::text as id, i.created_seq::float8 as seq
      from media.event_ids i join media.events e on e.id = i.id and e.ts = i.ts
      where i.id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(database.db);
    return rows;
  };

  it('stores one event once: a re-sent id is refused and changes nothing', async () => {
    const first = event();
    expect(await events.insert(first)).toBe(true);
    expect(await events.insert({ ...first, event_action: 'best_view' })).toBe(false);
    const rows = await stored([first.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seq).toBeGreaterThan(0);
    expect((await events.findById(first.id, {}))!.event_action).toBe('appeared');
  });

  it('stores several in one go, each numbered, skipping ids known before and repeats within', async () => {
    const known = event();
    await events.insert(known);
    const fresh = [event({ event_type: 'plate_recognition', plate: 'A123BC', match_state: 'pending' }), event()];
    const repeat = { ...fresh[1]!, event_action: 'ended' };
    const upper = { ...event(), id: randomUUID().toUpperCase() };
    const batch = [fresh[0]!, known, fresh[1]!, repeat, upper];

    expect(await events.insertMany(batch)).toEqual([fresh[0]!.id, fresh[1]!.id, upper.id]);
    const rows = await stored([...fresh.map((e) => e.id), upper.id.toLowerCase()]);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(3);
    expect((await events.findById(fresh[1]!.id, {}))!.event_action).toBe('appeared');
    expect((await events.findById(fresh[0]!.id, {}))!.match_state).toBe('pending');
    expect(await events.insertMany(batch)).toEqual([]);
    expect(await events.insertMany([])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '@argus/core';
import type { EventNotice } from './event-notice.js';
import { acceptsNotice } from './live-event-scope.js';
import { MemoryEventFeed } from './memory-event-feed.js';
import { MAX_PAYLOAD_BYTES, NoticeBatcher } from './notice-batcher.js';
import { decodeNotice, decodeNotices, encodeNotice } from './notice-codec.js';

const notice: EventNotice = {
  eventId: '6f1c2a4e-1111-4222-8333-444455556666',
  kind: 'matched',
  eventType: 'plate_recognition',
  cameraId: '6f1c2a4e-1111-4222-8333-444455556667',
  organizationId: 7,
  placeId: 12,
  ts: 1_700_000_000_123,
  maxPriority: 2,
};

describe('notices', () => {
  it('travel as compact JSON and come back equal; anything else is dropped', () => {
    const payload = encodeNotice(notice);
    expect(payload.length).toBeLessThan(300);
    expect(decodeNotice(payload)).toEqual(notice);
    expect(decodeNotice('not json')).toBeUndefined();
    expect(decodeNotice(JSON.stringify({ ...JSON.parse(payload), o: 'seven' }))).toBeUndefined();
    expect(decodeNotice(JSON.stringify({ ...JSON.parse(payload), e: 'x' }))).toBeUndefined();
  });

  it('announced while one payload is on its way share the next, each payload under the NOTIFY limit', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    // the first payload is on its way until released; the 99 announced meanwhile wait for the next ones
    const batcher = new NoticeBatcher(async (payload) => {
      sent.push(payload);
      if (sent.length === 1) await first;
    });
    const ids = Array.from({ length: 100 }, (_, i) => `6f1c2a4e-1111-4222-8333-${String(i).padStart(12, '0')}`);
    const done = ids.map((eventId) => batcher.announce(encodeNotice({ ...notice, eventId })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(1);
    release();
    await Promise.all(done);
    expect(sent[0]).toBe(encodeNotice({ ...notice, eventId: ids[0]! }));
    expect(sent.length).toBeLessThan(10);
    expect(sent.length).toBeGreaterThan(2);
    for (const payload of sent) expect(Buffer.byteLength(payload)).toBeLessThan(MAX_PAYLOAD_BYTES);
    const received = sent.flatMap((payload) => decodeNotices(payload).notices.map((n) => n.eventId));
    expect(received).toEqual(ids);
    expect(decodeNotices(`[${encodeNotice(notice)},{"e":"x"}]`)).toEqual({ notices: [notice], malformed: 1 });
    expect(decodeNotices('nope')).toEqual({ notices: [], malformed: 1 });
  });

  it('are accepted by organization, place, camera, type and least priority', () => {
    const base = { kind: 'matched' as const, minPriority: 0 };
    expect(acceptsNotice({ ...base, organizationId: 7 }, notice)).toBe(true);
    expect(acceptsNotice({ ...base, organizationId: 8 }, notice)).toBe(false);
    expect(acceptsNotice({ ...base, places: new Set([12]) }, notice)).toBe(true);
    expect(acceptsNotice({ ...base, places: new Set([13]) }, notice)).toBe(false);
    expect(acceptsNotice({ ...base, places: new Set([12]) }, { ...notice, placeId: null })).toBe(false);
    expect(acceptsNotice({ ...base, cameras: new Set(['other']) }, notice)).toBe(false);
    expect(acceptsNotice({ ...base, types: new Set(['face_recognition'] as const) }, notice)).toBe(false);
    expect(acceptsNotice({ ...base, minPriority: 3 }, notice)).toBe(false);
    expect(acceptsNotice({ kind: 'created' }, notice)).toBe(false);
  });
});

describe('a subscriber queue', () => {
  it('holds at most its capacity, then drops everything and says so once', async () => {
    const queue = new BoundedQueue<number>(3);
    expect([1, 2, 3].map((n) => queue.push(n))).toEqual([true, true, true]);
    expect(queue.push(4)).toBe(false);
    expect(queue.length).toBe(0);
    expect(queue.peak).toBe(3);
    expect(queue.push(5)).toBe(false);
    expect(await queue.take()).toEqual({ done: true, overflow: true });
  });

  it('hands a pushed item straight to a waiting consumer, in order', async () => {
    const queue = new BoundedQueue<number>(2);
    const first = queue.take();
    queue.push(1);
    queue.push(2);
    expect(await first).toEqual({ done: false, overflow: false, value: 1 });
    expect(await queue.take()).toEqual({ done: false, overflow: false, value: 2 });
    queue.end();
    expect(await queue.take()).toEqual({ done: true, overflow: false });
  });
});

describe('the in-process feed', () => {
  it('fans one announcement out to every listener, and listen() ends a listener that falls behind', async () => {
    const feed = new MemoryEventFeed();
    const got: string[] = [];
    const stop = feed.subscribe((n) => got.push(n.eventId));
    const slow = feed.listen(2);
    const fast = feed.listen(10);
    for (let i = 0; i < 3; i += 1) await feed.announce({ ...notice, eventId: `${i}` });
    expect(got).toEqual(['0', '1', '2']);
    const fastIt = fast[Symbol.asyncIterator]();
    expect((await fastIt.next()).value?.eventId).toBe('0');
    expect(await slow[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
    expect(feed.listeners).toBe(2);
    stop();
    fast.stop();
    expect(feed.listeners).toBe(0);
  });
});

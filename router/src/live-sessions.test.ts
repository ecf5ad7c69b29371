import { EventEmitter } from 'node:events';
import { createLogger, UnauthenticatedError, type Authenticator, type Viewer } from '@argus/core';
import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveSessions } from './live-sessions.js';

const VIEWER: Viewer = {
  userId: 7,
  organizationId: 2,
  isSuperuser: false,
  roleId: 3,
  permissions: ['event_read', 'camera_read'],
  groupIds: [4, 5],
  tokenId: 't1',
};

/** A socket that records how it was closed (the rest of ws is not used). */
function socket(): WebSocket & { closedWith?: [number, string] } {
  const s = new EventEmitter() as WebSocket & { closedWith?: [number, string] };
  s.close = (code?: number, reason?: string | Buffer) => {
    s.closedWith = [code!, String(reason)];
    s.emit('close');
  };
  return s;
}

/** Identity as a table of answers per token, changed by the test. */
function identity(answers: Record<string, Viewer | Error>): Authenticator {
  return {
    authenticate: async (token) => {
      const answer = answers[token];
      if (answer === undefined) throw new UnauthenticatedError('unknown token');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const logger = createLogger('router-test', 'silent');
let sessions: LiveSessions | undefined;
afterEach(() => {
  sessions?.close();
  vi.useRealTimers();
});

describe('LiveSessions', () => {
  it('closes a revoked session with 4401 and a changed one with 1012; keeps the same authority in another order', async () => {
    const answers: Record<string, Viewer | Error> = { a: VIEWER, b: VIEWER, c: VIEWER };
    sessions = new LiveSessions(identity(answers), logger, 60_000);
    const [a, b, c] = [socket(), socket(), socket()];
    sessions.add(a, 'Bearer a', undefined, VIEWER);
    sessions.add(b, 'Bearer b', undefined, VIEWER);
    sessions.add(c, 'Bearer c', undefined, VIEWER);
    delete answers.a;
    answers.b = { ...VIEWER, permissions: ['event_read'] };
    answers.c = { ...VIEWER, permissions: ['camera_read', 'event_read'], groupIds: [5, 4], tokenId: 't9' };
    sessions.recheck();
    await sessions.settled();
    expect(a.closedWith).toEqual([4401, 'Unauthorized: the token is no longer valid']);
    expect(b.closedWith).toEqual([1012, 'Authority changed: subscribe again']);
    expect(c.closedWith).toBeUndefined();
    expect(sessions.size).toBe(1);
  });

  it('keeps a session while identity cannot be asked, and forgets closed sockets and anonymous callers', async () => {
    const answers: Record<string, Viewer | Error> = { a: new Error('identity is down') };
    sessions = new LiveSessions(identity(answers), logger, 60_000);
    const [a, gone, anonymous] = [socket(), socket(), socket()];
    sessions.add(a, 'Bearer a', undefined, VIEWER);
    sessions.add(gone, 'Bearer gone', undefined, VIEWER);
    sessions.add(anonymous, '', undefined, undefined);
    gone.emit('close');
    sessions.recheck();
    await sessions.settled();
    expect(a.closedWith).toBeUndefined();
    expect(sessions.size).toBe(1);
  });

  it('checks only the sessions a change touches: their token, user or role', async () => {
    const asked: string[] = [];
    const authenticator: Authenticator = {
      authenticate: async (token) => {
        asked.push(token);
        return token === 'other' ? { ...VIEWER, userId: 8, roleId: 9, tokenId: 't2' } : VIEWER;
      },
    };
    sessions = new LiveSessions(authenticator, logger, 60_000);
    sessions.add(socket(), 'Bearer mine', undefined, VIEWER);
    sessions.add(socket(), 'Bearer other', undefined, { ...VIEWER, userId: 8, roleId: 9, tokenId: 't2' });
    for (const change of [
      { kind: 'token', id: 't2' },
      { kind: 'user', id: 7 },
      { kind: 'role', id: 9 },
      { kind: 'user', id: 99 },
    ] as const) {
      sessions.recheck(change);
      await sessions.settled();
    }
    expect(asked).toEqual(['other', 'mine', 'other']);
    sessions.recheck({ kind: 'all' });
    await sessions.settled();
    expect(asked.slice(3).sort()).toEqual(['mine', 'other']);
  });

  it('checks every sweep without any notice (a token that expired, a router without the change feed)', async () => {
    vi.useFakeTimers();
    const answers: Record<string, Viewer | Error> = { a: VIEWER };
    sessions = new LiveSessions(identity(answers), logger, 5_000);
    const a = socket();
    sessions.add(a, 'Bearer a', undefined, VIEWER);
    delete answers.a;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(a.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(a.closedWith?.[0]).toBe(4401);
  });
});

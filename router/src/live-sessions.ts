import type { Authenticator, Logger, Viewer } from '@argus/core';
import type { WebSocket } from 'ws';
import { authFailure, resolveCaller } from './auth.js';
import { touches, type ViewerChange } from './viewer-changes.js';

/** Closes a socket whose token no longer passes (revoked, expired, its user deactivated). */
const UNAUTHORIZED = 4401;
/** Closes a socket whose user's authority changed: graphql-ws clients reconnect and subscribe afresh. */
const SERVICE_RESTART = 1012;

interface Session {
  readonly authorization: string;
  readonly clientIp: string | undefined;
  readonly viewer: Viewer;
  readonly authority: string;
}

/** What a subscription's scope is settled with: the same user with other authority must subscribe again. */
export function authorityOf(viewer: Viewer | undefined): string {
  if (!viewer) return '';
  const { userId, organizationId, isSuperuser, roleId, permissions, groupIds } = viewer;
  const sorted = <T>(items: readonly T[]) => [...items].sort();
  return JSON.stringify([userId, organizationId, isSuperuser, roleId, sorted(permissions), sorted(groupIds)]);
}

/**
 * The signed-in WebSocket sessions of the router, checked again when identity announces a change
 * that touches them (their token, user or role: at once) and every `sweepMs` (tokens that expired;
 * routers without the change feed): a session whose token no longer passes is closed with 4401,
 * one whose user now has other authority (role, permissions, groups, organization) with 1012, so
 * that no subscription keeps delivering what its subscriber may no longer see.
 */
export class LiveSessions {
  private readonly sessions = new Map<WebSocket, Session>();
  /** sessions to check in the next round */
  private readonly due = new Set<WebSocket>();
  private running: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly logger: Logger,
    sweepMs: number,
  ) {
    this.timer = setInterval(() => this.recheck(), sweepMs);
    this.timer.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  add(socket: WebSocket, authorization: string, clientIp: string | undefined, viewer: Viewer | undefined): void {
    if (viewer === undefined) return;
    this.sessions.set(socket, { authorization, clientIp, viewer, authority: authorityOf(viewer) });
    socket.once('close', () => {
      this.sessions.delete(socket);
      this.due.delete(socket);
    });
  }

  /** Checks again the sessions a change touches (without one: every session), one round at a time. */
  recheck(change: ViewerChange = { kind: 'all' }): void {
    for (const [socket, { viewer }] of this.sessions) if (touches(change, viewer.tokenId, viewer)) this.due.add(socket);
    if (!this.running && this.due.size > 0) {
      this.running = this.rounds().finally(() => {
        this.running = undefined;
      });
    }
  }

  /** Settles when the sessions due now have been checked. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async rounds(): Promise<void> {
    while (this.due.size > 0) {
      const round = [...this.due];
      this.due.clear();
      await Promise.all(round.map((socket) => this.check(socket)));
    }
  }

  private async check(socket: WebSocket): Promise<void> {
    const session = this.sessions.get(socket);
    if (!session) return;
    let authority: string;
    try {
      const { viewer } = await resolveCaller(this.authenticator, session.authorization, session.clientIp);
      authority = authorityOf(viewer);
    } catch (error) {
      if (authFailure(error).status !== 401) return; // identity cannot be asked now: the next sweep asks again
      return this.end(socket, UNAUTHORIZED, 'Unauthorized: the token is no longer valid');
    }
    if (authority !== session.authority) this.end(socket, SERVICE_RESTART, 'Authority changed: subscribe again');
  }

  private end(socket: WebSocket, code: number, reason: string): void {
    if (!this.sessions.delete(socket)) return;
    this.logger.info({ code }, 'websocket session closed: its token or authority changed');
    socket.close(code, reason);
  }
}

import type { Authenticator, Logger, Viewer } from '@argus/core';
import type { WebSocket } from 'ws';
import { authFailure, resolveCaller } from './auth.js';

/** Closes a socket whose token no longer passes (revoked, expired, its user deactivated). */
const UNAUTHORIZED = 4401;
/** Closes a socket whose user's authority changed: graphql-ws clients reconnect and subscribe afresh. */
const SERVICE_RESTART = 1012;

interface Session {
  readonly authorization: string;
  readonly clientIp: string | undefined;
  readonly authority: string;
}

/** What a subscription's scope was settled with: the same user with other authority must subscribe again. */
function authorityOf(viewer: Viewer | undefined): string {
  if (!viewer) return '';
  const { userId, organizationId, isSuperuser, roleId, permissions, groupIds } = viewer;
  const sorted = <T>(items: readonly T[]) => [...items].sort();
  return JSON.stringify([userId, organizationId, isSuperuser, roleId, sorted(permissions), sorted(groupIds)]);
}

/**
 * The signed-in WebSocket sessions of the router, checked again whenever identity announces a
 * change (at once) and every `sweepMs` (tokens that expired; routers without the change feed): a
 * session whose token no longer passes is closed with 4401, one whose user now has other
 * authority (role, permissions, groups, organization) with 1012, so that no subscription keeps
 * delivering what its subscriber may no longer see.
 */
export class LiveSessions {
  private readonly sessions = new Map<WebSocket, Session>();
  private checking: Promise<void> | undefined;
  private again = false;
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
    this.sessions.set(socket, { authorization, clientIp, authority: authorityOf(viewer) });
    socket.once('close', () => this.sessions.delete(socket));
  }

  /** Checks every session again (one pass at a time; a change during a pass runs another after it). */
  recheck(): void {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = this.pass().finally(() => {
      this.checking = undefined;
      if (this.again) {
        this.again = false;
        this.recheck();
      }
    });
  }

  /** Settles when the pass running now, and any it asked for, are done. */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async pass(): Promise<void> {
    await Promise.all(
      [...this.sessions].map(async ([socket, session]) => {
        let authority: string;
        try {
          authority = authorityOf(
            (await resolveCaller(this.authenticator, session.authorization, session.clientIp)).viewer,
          );
        } catch (error) {
          if (authFailure(error).status !== 401) return; // identity cannot be asked now: the next pass asks again
          this.end(socket, UNAUTHORIZED, 'Unauthorized: the token is no longer valid');
          return;
        }
        if (authority !== session.authority) this.end(socket, SERVICE_RESTART, 'Authority changed: subscribe again');
      }),
    );
  }

  private end(socket: WebSocket, code: number, reason: string): void {
    if (!this.sessions.delete(socket)) return;
    this.logger.info({ code }, 'websocket session closed: its token or authority changed');
    socket.close(code, reason);
  }
}

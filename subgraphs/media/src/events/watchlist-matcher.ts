import { INTERNAL_SIGNATURE_HEADER, internalSignature, UnavailableError } from '@argus/core';
import type { MatchPriority } from './event.types.js';

export interface FaceCandidate {
  readonly faceId: number;
  readonly faceName: string | null;
  readonly uploadIds: string[];
  readonly lists: { listId: number; listName: string; priority: MatchPriority | null }[];
}

export interface PlateListMatch {
  readonly plateId: number;
  readonly plateNumber: string;
  readonly listId: number;
  readonly listName: string;
  readonly priority: MatchPriority | null;
}

/** The watchlists part, as matching sees it (its signed internal routes). */
export interface Watchlists {
  faceCandidates(organizationId: number): Promise<FaceCandidate[]>;
  plateMatches(organizationId: number, plate: string): Promise<PlateListMatch[]>;
}

/** Watchlists over HTTP; any failure is UnavailableError (the event is retried later). */
export class RemoteWatchlists implements Watchlists {
  constructor(
    private readonly watchlistsUrl: () => string,
    private readonly internalKey: string,
    private readonly timeoutMs = 5000,
  ) {}

  async faceCandidates(organizationId: number): Promise<FaceCandidate[]> {
    return (await this.post<{ faces: FaceCandidate[] }>('face-candidates', { organizationId })).faces;
  }

  async plateMatches(organizationId: number, plate: string): Promise<PlateListMatch[]> {
    return (await this.post<{ matches: PlateListMatch[] }>('plate-matches', { organizationId, plate })).matches;
  }

  private async post<T>(route: string, payload: unknown): Promise<T> {
    const url = this.watchlistsUrl().replace(/\/graphql\/?$/, `/internal/watchlists/${route}`);
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as T;
    } catch (error) {
      throw new UnavailableError(`watchlists does not answer: ${(error as Error).message}`);
    }
  }
}

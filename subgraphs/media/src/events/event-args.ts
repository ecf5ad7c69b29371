import type { MatchPriority, RecognitionEventType } from './event.types.js';

/** The page a list asks for (GraphQL first/after). */
export interface EventPageArgs {
  readonly limit: number;
  readonly cursor?: string | null;
  readonly matchedOnly?: boolean;
  readonly minPriority?: MatchPriority | null;
}

export interface FaceSearchArgs {
  readonly descriptor: { readonly data: string; readonly norm: number; readonly version: number };
  readonly threshold: number;
  readonly groupId?: number | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly first: number;
}

export interface PlateSearchArgs {
  readonly plate: string;
  readonly partial: boolean;
  readonly groupId?: number | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly first: number;
}

export interface StatsArgs {
  readonly from: Date;
  readonly to: Date;
  readonly organizationId?: number | null;
  readonly groupId?: number | null;
}

export interface IntensityArgs extends StatsArgs {
  readonly cameraIds: readonly string[] | null;
}

export type { RecognitionEventType };

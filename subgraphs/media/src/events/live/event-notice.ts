/**
 * What the media part announces after an event (or its matches) has been written: just enough for
 * every subscriber in every process to decide whether it may see it and wants it; subscribers load
 * the event itself from the database. Announced only after the write has committed.
 */
export interface EventNotice {
  /** the event's id (uuid) */
  readonly eventId: string;
  /** `created`: a new event; `matched`: the event got its watchlist matches */
  readonly kind: 'created' | 'matched';
  readonly eventType: 'face_recognition' | 'plate_recognition' | 'motion_detection' | 'line_crossing';
  readonly cameraId: string;
  readonly organizationId: number;
  /** the camera's place (subscribers filter by place; groups see cameras through their places) */
  readonly placeId: number | null;
  /** capture time, milliseconds since the epoch */
  readonly ts: number;
  /** the highest priority among the event's matches (`matched` only) */
  readonly maxPriority?: number;
}

/** Where writers announce and subscribers listen, in this process and across processes. */
export interface EventFeed {
  announce(notice: EventNotice): Promise<void>;
  /** every notice from now on; `stop()` ends the iteration */
  listen(): AsyncIterable<EventNotice> & { stop(): void };
  close(): Promise<void>;
}

/** Every notice of a feed, pushed synchronously as it arrives (the local multiplexer's side of a feed). */
export type NoticeListener = (notice: EventNotice) => void;

/**
 * A feed that also pushes notices to listeners: subscriptions keep their own bounded buffers.
 * `onGap` is told when notices may have been lost (the upstream connection dropped and came back).
 */
export interface LiveEventFeed extends EventFeed {
  subscribe(listener: NoticeListener, onGap?: () => void): () => void;
}

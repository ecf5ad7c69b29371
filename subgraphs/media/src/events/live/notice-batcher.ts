import { encodeNotices } from './notice-codec.js';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7_900;

interface Pending {
  readonly encoded: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends encoded notices a payload at a time, one payload in flight: notices announced while a
 * payload is on its way go together in the next (up to MAX_PAYLOAD_BYTES), as group commit does.
 * Each announcement resolves once the payload holding it was sent.
 */
export class NoticeBatcher {
  private pending: Pending[] = [];
  private sending = false;

  constructor(private readonly send: (payload: string) => Promise<void>) {}

  announce(encoded: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ encoded, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.pending.length > 0) {
      let bytes = 2;
      let n = 0;
      while (n < this.pending.length) {
        const size = Buffer.byteLength(this.pending[n]!.encoded) + 1;
        if (n > 0 && bytes + size > MAX_PAYLOAD_BYTES) break;
        bytes += size;
        n += 1;
      }
      const batch = this.pending.splice(0, n);
      try {
        await this.send(encodeNotices(batch.map((p) => p.encoded)));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.sending = false;
  }
}

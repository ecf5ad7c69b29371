import { encodeViewer, VIEWER_HEADER } from '../auth/viewer-header.js';
import type { Viewer } from '../auth/viewer.js';
import { UnavailableError } from '../errors.js';

/** Calls another part's GraphQL endpoint on behalf of a caller (the signed viewer header, as the router sends it). */
export class SubgraphClient {
  constructor(
    private readonly url: string,
    private readonly internalKey: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async request<T>(viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIEWER_HEADER]: encodeViewer(viewer, this.internalKey) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new UnavailableError(
        `${new URL(this.url).host} does not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.errors?.length) {
      const [first] = body.errors;
      throw new Error(`${this.url} answered ${first!.extensions?.code ?? 'an error'}: ${first!.message}`);
    }
    if (!response.ok || body.data === undefined)
      throw new UnavailableError(`${this.url} answered HTTP ${response.status}`);
    return body.data;
  }
}

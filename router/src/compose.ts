import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { encodeAnonymous, VIEWER_HEADER } from '@argus/core';
import type { SubgraphEndpoint } from './config.js';

export interface SubgraphSdl extends SubgraphEndpoint {
  readonly sdl: string;
}

/** Composition failed; `errors` lists each problem, one line each. */
export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Supergraph composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

class SubgraphUnreachableError extends Error {}

/** Composes subgraph SDLs into a supergraph SDL; throws CompositionError listing every composition error. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  if (subgraphs.length === 0) throw new CompositionError(['no subgraph to compose']);
  const parseErrors: string[] = [];
  const services = subgraphs.flatMap(({ name, url, sdl }) => {
    try {
      return [{ name, url, typeDefs: parse(sdl) }];
    } catch (error) {
      parseErrors.push(`[${name}] ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (parseErrors.length > 0) throw new CompositionError(parseErrors);
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}

/**
 * Asks a running subgraph for its federation SDL (`{ _service { sdl } }`), as the router: subgraphs
 * answer only signed callers, so the request carries the router's anonymous caller header.
 */
export async function fetchSubgraphSdl(
  subgraph: SubgraphEndpoint,
  internalKey: string,
  timeoutMs = 10_000,
): Promise<SubgraphSdl> {
  let response: Response;
  try {
    response = await fetch(subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [VIEWER_HEADER]: encodeAnonymous(internalKey),
      },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SubgraphUnreachableError(
      `Subgraph ${subgraph.name} at ${subgraph.url} did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: { _service?: { sdl?: string } };
    errors?: { message: string }[];
  };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string') {
    const reason = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
    throw new Error(`Subgraph ${subgraph.name} at ${subgraph.url} gave no SDL: ${reason}`);
  }
  return { ...subgraph, sdl };
}

/** Like fetchSubgraphSdl, retrying for up to `waitMs` while the subgraph is not answering yet (parts start side by side). */
async function fetchSubgraphSdlWhenUp(
  subgraph: SubgraphEndpoint,
  internalKey: string,
  waitMs: number,
): Promise<SubgraphSdl> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await fetchSubgraphSdl(subgraph, internalKey);
    } catch (error) {
      if (!(error instanceof SubgraphUnreachableError) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Fetches every subgraph's SDL (signed with the internal key) and composes the supergraph. */
export async function loadSupergraph(
  subgraphs: readonly SubgraphEndpoint[],
  internalKey: string,
  waitMs = 0,
): Promise<string> {
  const sdls = await Promise.all(subgraphs.map((subgraph) => fetchSubgraphSdlWhenUp(subgraph, internalKey, waitMs)));
  return composeSupergraph(sdls);
}

import {
  borrowDatabase,
  commonConfig,
  openDatabase,
  type Database,
  type Env,
  type ScopedUploadCatalog,
} from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { buildApp as buildMedia, mediaConfig, type MediaApp } from '@argus/media';
import { buildApp as buildMediaEngine, mediaEngineConfig } from '@argus/media-engine';
import { buildApp as buildFacade, restFacadeConfig } from '@argus/rest-facade';
import { buildApp as buildRouter, routerConfig, type RelayPort } from '@argus/router';
import { buildApp as buildTopology, topologyConfig } from '@argus/topology';
import { buildApp as buildWatchlists, watchlistsConfig } from '@argus/watchlists';

export interface SubgraphUrls {
  readonly identity: string;
  readonly topology: string;
  readonly watchlists: string;
  readonly media: string;
}

export interface Stack {
  readonly restUrl: string;
  readonly routerUrl: string;
  readonly subgraphs: SubgraphUrls;
  /** the first superuser when this start created it */
  readonly createdAdmin?: { email: string; password: string; generated: boolean };
  stop(): Promise<void>;
}

export interface Part<Started> {
  start(): Promise<Started>;
  stop(): Promise<void>;
}

/** A port the environment names, or 0 (any free port) for parts nobody outside the process calls. */
function portOrFree(env: Env, name: string): number {
  return env[name] ? Number(env[name]) : 0;
}

/** The subgraphs (and a media engine) on one database, in the process that owns it. */
export interface SubgraphStack {
  readonly subgraphs: SubgraphUrls;
  /** the database every part of this process shares (on PGlite: the one whose notices a router follows) */
  readonly database: Database;
  /** the PostgreSQL server identity writes to, when a database was given (tests, benchmarks) */
  readonly databaseUrl?: string;
  readonly createdAdmin?: Stack['createdAdmin'];
  /** starts a part of this process, to be stopped with it (before the parts started earlier) */
  startPart<Started>(part: Part<Started>): Promise<Started>;
  stop(): Promise<void>;
}

/**
 * The subgraphs on free ports (unless their port variables are set) on one database, and one
 * stream server in-process unless MEDIA_ENGINE=false. Upload references (avatars, logos, plan and
 * face images) are checked with the media app's catalog in-process.
 */
export async function startSubgraphs(env: Env, given?: Database & { readonly url?: string }): Promise<SubgraphStack> {
  const common = commonConfig(env);
  const database = given ?? (await openDatabase(common.database));
  const shared = borrowDatabase(database);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch(() => undefined);
    if (!given) await database.close();
  };
  const startPart = async <Started>(part: Part<Started>): Promise<Started> => {
    const started = await part.start();
    stops.push(() => part.stop());
    return started;
  };
  try {
    // the media part, started after identity, answers the others' upload references in-process
    let media: MediaApp | undefined;
    const uploads: ScopedUploadCatalog = {
      exists: (id, kind, viewer) => mediaApp().uploads.exists(id, kind, viewer),
      lookup: (ids, viewer) => mediaApp().uploads.lookup(ids, viewer),
    };
    const mediaApp = () => {
      if (!media) throw new Error('media is not started');
      return media;
    };

    const identity = await startPart(
      buildIdentity({ ...identityConfig(env), port: portOrFree(env, 'IDENTITY_PORT') }, { database: shared, uploads }),
    );
    const identityUrl = identity.url;
    const subgraphs: SubgraphUrls = {
      identity: identityUrl,
      topology: (
        await startPart(
          buildTopology(
            { ...topologyConfig(env), identityUrl, port: portOrFree(env, 'TOPOLOGY_PORT') },
            { database: shared, uploads },
          ),
        )
      ).url,
      watchlists: (
        await startPart(
          buildWatchlists(
            { ...watchlistsConfig(env), identityUrl, port: portOrFree(env, 'WATCHLISTS_PORT') },
            { database: shared, uploads },
          ),
        )
      ).url,
      media: (
        await startPart(
          (media = buildMedia(
            { ...mediaConfig(env), identityUrl, port: portOrFree(env, 'MEDIA_PORT') },
            {
              database: shared,
              topologyUrl: () => subgraphs.topology,
              watchlistsUrl: () => subgraphs.watchlists,
            },
          )),
        )
      ).url,
    };
    // one stream server in-process on the same database, ingesting the cameras topology lists (MEDIA_ENGINE=false: none)
    if (env.MEDIA_ENGINE !== 'false')
      await startPart(
        buildMediaEngine(
          { ...mediaEngineConfig(env), topologyUrl: subgraphs.topology, mediaUrl: subgraphs.media },
          { database: shared },
        ),
      );
    return {
      subgraphs,
      database: shared,
      databaseUrl: given?.url,
      createdAdmin: identity.firstStart.createdAdmin,
      startPart,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Where a router learns of identity's changes: the embedded database in its process, a relay, or a server. */
export interface ViewerFeedSource {
  readonly database?: Database;
  readonly databaseUrl?: string;
  readonly relay?: RelayPort;
}

/** The router over the given subgraphs and the REST facade in front of it: what a worker process runs. */
export function buildEdge(env: Env, subgraphs: SubgraphUrls, feed: ViewerFeedSource): Part<Edge> {
  const router = buildRouter(routerConfig(env), {
    subgraphs: Object.entries(subgraphs).map(([name, url]) => ({ name, url })),
    ...feed,
  });
  let facade: ReturnType<typeof buildFacade> | undefined;
  return {
    async start() {
      const { url: routerUrl } = await router.start();
      try {
        // the facade reaches the router in this process without a socket (measured: README, Benchmarks)
        const routerFetch = (request: Request) => router.fetch(request);
        facade = buildFacade({ ...restFacadeConfig(env), routerUrl, mediaUrl: subgraphs.media }, { routerFetch });
        const { url: restUrl } = await facade.start();
        return { restUrl, routerUrl };
      } catch (error) {
        await router.stop();
        throw error;
      }
    },
    async stop() {
      await facade?.stop();
      await router.stop();
    },
  };
}

export interface Edge {
  readonly restUrl: string;
  readonly routerUrl: string;
}

/**
 * Every part in one process on one database: the subgraphs on free ports (unless their port
 * variables are set), the router and the REST facade on their configured ports, the router
 * following identity's notices in-process (on PGlite) or on the server. Used by `npm start` with
 * WORKERS=1, the end-to-end tests and the benchmarks.
 */
export async function startStack(env: Env, given?: Database & { readonly url?: string }): Promise<Stack> {
  const core = await startSubgraphs(env, given);
  try {
    const edge = await core.startPart(
      buildEdge(env, core.subgraphs, { database: core.database, databaseUrl: core.databaseUrl }),
    );
    return { ...edge, subgraphs: core.subgraphs, createdAdmin: core.createdAdmin, stop: core.stop };
  } catch (error) {
    await core.stop();
    throw error;
  }
}

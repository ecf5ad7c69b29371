import { borrowDatabase, commonConfig, openDatabase, type Database, type Env } from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { buildApp as buildRouter, routerConfig } from '@argus/router';
import { buildApp as buildTopology, topologyConfig } from '@argus/topology';
import { buildApp as buildFacade, restFacadeConfig } from './app.js';

export interface Stack {
  readonly restUrl: string;
  readonly routerUrl: string;
  readonly subgraphs: { readonly identity: string; readonly topology: string };
  /** the first superuser when this start created it */
  readonly createdAdmin?: { email: string; password: string; generated: boolean };
  stop(): Promise<void>;
}

/** A port the environment names, or 0 (any free port) for parts nobody outside the process calls. */
function portOrFree(env: Env, name: string): number {
  return env[name] ? Number(env[name]) : 0;
}

/**
 * Every part in one process on one database: identity and topology subgraphs on free ports,
 * the router and the REST facade on their configured ports. Used by `npm start`, the
 * end-to-end tests and the benchmarks.
 */
export async function startStack(env: Env, given?: Database): Promise<Stack> {
  const common = commonConfig(env);
  const database = given ?? (await openDatabase(common.database));
  const shared = borrowDatabase(database);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
    if (!given) await database.close();
  };
  try {
    const identity = buildIdentity({ ...identityConfig(env), port: portOrFree(env, 'IDENTITY_PORT') }, { database: shared });
    const identityStart = await identity.start();
    stops.push(() => identity.stop());

    const topology = buildTopology({ ...topologyConfig(env), identityUrl: identityStart.url, port: portOrFree(env, 'TOPOLOGY_PORT') }, { database: shared });
    const { url: topologyUrl } = await topology.start();
    stops.push(() => topology.stop());

    const subgraphs = [{ name: 'identity', url: identityStart.url }, { name: 'topology', url: topologyUrl }];
    const router = buildRouter(routerConfig(env), { subgraphs });
    const { url: routerUrl } = await router.start();
    stops.push(() => router.stop());

    const facade = buildFacade({ ...restFacadeConfig(env), routerUrl });
    const { url: restUrl } = await facade.start();
    stops.push(() => facade.stop());

    return {
      restUrl,
      routerUrl,
      subgraphs: { identity: identityStart.url, topology: topologyUrl },
      createdAdmin: identityStart.firstStart.createdAdmin,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

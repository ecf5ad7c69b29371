import type { ListStreamServersQuery } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A stream server as the listStreamServers document selects it. */
export type GraphqlStreamServer = ListStreamServersQuery['streamServers'][number];

/** REST StreamServer (22.1). */
export type RestStreamServer = RestSchema<'StreamServer'>;

/** REST StreamServerList. */
export function toRestStreamServerList(servers: readonly GraphqlStreamServer[]): RestSchema<'StreamServerList'> {
  return { streamservers: servers.map((s) => ({ streamserver_id: s.id, group: s.group, tags: [...s.tags] })) };
}

/** A stream server as the listStreamServers document selects it. */
export interface GraphqlStreamServer {
  readonly id: string;
  readonly group: string | null;
  readonly tags: readonly string[];
}

/** REST StreamServer (22.1). */
export interface RestStreamServer {
  streamserver_id: string;
  group: string | null;
  tags: string[];
}

/** REST StreamServerList. */
export function toRestStreamServerList(servers: readonly GraphqlStreamServer[]): { streamservers: RestStreamServer[] } {
  return { streamservers: servers.map((s) => ({ streamserver_id: s.id, group: s.group, tags: [...s.tags] })) };
}

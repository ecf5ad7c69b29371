import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestStreamServerList } from '../models/stream-server.js';

/** 22.1: the live stream servers */
export const streamServerOperations = {
  listStreamServers: {
    field: 'streamServers',
    toRest: toRestStreamServerList,
  },
} satisfies TypedOperationSpecs;

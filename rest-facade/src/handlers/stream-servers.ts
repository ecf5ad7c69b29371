import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestStreamServerList } from '../models/stream-server.js';
import type { OperationSpecs } from './operation.js';

/** 22.1: the live stream servers */
export const streamServerOperations: OperationSpecs = {
  listStreamServers: {
    field: 'streamServers',
    toRest: toRestStreamServerList,
  },
} satisfies TypedOperationSpecs;

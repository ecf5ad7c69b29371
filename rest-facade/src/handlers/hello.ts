import type { TypedOperationSpecs } from '../graphql/types.js';
import type { OperationSpecs } from './operation.js';

/** 7.1, answered without a bearer token */
export const helloOperations: OperationSpecs = {
  getHello: { field: 'hello', toRest: (hello) => ({ message: hello.message, version: hello.version }) },
} satisfies TypedOperationSpecs;

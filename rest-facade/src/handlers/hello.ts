import type { TypedOperationSpecs } from '../graphql/types.js';

/** 7.1, answered without a bearer token */
export const helloOperations = {
  getHello: { field: 'hello', toRest: (hello) => ({ message: hello.message, version: hello.version }) },
} satisfies TypedOperationSpecs;

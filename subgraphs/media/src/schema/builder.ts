import type { ScalarRef } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createSubgraphBuilder, SIGNED_IN_ONLY, type RequestContext, type SubgraphTypes } from '@argus/core';
import type { MediaLoaders } from '../loaders.js';
import type { MediaServices } from '../services/index.js';

export interface MediaContext extends RequestContext {
  readonly services: MediaServices;
  readonly loaders: MediaLoaders;
}

export const { builder, common } = createSubgraphBuilder<MediaContext>();
builder.subscriptionType(SIGNED_IN_ONLY);

type Types = PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes<MediaContext>>;

/** Files of a multipart request; the shared builder's scalar map knows only DateTime and JSON. */
export const FileScalar = (builder as any).scalarType('File', {
  description: 'A file sent with the request, as the GraphQL multipart request spec describes (multipart/form-data: operations, map, files)',
  serialize: () => {
    throw new GraphQLError('File is an input only scalar');
  },
  parseValue: (value: unknown) => {
    const file = value as Blob | null;
    if (typeof file?.arrayBuffer !== 'function' || typeof file.size !== 'number') throw new GraphQLError('File must be sent as a multipart/form-data part');
    return file;
  },
  parseLiteral: () => {
    throw new GraphQLError('File must be sent as a multipart/form-data part, not written in the query');
  },
}) as ScalarRef<Types, Blob, Blob>;

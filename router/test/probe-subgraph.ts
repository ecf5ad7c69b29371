import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createLogger,
  InputValidationError,
  NotFoundError,
  requestContext,
  startGraphqlServer,
  type RequestContext,
  type GraphqlServer,
} from '@argus/core';
import { parse } from 'graphql';

/**
 * A test-only subgraph: it tells what caller the router passed (viewer, client address,
 * request id), extends identity's User, fails on demand with domain errors, and has the
 * Subscription root the real subgraphs do not have yet.
 */
const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Query {
    probe: Probe!
    probeFailure(kind: String!): Boolean
  }

  type Probe {
    viewerUserId: Int
    clientIp: String
    requestId: String
  }

  type User @key(fields: "id") {
    id: Int!
    seenBy: Int
  }

  type Subscription {
    ticks(count: Int!): Tick!
    refusedTicks: Tick!
  }

  type Tick {
    n: Int!
    viewerUserId: Int
    user: User
  }
`);

const resolvers = {
  Query: {
    probe: (_: unknown, __: unknown, ctx: RequestContext) => ({
      viewerUserId: ctx.viewer?.userId ?? null,
      clientIp: ctx.clientIp ?? null,
      requestId: ctx.requestId,
    }),
    probeFailure: (_: unknown, { kind }: { kind: string }) => {
      if (kind === 'input') throw new InputValidationError('Name is too long', ['input', 'name'], 'too_long');
      throw new NotFoundError('Camera not found', 'camera_not_found');
    },
  },
  User: {
    __resolveReference: (ref: { id: number }, ctx: RequestContext) => ({
      id: ref.id,
      seenBy: ctx.viewer?.userId ?? null,
    }),
  },
  Subscription: {
    ticks: {
      subscribe: async function* (_: unknown, { count }: { count: number }, ctx: RequestContext) {
        for (let n = 1; n <= count; n++) {
          yield {
            ticks: { n, viewerUserId: ctx.viewer?.userId ?? null, user: ctx.viewer ? { id: ctx.viewer.userId } : null },
          };
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
    },
    refusedTicks: {
      subscribe: () => {
        throw new NotFoundError('Camera not found', 'camera_not_found');
      },
    },
  },
};

export function startProbeSubgraph(internalKey: string): Promise<GraphqlServer> {
  const authenticator = {
    authenticate: () => Promise.reject(new Error('the router must not forward bearer tokens to subgraphs')),
  };
  return startGraphqlServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('probe', 'warn'),
    context: (headers, clientIp) => requestContext(headers, clientIp, { internalKey, authenticator }),
  });
}

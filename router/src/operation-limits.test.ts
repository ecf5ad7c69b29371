import { DEFAULT_OPERATION_LIMITS, operationLimitPlugins, OPERATION_LIMIT_CODE } from '@argus/core';
import { composeServices } from '@theguild/federation-composition';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { schemasFromCode } from './subgraph-schemas.js';

const SAMPLE_SCALARS: Record<string, unknown> = {
  Int: 1,
  Float: 1.5,
  String: 'x',
  Boolean: true,
  ID: '1',
  DateTime: '2026-01-01T00:00:00.000Z',
  JSON: {},
  Upload: null,
};

/** A value of the type: required input fields filled, one item per list, page sizes at their largest. */
function sample(type: GraphQLInputType, name: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [sample(nullable.ofType, name)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, sample(f.type, f.name)]));
  }
  if (['first', 'limit'].includes(name)) return 1000;
  return SAMPLE_SCALARS[getNamedType(type).name] ?? 'x';
}

function apiSchema(): GraphQLSchema {
  const subgraphs = schemasFromCode().subgraphs.map(({ name, sdl }) => ({
    name,
    url: `http://${name}/graphql`,
    typeDefs: parse(sdl),
  }));
  return buildSchema(composeServices(subgraphs).publicSdl!);
}

describe('operation limits', () => {
  const schema = apiSchema();
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: operationLimitPlugins({ introspection: true, limits: DEFAULT_OPERATION_LIMITS }),
  });

  async function refusals(query: string, variables: Record<string, unknown>, server = yoga): Promise<string[]> {
    const response = await server.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    const messages = (body.errors ?? [])
      .filter((e) => e.extensions?.code === OPERATION_LIMIT_CODE)
      .map((e) => e.message);
    if (messages.length > 0) expect(response.status).toBe(400);
    return messages;
  }

  it('let every REST facade document run, with page sizes of 1000', async () => {
    const documents = loadOperationDocuments();
    expect(documents.size).toBeGreaterThan(100);
    // with a budget of 0 every document is refused: its sample variables fit, so its cost was computed
    const stingy = createYoga({
      schema,
      logging: false,
      plugins: operationLimitPlugins({ introspection: true, limits: { ...DEFAULT_OPERATION_LIMITS, maxCost: 0 } }),
    });
    const refused: string[] = [];
    const uncosted: string[] = [];
    for (const [operationId, text] of documents) {
      const operation = parse(text).definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION,
      ) as OperationDefinitionNode;
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => {
          const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
          return [v.variable.name.value, sample(type, v.variable.name.value)];
        }),
      );
      refused.push(...(await refusals(text, variables)).map((message) => `${operationId}: ${message}`));
      if ((await refusals(text, variables, stingy)).length === 0) uncosted.push(operationId);
    }
    expect(refused).toEqual([]);
    expect(uncosted).toEqual([]);
  });

  it('refuse a document over each limit with HTTP 400 and the limit in the message', async () => {
    const nested = `{ organization(id: 1) { ${'members { nodes { organization { '.repeat(6)} id ${'} } } '.repeat(6)} } }`;
    expect(await refusals(nested, {})).toEqual(['Query depth limit of 15 exceeded, found 20.']);
    expect(
      await refusals(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: hello { message }`).join(' ')} }`, {}),
    ).toEqual(['Aliases limit of 30 exceeded, found 31.']);
    expect(await refusals(`{ hello { ${'message '.repeat(1000)} } }`, {})).toEqual(['Token limit of 1000 exceeded.']);
    expect(await refusals(`{ hello { message ${'@skip(if: false) '.repeat(21)} } }`, {})).toEqual([
      'Directives limit of 20 exceeded, found 21.',
    ]);
    const pages =
      'query($n: Int) { organizations(first: $n) { nodes { members(first: $n) { nodes { groups { id } } } } } }';
    expect(await refusals(pages, { n: 1000 })).toEqual([]);
    expect(
      await refusals(pages.replace('groups { id }', 'organization { groups(first: $n) { nodes { id } } }'), {
        n: 1000,
      }),
    ).toEqual([expect.stringMatching(/^Query cost limit of 25000000 exceeded, found \d+\.$/)]);
  });

  it('refuse introspection and field suggestions when introspection is off', async () => {
    const closed = createYoga({
      schema,
      logging: false,
      plugins: operationLimitPlugins({ introspection: false, limits: DEFAULT_OPERATION_LIMITS }),
    });
    const ask = async (query: string) =>
      (
        await closed.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json() as Promise<{ errors?: { message: string }[] }>;
    expect((await ask('{ __schema { types { name } } }')).errors?.[0]?.message).toMatch(/introspection/i);
    expect((await ask('{ __type(name: "User") { name } }')).errors?.[0]?.message).toMatch(/introspection/i);
    expect(JSON.stringify(await ask('{ helo { message } }'))).not.toMatch(/Did you mean/);
    // with introspection on, suggestions stay (a test that shows the check above can fail)
    const open = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ helo { message } }' }),
    });
    expect(await open.text()).toMatch(/Did you mean/);
  });
});

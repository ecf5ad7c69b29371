import sharp from 'sharp';
import { expect } from 'vitest';
import { expectSpec, type GraphqlResult, type TestStack, type TestUser } from '../support/stack.js';

export type Member = TestUser & { token: string };

/** A small real PNG, different for each seed: what a vehicle photo upload holds. */
export async function carPng(seed = 0): Promise<Uint8Array<ArrayBuffer>> {
  const png = await sharp({
    create: { width: 16, height: 8, channels: 3, background: { r: (seed * 37) % 256, g: 80, b: 160 } },
  })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

/** An upload of kind `vehicle_image` (REST 25.1): its id and bytes. */
export async function vehicleImage(
  stack: TestStack,
  token: string,
  seed = 0,
): Promise<{ id: string; bytes: Uint8Array<ArrayBuffer> }> {
  const bytes = await carPng(seed);
  const res = await stack.upload(token, 'vehicle_image', bytes, 'car.png', 'image/png');
  expectSpec(res, 200);
  return { id: res.body.uploads[0]!.id, bytes };
}

export async function createPlate(
  stack: TestStack,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/plates', { token, json: { number: stack.unique('P-'), ...body } });
  expectSpec(res, 200);
  return res.body;
}

export async function createPlateList(
  stack: TestStack,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/platelists', { token, json: { name: stack.unique('List '), ...body } });
  expectSpec(res, 200);
  return res.body;
}

/** A GraphQL call through the router that must answer without errors. */
export async function gqlData<T = any>(
  stack: TestStack,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const res = await stack.gql<T>(query, variables, token);
  expect(res.status).toBe(200);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
}

/** The `extensions.code` of each error of a GraphQL answer. */
export function errorCodes(res: GraphqlResult): unknown[] {
  return (res.body.errors ?? []).map((e) => e.extensions?.code);
}

/**
 * Walks a GraphQL connection page by page with `first`/`after`: every id once, every page but the
 * last full.
 */
export async function walkConnection(
  stack: TestStack,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  connectionOf: (data: any) => {
    nodes: { id: number }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  },
  first = 10,
): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= 100; pages += 1) {
    const connection = connectionOf(await gqlData(stack, query, { ...variables, first, after }, token));
    ids.push(...connection.nodes.map((n) => n.id));
    if (!connection.pageInfo.hasNextPage) return { ids, pages };
    expect(connection.nodes).toHaveLength(first);
    after = connection.pageInfo.endCursor;
  }
  throw new Error('the cursor never ended');
}

/** A user whose role holds exactly these permissions (a custom role made by the superuser). */
export async function memberWith(stack: TestStack, organizationId: number, permissions: string[]): Promise<Member> {
  return stack.member(organizationId, await stack.createRole(permissions));
}

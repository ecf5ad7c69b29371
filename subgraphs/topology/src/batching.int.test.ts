import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Caller, type TopologyHarness } from '../../../test/support/topology-harness.js';

let h: TopologyHarness;
let caller: Caller;
const groups: number[] = [];

beforeAll(async () => {
  h = await startTopology();
  const organizationId = await h.organization();
  caller = await h.user({ organizationId });
  for (let p = 0; p < 10; p += 1) {
    const placeId = (
      await caller.query('mutation($n:String!){ createPlace(input:{name:$n}){ ... on Place { id } } }', {
        n: `Place ${p}`,
      })
    ).createPlace.id;
    const planId = (
      await caller.query(
        'mutation($p:Int!){ createPlan(input:{name:"Floor", placeId:$p, imageId:"plan-image-1"}){ ... on Plan { id } } }',
        { p: placeId },
      )
    ).createPlan.id;
    const ids: string[] = [];
    for (let c = 0; c < 10; c += 1) {
      ids.push(
        (
          await caller.query(
            'mutation($p:Int!,$n:String!){ createCamera(input:{name:$n, placeId:$p, source:{url:"rtsp://cam/1"}}){ ... on Camera { id } } }',
            { p: placeId, n: `Cam ${p}.${c}` },
          )
        ).createCamera.id,
      );
    }
    await caller.query('mutation($p:Int!,$c:[ID!]!){ addPlanCameras(planId:$p, cameraIds:$c){ __typename } }', {
      p: planId,
      c: ids.slice(0, 5),
    });
    if (p < 3) {
      const groupId = await h.group(organizationId);
      groups.push(groupId);
      await caller.query('mutation($g:Int!,$p:[Int!]!){ addGroupPlaces(groupId:$g, placeIds:$p){ __typename } }', {
        g: groupId,
        p: [placeId],
      });
    }
  }
}, 120_000);
afterAll(() => h?.stop());

/** SQL statements the topology part runs to answer one request. */
async function statementsFor(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ count: number; data: any }> {
  const before = h.statements.count;
  const data = await caller.query(query, variables);
  return { count: h.statements.count - before, data };
}

const CAMERAS_WITH_ORIGIN = `query($f:Int!){ cameras(first:$f){ nodes {
  id name planPosition { x y }
  place { id name description latitude longitude planCount cameraCount }
  plan { id name place { id } }
} } }`;

describe('no N+1', () => {
  it('answers a page of 100 cameras with their places and plans in a fixed number of statements', async () => {
    const small = await statementsFor(CAMERAS_WITH_ORIGIN, { f: 10 });
    const large = await statementsFor(CAMERAS_WITH_ORIGIN, { f: 100 });
    expect(large.data.cameras.nodes).toHaveLength(100);
    expect(large.data.cameras.nodes.filter((n: { plan: unknown }) => n.plan !== null)).toHaveLength(50);
    expect(large.data.cameras.nodes[0].place).toMatchObject({ planCount: 1, cameraCount: 10 });
    // cameras (with their plan positions), places, plans, plan counts, camera counts
    expect(large.count).toBe(5);
    expect(small.count).toBe(large.count);
  });

  it("answers places with their plans, the plans' cameras and the places' cameras in a fixed number of statements", async () => {
    const query = `query($f:Int!){ places(first:$f){ nodes { id
      plans(first:10){ nodes { id cameras(first:10){ nodes { cameraId x camera { name place { id } } } } } }
      cameras(first:10, withoutPlans:true){ nodes { id plan { id } } }
    } } }`;
    const small = await statementsFor(query, { f: 10 });
    expect(small.data.places.nodes).toHaveLength(10);
    expect(small.data.places.nodes[0].plans.nodes[0].cameras.nodes).toHaveLength(5);
    expect(small.data.places.nodes[0].cameras.nodes).toHaveLength(5);
    // places, plans of places, cameras of places, cameras of plans, places of those cameras
    expect(small.count).toBe(5);
    const large = await statementsFor(query, { f: 100 });
    expect(large.count).toBe(small.count);
  });

  it("answers many groups' places and counts in a fixed number of statements", async () => {
    const query =
      'query($r:[_Any!]!){ _entities(representations:$r){ ... on Group { placeCount places { nodes { id planCount } } } } }';
    const { count, data } = await statementsFor(query, { r: groups.map((id) => ({ __typename: 'Group', id })) });
    expect(data._entities.map((g: { placeCount: number }) => g.placeCount)).toEqual([1, 1, 1]);
    // place counts, places of groups, plan counts
    expect(count).toBe(3);
  });
});

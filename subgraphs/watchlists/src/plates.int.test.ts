import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatchlists, type Caller, type WatchlistsHarness } from '../../../test/support/watchlists-harness.js';

let h: WatchlistsHarness;
let caller: Caller;

beforeAll(async () => {
  h = await startWatchlists();
  caller = await h.user({ organizationId: await h.organization() });
});
afterAll(() => h?.stop());

const PLATE = `id organizationId number normalizedNumber ownerFullName ownerDocumentNumber ownerBirthDate vehicleManufacturer
  vehicleModel vehicleType vehicleManufactureDate vehicleColor vehicleImageId vehicleImageUrl vehicleImage { id } createdAt updatedAt`;
const CREATE = `mutation($i:PlateInput!){ createPlate(input:$i){ __typename ... on Plate { ${PLATE} } ... on Error { message } } }`;
const UPDATE = `mutation($id:Int!,$i:PlateInput!){ updatePlate(id:$id, input:$i){ __typename ... on Plate { ${PLATE} } ... on Error { message } } }`;
const DELETE = 'mutation($id:Int!){ deletePlate(id:$id){ __typename ... on Error { message } } }';

let serial = 0;
async function plate(number = `P ${++serial}`, who: Caller = caller): Promise<number> {
  const data = await who.query(CREATE, { i: { number } });
  expect(data.createPlate.__typename).toBe('Plate');
  return data.createPlate.id;
}

const numbers = async (number: string) =>
  (await caller.query('query($n:String){ plates(number:$n){ nodes { number } } }', { n: number })).plates.nodes.map(
    (n: { number: string }) => n.number,
  );

describe('plates', () => {
  it('creates, reads, updates and deletes a plate, keeping the number as entered, writing audit entries', async () => {
    const input = {
      number: ' ab-123 cd ',
      ownerFullName: 'Jane Roe',
      ownerDocumentNumber: 'D-1',
      ownerBirthDate: '1970-01-31',
      vehicleManufacturer: 'Volvo',
      vehicleModel: 'V70',
      vehicleType: 'car',
      vehicleManufactureDate: '2008-06-01',
      vehicleColor: 'blue',
      vehicleImageId: 'vehicle-image-1',
    };
    const created = (await caller.query(CREATE, { i: input })).createPlate;
    expect(created).toMatchObject({
      __typename: 'Plate',
      ...input,
      number: 'ab-123 cd',
      normalizedNumber: 'AB123CD',
      vehicleImageUrl: '/api/v1/uploads/vehicle-image-1/content',
      vehicleImage: { id: 'vehicle-image-1' },
    });
    expect(
      (await caller.query(`query($id:Int!){ plate(id:$id){ __typename ${PLATE} } }`, { id: created.id })).plate,
    ).toEqual(created);

    const updated = (
      await caller.query(UPDATE, { id: created.id, i: { number: 'AB 123 CD', vehicleImageId: 'vehicle-image-1' } })
    ).updatePlate;
    expect(updated).toMatchObject({
      number: 'AB 123 CD',
      normalizedNumber: 'AB123CD',
      ownerFullName: null,
      vehicleImageId: 'vehicle-image-1',
    });
    const withoutImage = (await caller.query(UPDATE, { id: created.id, i: { number: 'AB 123 CD' } })).updatePlate;
    expect(withoutImage).toMatchObject({ vehicleImageId: null, vehicleImageUrl: null, vehicleImage: null });

    expect((await caller.query(DELETE, { id: created.id })).deletePlate.__typename).toBe('Ok');
    expect((await caller.query('query($id:Int!){ plate(id:$id){ id } }', { id: created.id })).plate).toBeNull();
    expect((await caller.query(UPDATE, { id: created.id, i: { number: 'X1' } })).updatePlate.__typename).toBe(
      'NotFoundError',
    );
    expect((await caller.query(DELETE, { id: created.id })).deletePlate.__typename).toBe('NotFoundError');

    const logs = await h.admin.identity(
      '{ auditLogs(actionTypes:[plate_create, plate_update, plate_delete], orderBy: CREATED_AT_ASC){ nodes { actionType meta } } }',
    );
    const mine = logs.auditLogs.nodes.filter((n: { meta: { plate_id?: number } }) => n.meta.plate_id === created.id);
    expect(mine.map((n: { actionType: string }) => n.actionType)).toEqual([
      'plate_create',
      'plate_update',
      'plate_update',
      'plate_delete',
    ]);
  });

  it('refuses a number already used, written any other way (400)', async () => {
    await plate('XY-987');
    const other = await plate('XY 986');
    for (const number of ['XY-987', 'xy987', ' x y - 9 8 7 ', 'XY\u2013987']) {
      expect((await caller.query(CREATE, { i: { number } })).createPlate).toEqual({
        __typename: 'InvalidRequestError',
        message: 'Plate with provided number already exists',
      });
    }
    expect((await caller.query(UPDATE, { id: other, i: { number: 'xy 987' } })).updatePlate.__typename).toBe(
      'InvalidRequestError',
    );
    expect((await caller.query(UPDATE, { id: other, i: { number: 'xy-986' } })).updatePlate).toMatchObject({
      __typename: 'Plate',
      number: 'xy-986',
    });
    const stranger = await h.user({ organizationId: await h.organization() });
    expect((await stranger.query(CREATE, { i: { number: 'XY987' } })).createPlate.__typename).toBe('Plate');
  });

  it('filters by number, ignoring case, spaces and dashes', async () => {
    await plate('KL-555-M');
    await plate('KL-556-M');
    expect(await numbers('kl 555 m')).toEqual(['KL-555-M']);
    expect(await numbers('KL555M')).toEqual(['KL-555-M']);
    expect(await numbers('KL555')).toEqual([]);
    expect(await numbers('--')).toEqual([]);
  });

  it('refuses a vehicle image that is no vehicle upload (400)', async () => {
    for (const vehicleImageId of ['missing-image', 'face-image-1']) {
      expect(
        (await caller.query(CREATE, { i: { number: `IMG ${vehicleImageId}`, vehicleImageId } })).createPlate,
      ).toEqual({ __typename: 'InvalidRequestError', message: 'Provided vehicle image does not exist' });
    }
    const id = await plate();
    expect(
      (await caller.query(UPDATE, { id, i: { number: 'IMG 2', vehicleImageId: 'missing-image' } })).updatePlate
        .__typename,
    ).toBe('InvalidRequestError');
    expect(
      (await caller.query(UPDATE, { id, i: { number: 'IMG 2', vehicleImageId: 'vehicle-image-2' } })).updatePlate
        .__typename,
    ).toBe('Plate');
  });

  it('refuses bad numbers, dates and texts as bad input on their field', async () => {
    const field = async (input: Record<string, unknown>) =>
      (await caller.request(CREATE, { i: { number: 'F 1', ...input } })).errors?.[0]?.extensions;
    expect(await field({ number: 'x'.repeat(33) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'number'],
    });
    expect(await field({ number: ' - - ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'number'] });
    expect(await field({ number: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'number'] });
    expect(await field({ ownerBirthDate: '2023-02-30' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'ownerBirthDate'],
    });
    expect(await field({ vehicleManufactureDate: '2020/01/01' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'vehicleManufactureDate'],
    });
    expect(await field({ vehicleColor: 'x'.repeat(33) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'vehicleColor'],
    });
    expect(await field({ ownerFullName: 'x'.repeat(129) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: ['input', 'ownerFullName'],
    });
  });

  it('walks every page of plates', async () => {
    const owner = await h.user({ organizationId: await h.organization() });
    const made: number[] = [];
    for (let i = 0; i < 15; i += 1) made.push(await plate(`PG ${i}`, owner));
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await owner.query(
          'query($a:String){ plates(first:10, after:$a){ nodes { id } pageInfo { endCursor hasNextPage } } }',
          { a: after },
        )
      ).plates;
      seen.push(...page.nodes.map((n: { id: number }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(made);
  });
});

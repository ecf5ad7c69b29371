import { readFileSync } from 'node:fs';
import { VALIDATION_KINDS } from '@argus/core';
import { describe, expect, it } from 'vitest';
import { restResponseOfErrors } from './error-mapping.js';
import { FASTAPI_TYPES, fastApiTypeOf, REST_LOCATIONS, restLocOf, type RestRequestShape } from './rest-locations.js';

type Values = Record<string, unknown>;
const request = (parts: { params?: Values; query?: Values; body?: unknown }): RestRequestShape => ({
  params: {},
  query: {},
  body: undefined,
  ...parts,
});

describe('restLocOf: GraphQL argument path → FastAPI loc', () => {
  it('reads the input argument as the body, in snake_case, with list indices as integers', () => {
    expect(restLocOf(['input', 'onvifPort'])).toEqual(['body', 'onvif_port']);
    expect(restLocOf(['input', 'videoAnalytics', 'face', 'minConfidence'])).toEqual([
      'body',
      'video_analytics',
      'face',
      'min_confidence',
    ]);
    expect(restLocOf(['input', 'videoAnalytics', 'motion', 'regions', '1', 'name'])).toEqual([
      'body',
      'video_analytics',
      'motion',
      'regions',
      1,
      'name',
    ]);
    expect(restLocOf(['input', 'schedulerTags', '0'])).toEqual(['body', 'scheduler_tags', 0]);
  });

  it('reads first and after as the limit and cursor query parameters', () => {
    expect(restLocOf(['first'], { operationId: 'listCameras' })).toEqual(['query', 'limit']);
    expect(restLocOf(['after'], { operationId: 'listPlaces' })).toEqual(['query', 'cursor']);
  });

  it('finds other arguments where the request holds them: path, query or body', () => {
    const onvif = request({ params: { camera_id: 'c1' }, body: { step: 11 } });
    expect(restLocOf(['cameraId'], { operationId: 'updateOnvifPtz', request: onvif })).toEqual(['path', 'camera_id']);
    expect(restLocOf(['step'], { operationId: 'updateOnvifPtz', request: onvif })).toEqual(['body', 'step']);
    const places = request({ query: { latitude: 1, longitude: 2, radius: -5 } });
    expect(restLocOf(['radius'], { operationId: 'listPlaces', request: places })).toEqual(['query', 'radius']);
    const faces = request({ query: { full_name: 'x'.repeat(300) } });
    expect(restLocOf(['fullName'], { operationId: 'listFaces', request: faces })).toEqual(['query', 'full_name']);
    const images = request({ params: { face_id: 1 }, body: { image_ids: ['a'] } });
    expect(restLocOf(['imageIds', '0'], { operationId: 'addFaceImages', request: images })).toEqual([
      'body',
      'image_ids',
      0,
    ]);
    const search = request({ body: { query: 'a' } });
    expect(restLocOf(['query'], { operationId: 'searchCameras', request: search })).toEqual(['body', 'query']);
  });

  it('places an argument the request lacks in the body when there is one, else in the query', () => {
    expect(restLocOf(['newPassword'], { request: request({ body: {} }) })).toEqual(['body', 'new_password']);
    expect(restLocOf(['organizationId'], { request: request({}) })).toEqual(['query', 'organization_id']);
    expect(restLocOf(['organizationId'])).toEqual(['query', 'organization_id']);
  });

  it("follows an operation's own names before the general rules", () => {
    expect(restLocOf(['password'], { operationId: 'createToken', request: request({}) })).toEqual(['body', 'password']);
    expect(restLocOf(['grantType'], { operationId: 'refreshToken' })).toEqual(['body', 'grant_type']);
    expect(restLocOf(['tokenTypeHint'], { operationId: 'revokeToken' })).toEqual(['body', 'token_type_hint']);
    expect(restLocOf(['filter', 'to'], { operationId: 'listEvents' })).toEqual(['query', 'ts_to']);
    expect(restLocOf(['filter', 'cameraId'], { operationId: 'listEventMatches' })).toEqual(['query', 'stream_id']);
    expect(restLocOf(['filter', 'placeId'], { operationId: 'listEvents' })).toEqual(['query', 'place_id']);
    expect(restLocOf(['to'], { operationId: 'getEventsByTypeStats' })).toEqual(['query', 'ts_to']);
    expect(restLocOf(['cameraIds', '0'], { operationId: 'getEventsIntensityStats' })).toEqual(['query', 'stream_id']);
    expect(restLocOf(['from'], { operationId: 'listSegments' })).toEqual(['query', 'ts_from']);
    expect(restLocOf(['plate'], { operationId: 'searchPlateEvents' })).toEqual(['body', 'plate', 'number']);
    expect(restLocOf(['name'], { operationId: 'createOnvifPtzPreset' })).toEqual(['body', 'preset_name']);
    expect(restLocOf(['networkInterface'], { operationId: 'discoverOnvifDevices' })).toEqual(['query', 'interface']);
    expect(restLocOf(['timeoutMs'], { operationId: 'discoverOnvifDevices', request: request({}) })).toEqual([
      'query',
      'timeout_ms',
    ]);
  });

  it('keeps a location already in REST terms, with its list indices as integers', () => {
    expect(restLocOf(['query', 'cursor'])).toEqual(['query', 'cursor']);
    expect(restLocOf(['body', 'regions', '0', 'name'])).toEqual(['body', 'regions', 0, 'name']);
    expect(restLocOf(['path', 'camera_id'])).toEqual(['path', 'camera_id']);
  });

  it('names operations of the contract and arguments in camelCase, locations in snake_case', () => {
    const contract = readFileSync(new URL('../../../schema/openapi.yaml', import.meta.url), 'utf8');
    for (const [operationId, locations] of Object.entries(REST_LOCATIONS)) {
      expect(contract).toContain(`operationId: ${operationId}\n`);
      for (const [path, loc] of Object.entries(locations)) {
        expect(path).toMatch(/^[a-z][A-Za-z]*(\.([a-z][A-Za-z]*|\d+))*$/);
        expect(['body', 'query', 'path']).toContain(loc[0]);
        for (const segment of loc) expect(String(segment)).toMatch(/^[a-z_]+$/);
      }
    }
  });
});

describe('fastApiTypeOf: validation kind → FastAPI type', () => {
  it.each([
    ['invalid', 'value_error'],
    ['missing', 'value_error.missing'],
    ['too_short', 'value_error.any_str.min_length'],
    ['too_long', 'value_error.any_str.max_length'],
    ['too_small', 'value_error.number.not_ge'],
    ['too_large', 'value_error.number.not_le'],
    ['not_positive', 'value_error.number.not_gt'],
    ['out_of_range', 'value_error.number.not_in_range'],
    ['not_a_number', 'type_error.float'],
    ['not_an_integer', 'type_error.integer'],
    ['too_few_items', 'value_error.list.min_items'],
    ['too_many_items', 'value_error.list.max_items'],
    ['not_one_of', 'type_error.enum'],
    ['wrong_format', 'value_error.str.regex'],
    ['not_a_date', 'value_error.date'],
    ['not_an_email', 'value_error.email'],
    ['not_a_uuid', 'type_error.uuid'],
    ['invalid_url', 'value_error.url'],
    ['invalid_url_scheme', 'value_error.url.scheme'],
    ['invalid_url_host', 'value_error.url.host'],
  ])('%s → %s', (kind, type) => {
    expect(fastApiTypeOf(kind)).toBe(type);
  });

  it('has a type for every kind of the domain, keeps FastAPI types and defaults to value_error', () => {
    expect(Object.keys(FASTAPI_TYPES).sort()).toEqual([...VALIDATION_KINDS].sort());
    expect(fastApiTypeOf('value_error.jsondecode')).toBe('value_error.jsondecode');
    expect(fastApiTypeOf(undefined)).toBe('value_error');
  });
});

describe('restResponseOfErrors with the operation and request', () => {
  it('answers a GraphQL validation error as the 422 of the REST operation', () => {
    const response = restResponseOfErrors(
      [
        {
          message: 'ensure this value is less than or equal to 65535',
          extensions: { code: 'BAD_USER_INPUT', field: ['input', 'onvifPort'], kind: 'too_large', limit: 65535 },
        },
        {
          message: 'ensure this value has at most 32 characters',
          extensions: {
            code: 'BAD_USER_INPUT',
            field: ['input', 'schedulerTags', '1'],
            kind: 'too_long',
            limit: 32,
          },
        },
      ],
      { operationId: 'updateCamera', request: request({ params: { camera_id: 'c1' }, body: { onvif_port: 70000 } }) },
    );
    expect(response).toMatchObject({
      status: 422,
      body: {
        detail: [
          {
            loc: ['body', 'onvif_port'],
            msg: 'ensure this value is less than or equal to 65535',
            type: 'value_error.number.not_le',
          },
          {
            loc: ['body', 'scheduler_tags', 1],
            msg: 'ensure this value has at most 32 characters',
            type: 'value_error.any_str.max_length',
          },
        ],
      },
    });
  });

  it('answers a refused window end of an event list on ts_to', () => {
    const response = restResponseOfErrors(
      [{ message: 'ts_to must be after ts_from', extensions: { code: 'BAD_USER_INPUT', field: ['filter', 'to'] } }],
      { operationId: 'listEvents', request: request({ query: { ts_from: 2, ts_to: 1 } }) },
    );
    expect(response?.body).toEqual({
      detail: [{ loc: ['query', 'ts_to'], msg: 'ts_to must be after ts_from', type: 'value_error' }],
    });
  });
});

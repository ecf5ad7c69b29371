import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrionSoapServer, type OrionSoapServer } from '../support/orion-soap-server/server.js';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';

const TIMEOUT_MS = 1_500;
const CREDENTIALS = { login: 'argus-a', password: 'Orion-Secret-A-42' } as const;
const VERSION_A = {
  ServiceVersion: '3.1',
  SoftwareVersion: '1.20.3',
  SoftwareName: 'Orion Pro A',
  DatabaseVersion: 'MSSQL 2019',
};
const VERSION_B = {
  ServiceVersion: '2.0',
  SoftwareVersion: '1.11.0',
  SoftwareName: 'Orion Pro B',
  DatabaseVersion: 'Firebird 3',
};
const INFO_A = {
  service_version: '3.1',
  software_version: '1.20.3',
  software_name: 'Orion Pro A',
  database_version: 'MSSQL 2019',
};

type Member = TestUser & { token: string };

let stack: TestStack;
let orionA: OrionSoapServer;
let orionB: OrionSoapServer;
let orgA: { id: number };
let orgB: { id: number };
let adminA: Member;
let viewerA: Member;
let adminB: Member;
let nobodyA: Member;

const as = (user: { token: string }, json?: unknown) => ({ token: user.token, json });
const configA = { wsdl_url: '', ...CREDENTIALS };

beforeAll(async () => {
  [stack, orionA, orionB] = await Promise.all([
    TestStack.start({ env: { ORION_TIMEOUT_MS: String(TIMEOUT_MS) } }),
    startOrionSoapServer({ version: VERSION_A, credentials: CREDENTIALS, slowMs: 5_000 }),
    startOrionSoapServer({ version: VERSION_B, slowMs: 5_000 }),
  ]);
  configA.wsdl_url = orionA.wsdlUrl;
  [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  const role = await stack.rest('POST', '/roles', {
    token: stack.adminToken,
    json: { name: stack.unique('no-orion-'), description: 'nothing' },
  });
  expectSpec(role, 200);
  [adminA, viewerA, adminB, nobodyA] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgA.id, 'viewer'),
    stack.member(orgB.id, 'administrator'),
    stack.member(orgA.id, role.body.id as number),
  ]);
});

afterAll(async () => {
  await Promise.all([stack?.stop(), orionA?.stop(), orionB?.stop()]);
});

describe('Orion integration over REST (10.x)', () => {
  it('answers 400 while the organization has no configuration', async () => {
    const res = await stack.rest('GET', '/orion/info', as(adminA));
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('invalid_request', 400));
    expect(res.body.detail).toMatch(/not configured/);
  });

  it('configures with credentials, never answers the password, and maps GetVersion', async () => {
    const put = await stack.rest('PUT', '/orion/config', as(adminA, configA));
    expectSpec(put, 200);
    expect(put.body).toEqual({
      wsdl_url: orionA.wsdlUrl,
      login: CREDENTIALS.login,
      organization_id: orgA.id,
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(put.body)).not.toContain(CREDENTIALS.password);
    expect(Number.isNaN(Date.parse(put.body.updated_at))).toBe(false);

    const info = await stack.rest('GET', '/orion/info', as(adminA));
    expectSpec(info, 200);
    expect(info.body).toEqual(INFO_A);
    const basic = `Basic ${Buffer.from(`${CREDENTIALS.login}:${CREDENTIALS.password}`).toString('base64')}`;
    expect(orionA.authorizations.at(-1)).toBe(basic);

    const viewerInfo = await stack.rest('GET', '/orion/info', as(viewerA));
    expectSpec(viewerInfo, 200);
    expect(viewerInfo.body).toEqual(INFO_A);

    const stored = await sql<{
      password_sealed: string;
    }>`select password_sealed from identity.orion_integrations where organization_id = ${orgA.id}`.execute(
      stack.database.db,
    );
    expect(stored.rows[0]!.password_sealed).toMatch(/^v1:/);
    expect(stored.rows[0]!.password_sealed).not.toContain(CREDENTIALS.password);
  });

  it('audits orion_create then orion_update without the password, keeping an omitted password', async () => {
    const again = await stack.rest(
      'PUT',
      '/orion/config',
      as(adminA, { wsdl_url: orionA.wsdlUrl, login: CREDENTIALS.login }),
    );
    expectSpec(again, 200);
    expectSpec(await stack.rest('GET', '/orion/info', as(adminA)), 200);

    const audit = await stack.rest('GET', '/auditlogs', {
      token: stack.adminToken,
      query: { action_types: ['orion_create', 'orion_update'], organization_id: orgA.id },
    });
    expectSpec(audit, 200);
    expect(audit.body.auditlogs.map((e: { action_type: string }) => e.action_type).sort()).toEqual([
      'orion_create',
      'orion_update',
    ]);
    expect(audit.body.auditlogs[0].meta).toMatchObject({
      organization_id: orgA.id,
      wsdl_url: orionA.wsdlUrl,
      login: CREDENTIALS.login,
    });
    expect(JSON.stringify(audit.body)).not.toContain(CREDENTIALS.password);
  });

  it('refuses a WSDL that cannot be fetched or parsed with 400, leaving the configuration as it was', async () => {
    const cases: [string, RegExp][] = [
      [orionA.wsdlUrl, /HTTP 401/],
      [orionA.garbageUrl, /could not be parsed/],
      [orionA.otherServiceUrl, /does not describe the Orion GetVersion operation/],
      [`${orionA.baseUrl}/missing.wsdl`, /HTTP 404/],
      ['http://127.0.0.1:1/orion?wsdl', /could not be fetched \(ECONNREFUSED\)/],
      ['http://orion.invalid/orion?wsdl', /could not be fetched \(E[A-Z_]+\)/],
    ];
    for (const [url, detail] of cases) {
      const res = await stack.rest(
        'PUT',
        '/orion/config',
        as(adminA, { wsdl_url: url, login: CREDENTIALS.login, password: null }),
      );
      expectSpec(res, 400);
      expect(res.body.detail, url).toMatch(detail);
      expect(res.body.detail).not.toContain('this is not a WSDL');
    }
    const started = Date.now();
    const hanging = await stack.rest('PUT', '/orion/config', as(adminA, { wsdl_url: orionA.hangingUrl }));
    expectSpec(hanging, 400);
    expect(hanging.body.detail).toMatch(/within 1.5 s/);
    expect(Date.now() - started).toBeLessThan(4_000);

    const info = await stack.rest('GET', '/orion/info', as(adminA));
    expectSpec(info, 200);
    expect(info.body).toEqual(INFO_A);
  });

  it('refuses URLs that are not http(s) or carry credentials, and bodies out of the spec, with 422', async () => {
    for (const url of [
      'file:///etc/passwd',
      '/etc/passwd',
      'ftp://127.0.0.1/orion.wsdl',
      '<?xml version="1.0"?><definitions/>',
      'not a url',
    ]) {
      expectValidation(await stack.rest('PUT', '/orion/config', as(adminA, { wsdl_url: url })), ['body', 'wsdl_url']);
    }
    expectValidation(
      await stack.rest(
        'PUT',
        '/orion/config',
        as(adminA, { wsdl_url: `http://u:p@${orionA.baseUrl.slice(7)}/orion?wsdl` }),
      ),
      ['body', 'wsdl_url'],
    );
    expectValidation(await stack.rest('PUT', '/orion/config', as(adminA, {})), ['body', 'wsdl_url']);
    expectValidation(
      await stack.rest('PUT', '/orion/config', as(adminA, { wsdl_url: `http://x/${'a'.repeat(520)}` })),
      ['body', 'wsdl_url'],
    );
    expectValidation(
      await stack.rest('PUT', '/orion/config', as(adminA, { wsdl_url: orionB.wsdlUrl, password: 'alone' })),
      ['body', 'login'],
    );
  });

  it('answers 503 when Orion is slow, down or failing, and 400 when it refuses the request', async () => {
    const expectations: [Parameters<OrionSoapServer['setMode']>[0], number, RegExp][] = [
      ['slow', 503, /did not answer within 1.5 s/],
      ['down', 503, /HTTP 503/],
      ['server-fault', 503, /SOAP fault: Orion database is not reachable/],
      ['client-fault', 400, /SOAP fault: Operation not permitted/],
    ];
    try {
      for (const [mode, status, detail] of expectations) {
        orionA.setMode(mode);
        const started = Date.now();
        const res = await stack.rest('GET', '/orion/info', as(adminA));
        expectSpec(res, status);
        expect(res.body).toEqual(errorBody(status === 503 ? 'temporarily_unavailable' : 'invalid_request', status));
        expect(res.body.detail, mode).toMatch(detail);
        expect(Date.now() - started).toBeLessThan(4_000);
      }
    } finally {
      orionA.setMode('ok');
    }
    expectSpec(await stack.rest('GET', '/orion/info', as(adminA)), 200);
  });

  it('answers 503 when the configured service has gone away', async () => {
    const gone = await startOrionSoapServer();
    const orgC = await stack.createOrganization();
    const adminC = await stack.member(orgC.id, 'administrator');
    expectSpec(await stack.rest('PUT', '/orion/config', as(adminC, { wsdl_url: gone.wsdlUrl })), 200);
    expectSpec(await stack.rest('GET', '/orion/info', as(adminC)), 200);
    await gone.stop();
    const res = await stack.rest('GET', '/orion/info', as(adminC));
    expectSpec(res, 503);
    expect(res.body).toEqual(errorBody('temporarily_unavailable', 503));
  });

  it('keeps each organization to its own configuration', async () => {
    const before = await stack.rest('GET', '/orion/info', as(adminB));
    expectSpec(before, 400);
    const put = await stack.rest('PUT', '/orion/config', as(adminB, { wsdl_url: orionB.wsdlUrl }));
    expectSpec(put, 200);
    expect(put.body).toEqual({
      wsdl_url: orionB.wsdlUrl,
      login: null,
      organization_id: orgB.id,
      updated_at: expect.any(String),
    });
    const infoB = await stack.rest('GET', '/orion/info', as(adminB));
    expectSpec(infoB, 200);
    expect(infoB.body.software_name).toBe('Orion Pro B');
    expect((await stack.rest('GET', '/orion/info', as(adminA))).body).toEqual(INFO_A);
  });

  it('checks permissions: orion_read for info, orion_create/orion_update for the configuration', async () => {
    const viewerPut = await stack.rest('PUT', '/orion/config', as(viewerA, configA));
    expectSpec(viewerPut, 403);
    expect(viewerPut.body).toEqual(errorBody('unauthorized', 403));
    expectSpec(await stack.rest('GET', '/orion/info', as(nobodyA)), 403);
    expectSpec(await stack.rest('PUT', '/orion/config', as(nobodyA, configA)), 403);
    expectSpec(await stack.rest('GET', '/orion/info'), 401);
    expectSpec(await stack.rest('PUT', '/orion/config', { json: configA }), 401);
  });
});

const INTEGRATION = `query($id: Int!) {
  organization(id: $id) { id orionIntegration { organizationId wsdlUrl login hasPassword updatedAt } }
}`;
const SERVICE_INFO = `query($org: Int) {
  orionServiceInfo(organizationId: $org) { serviceVersion softwareVersion softwareName databaseVersion }
}`;
const CONFIGURE = `mutation($input: OrionIntegrationInput!, $org: Int) {
  configureOrionIntegration(input: $input, organizationId: $org) {
    __typename
    ... on OrionIntegration { organizationId wsdlUrl login hasPassword }
    ... on Error { message }
  }
}`;

describe('Orion integration over GraphQL (router)', () => {
  it('shows the settings on Organization without any password', async () => {
    const res = await stack.gql(INTEGRATION, { id: orgA.id }, adminA.token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.organization.orionIntegration).toEqual({
      organizationId: orgA.id,
      wsdlUrl: orionA.wsdlUrl,
      login: CREDENTIALS.login,
      hasPassword: true,
      updatedAt: expect.any(String),
    });
    const fields = await stack.gql(`{ __type(name: "OrionIntegration") { fields { name } } }`, {}, adminA.token);
    expect(fields.body.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('password');
    const other = await stack.gql(INTEGRATION, { id: orgA.id }, adminB.token);
    expect(other.body.data.organization).toBeNull();
    const denied = await stack.gql(INTEGRATION, { id: orgA.id }, nobodyA.token);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers orionServiceInfo for the caller, and superusers for any organization', async () => {
    const own = await stack.gql(SERVICE_INFO, {}, adminA.token);
    expect(own.body.data.orionServiceInfo).toEqual({
      serviceVersion: '3.1',
      softwareVersion: '1.20.3',
      softwareName: 'Orion Pro A',
      databaseVersion: 'MSSQL 2019',
    });
    const superuser = await stack.gql(SERVICE_INFO, { org: orgB.id }, stack.adminToken);
    expect(superuser.body.data.orionServiceInfo.softwareName).toBe('Orion Pro B');
    const crossing = await stack.gql(SERVICE_INFO, { org: orgB.id }, adminA.token);
    expect(crossing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    orionA.setMode('slow');
    try {
      const slow = await stack.gql(SERVICE_INFO, {}, adminA.token);
      expect(slow.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    } finally {
      orionA.setMode('ok');
    }
  });

  it('configures through configureOrionIntegration with typed errors', async () => {
    const bad = await stack.gql(CONFIGURE, { input: { wsdlUrl: orionB.garbageUrl } }, adminB.token);
    expect(bad.body.data.configureOrionIntegration).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.stringMatching(/could not be parsed/),
    });
    const scheme = await stack.gql(CONFIGURE, { input: { wsdlUrl: 'file:///etc/passwd' } }, adminB.token);
    expect(scheme.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'wsdlUrl'] });
    const unknown = await stack.gql(CONFIGURE, { input: { wsdlUrl: orionB.wsdlUrl }, org: 999_999 }, stack.adminToken);
    expect(unknown.body.data.configureOrionIntegration.__typename).toBe('NotFoundError');
    const crossing = await stack.gql(CONFIGURE, { input: { wsdlUrl: orionB.wsdlUrl }, org: orgA.id }, adminB.token);
    expect(crossing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const bySuperuser = await stack.gql(
      CONFIGURE,
      { input: { wsdlUrl: orionA.wsdlUrl, ...CREDENTIALS }, org: orgB.id },
      stack.adminToken,
    );
    expect(bySuperuser.body.data.configureOrionIntegration).toEqual({
      __typename: 'OrionIntegration',
      organizationId: orgB.id,
      wsdlUrl: orionA.wsdlUrl,
      login: CREDENTIALS.login,
      hasPassword: true,
    });
    const infoB = await stack.rest('GET', '/orion/info', as(adminB));
    expect(infoB.body).toEqual(INFO_A);
    const cleared = await stack.gql(
      CONFIGURE,
      { input: { wsdlUrl: orionB.wsdlUrl, login: null, password: null } },
      adminB.token,
    );
    expect(cleared.body.data.configureOrionIntegration).toMatchObject({
      organizationId: orgB.id,
      login: null,
      hasPassword: false,
    });
  });
});

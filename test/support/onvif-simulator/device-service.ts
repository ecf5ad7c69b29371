import type { SimulatorContext } from './simulator-context.js';
import { at, envelope, escapeXml, fixture, invalidArg, list, num, text, type XmlNode } from './soap-xml.js';

const RECORDED_HOST = 'http://192.168.68.111';

function deviceTime(ctx: SimulatorContext): Date {
  return new Date(Date.now() + ctx.state.clockSkewMs);
}

function systemDateAndTime(ctx: SimulatorContext): string {
  const now = deviceTime(ctx);
  const fields: Record<string, number> = {
    Hour: now.getUTCHours(),
    Minute: now.getUTCMinutes(),
    Second: now.getUTCSeconds(),
    Year: now.getUTCFullYear(),
    Month: now.getUTCMonth() + 1,
    Day: now.getUTCDate(),
  };
  return fixture('GetSystemDateAndTime').replace(
    /<tt:(Hour|Minute|Second|Year|Month|Day)>\d+<\/tt:\1>/g,
    (_m, name: string) => `<tt:${name}>${fields[name]}</tt:${name}>`,
  );
}

function setSystemDateAndTime(ctx: SimulatorContext, body: XmlNode): string {
  const utc = at(body, 'UTCDateTime');
  if (text(at(body, 'DateTimeType')) === 'Manual' && utc) {
    const [h, mi, s] = ['Hour', 'Minute', 'Second'].map((k) => num(at(utc, 'Time', k)) ?? Number.NaN);
    const [y, mo, d] = ['Year', 'Month', 'Day'].map((k) => num(at(utc, 'Date', k)) ?? Number.NaN);
    const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    if (!Number.isFinite(ms)) throw invalidArg('Invalid date and time');
    ctx.state.clockSkewMs = ms - Date.now();
  }
  return envelope('<tds:SetSystemDateAndTimeResponse/>');
}

/** Recorded service addresses pointed at this simulator; the PTZ service only when it has PTZ. */
function services(ctx: SimulatorContext, name: 'GetServices' | 'GetCapabilities'): string {
  let xml = fixture(name).replaceAll(RECORDED_HOST, ctx.baseUrl);
  if (!ctx.state.ptz) {
    xml = xml
      .replace(/<tds:Service>\s*<tds:Namespace>[^<]*\/ver20\/ptz\/wsdl<\/tds:Namespace>[\s\S]*?<\/tds:Service>/, '')
      .replace(/<tt:PTZ>[\s\S]*?<\/tt:PTZ>/, '');
  }
  return xml;
}

function networkProtocols(ctx: SimulatorContext): string {
  const items = Object.entries(ctx.state.network).map(
    ([name, p]) =>
      `<tds:NetworkProtocols><tt:Name>${name}</tt:Name><tt:Enabled>${p.enabled}</tt:Enabled>` +
      `<tt:Port>${p.port}</tt:Port></tds:NetworkProtocols>`,
  );
  return envelope(`<tds:GetNetworkProtocolsResponse>${items.join('')}</tds:GetNetworkProtocolsResponse>`);
}

function setNetworkProtocols(ctx: SimulatorContext, body: XmlNode): string {
  const protocols = list(at(body, 'NetworkProtocols'));
  const updates = protocols.map((p) => {
    const name = text(at(p, 'Name')) as keyof SimulatorContext['state']['network'];
    const port = num(at(p, 'Port'));
    if (!(name in ctx.state.network)) throw invalidArg(`Unknown protocol ${name}`);
    if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535)
      throw invalidArg(`Invalid port for ${name}`);
    return { name, port, enabled: text(at(p, 'Enabled')) !== 'false' };
  });
  if (updates.length === 0) throw invalidArg('No protocol given');
  for (const u of updates) ctx.state.network[u.name] = { enabled: u.enabled, port: u.port };
  return envelope('<tds:SetNetworkProtocolsResponse/>');
}

/** Users without their passwords (devices never send them back). */
function users(ctx: SimulatorContext): string {
  const items = ctx.state.users.map(
    (u) =>
      `<tds:User><tt:Username>${escapeXml(u.username)}</tt:Username><tt:UserLevel>${u.level}</tt:UserLevel></tds:User>`,
  );
  return envelope(`<tds:GetUsersResponse>${items.join('')}</tds:GetUsersResponse>`);
}

function setUser(ctx: SimulatorContext, body: XmlNode): string {
  const changes = list(at(body, 'User')).map((u) => {
    const username = text(at(u, 'Username')) ?? '';
    const user = ctx.state.users.find((x) => x.username === username);
    if (!user) throw invalidArg(`No such user: ${username}`);
    const password = text(at(u, 'Password'));
    if (password !== undefined && (password.length === 0 || password.length > 16))
      throw invalidArg('The password must be 1 to 16 characters');
    return { user, password, level: text(at(u, 'UserLevel')) };
  });
  if (changes.length === 0) throw invalidArg('No user given');
  for (const c of changes) {
    if (c.password !== undefined) c.user.password = c.password;
    if (c.level) c.user.level = c.level;
  }
  return envelope('<tds:SetUserResponse/>');
}

export const deviceActions: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = {
  GetSystemDateAndTime: (ctx) => systemDateAndTime(ctx),
  SetSystemDateAndTime: setSystemDateAndTime,
  GetServices: (ctx) => services(ctx, 'GetServices'),
  GetCapabilities: (ctx) => services(ctx, 'GetCapabilities'),
  GetDeviceInformation: () => fixture('GetDeviceInformation'),
  GetScopes: () => fixture('GetScopes'),
  GetHostname: () => fixture('GetHostname'),
  GetNetworkProtocols: networkProtocols,
  SetNetworkProtocols: setNetworkProtocols,
  GetUsers: users,
  SetUser: setUser,
};

/** Answered without authentication (what a client needs before it can sign: the clock, the services). */
export const PUBLIC_ACTIONS = new Set(['GetSystemDateAndTime', 'GetServices', 'GetCapabilities']);

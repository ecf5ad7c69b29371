import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../env.js';

/**
 * Which addresses a caller may have Argus open (the link POST /streams/verify probes, a camera's
 * onvif_host), so that neither can be used to scan the server's own machine or network: public
 * unicast addresses always; the special ranges below (loopback,
 * link-local with the cloud metadata address 169.254.169.254, unspecified, multicast, reserved,
 * documentation, CGNAT, NAT64, 6to4, …) only where the allow-list (STREAM_ALLOWED_NETWORKS) names
 * them. By default it names the private ranges (RFC 1918, IPv6 ULA), where cameras live.
 */
const SPECIAL_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const SPECIAL_V6: readonly (readonly [string, number])[] = [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

/** STREAM_ALLOWED_NETWORKS when unset: the private ranges. */
export const DEFAULT_STREAM_ALLOWED_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'] as const;

/** The same answer for every target that cannot be opened or may not be, so that nothing is learnt about ports. */
export class StreamTargetRefused extends Error {
  constructor(readonly address?: string) {
    super('the address of rtsp_link is not allowed');
    this.name = 'StreamTargetRefused';
  }
}

/** Resolves host names (DNS, /etc/hosts, numeric forms such as 2130706433). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface CheckedTarget {
  /** the link with its host replaced by the checked address (what ffprobe opens: no second lookup) */
  readonly link: string;
  readonly address: string;
}

export class StreamTargetGuard {
  private readonly special = subnets(SPECIAL_V4, SPECIAL_V6);
  private readonly allowed: BlockList;

  constructor(
    allowedNetworks: readonly string[] = DEFAULT_STREAM_ALLOWED_NETWORKS,
    private readonly resolve: Resolver = systemResolver,
  ) {
    this.allowed = new BlockList();
    for (const network of allowedNetworks) addNetwork(this.allowed, network);
  }

  /** Whether an address may be opened: public unicast, or a special one the allow-list names. */
  permits(address: string): boolean {
    const [ip, type] = normalised(address);
    if (!type) return false;
    return !this.special.check(ip, type) || this.allowed.check(ip, type);
  }

  /**
   * Resolves the link's host and checks every address it resolves to; throws StreamTargetRefused
   * when one is refused, and an Error when the host does not resolve.
   */
  async check(link: string): Promise<CheckedTarget> {
    const url = new URL(link);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!host) throw new StreamTargetRefused();
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await this.resolve(host);
    if (addresses.length === 0) throw new Error(`${host} does not resolve`);
    for (const { address } of addresses) if (!this.permits(address)) throw new StreamTargetRefused(address);
    const address = normalised(addresses[0]!.address)[0];
    return { address, link: withHost(link, url, address) };
  }
}

/** `10.0.0.0/8, fd00::/8` → the networks; throws ConfigError for anything that is no CIDR. */
export function parseNetworks(value: string | undefined, name = 'STREAM_ALLOWED_NETWORKS'): string[] {
  if (value === undefined) return [...DEFAULT_STREAM_ALLOWED_NETWORKS];
  if (value.trim().toLowerCase() === 'none') return [];
  const networks = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const network of networks) {
    try {
      addNetwork(new BlockList(), network);
    } catch {
      throw new ConfigError(
        `${name} must list networks as CIDRs (10.0.0.0/8, fd00::/8) or be "none", got "${network}"`,
      );
    }
  }
  return networks;
}

function addNetwork(list: BlockList, network: string): void {
  const [ip = '', prefixText] = network.split('/');
  const type = isIP(ip) === 4 ? 'ipv4' : isIP(ip) === 6 ? 'ipv6' : undefined;
  const max = type === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (
    !type ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > max ||
    (prefixText !== undefined && !/^\d+$/.test(prefixText))
  ) {
    throw new Error(`not a network: ${network}`);
  }
  list.addSubnet(ip, prefix, type);
}

function subnets(v4: readonly (readonly [string, number])[], v6: readonly (readonly [string, number])[]): BlockList {
  const list = new BlockList();
  for (const [ip, prefix] of v4) list.addSubnet(ip, prefix, 'ipv4');
  for (const [ip, prefix] of v6) list.addSubnet(ip, prefix, 'ipv6');
  return list;
}

/** An address and its family, IPv4-mapped IPv6 (::ffff:127.0.0.1) as the IPv4 address it is. */
function normalised(address: string): [string, 'ipv4' | 'ipv6' | undefined] {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address.replace(/%.*$/, '');
  const family = isIP(ip);
  return [ip, family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined];
}

/** The link with its host replaced by an address, everything else (credentials, port, path, query) as given. */
function withHost(link: string, url: URL, address: string): string {
  const host = isIP(address) === 6 ? `[${address}]` : address;
  const userinfo = url.username || url.password ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const port = url.port ? `:${url.port}` : '';
  const rest = link.slice(link.indexOf('//') + 2).replace(/^[^/?#]*/, '');
  return `${url.protocol}//${userinfo}${host}${port}${rest}`;
}

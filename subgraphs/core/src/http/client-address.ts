import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Loopback: the proxies trusted by default (the facade beside the router, a local reverse proxy). */
export const LOOPBACK_NETWORKS = '127.0.0.0/8,::1/128';

/** A set of networks from comma-separated CIDRs or addresses, e.g. `10.0.0.0/8,192.0.2.7`; throws on a bad entry. */
export function networkList(cidrs: string): BlockList {
  const list = new BlockList();
  for (const entry of cidrs
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or network`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" has a bad prefix length`);
    }
    list.addSubnet(address, prefix, type);
  }
  return list;
}

const LOOPBACK = networkList(LOOPBACK_NETWORKS);

function normalised(address: string | undefined): string | undefined {
  const value = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return value && isIP(value) !== 0 ? value : undefined;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address. `X-Forwarded-For` counts only when the peer is a trusted proxy: then the
 * rightmost entry that is not itself a trusted proxy is the client (entries to its left are what the
 * client claimed, and a client can claim anything).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string | undefined {
  const socket = normalised(peer);
  if (!socket || !isTrusted(socket, trusted) || !forwardedFor) return socket;
  const chain = forwardedFor.split(',').map((item) => normalised(item));
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const hop = chain[i];
    if (!hop) return socket;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return chain[0] ?? socket;
}

/** The client address of a request, trusting `X-Forwarded-For` from the given proxies (default: loopback). */
export function clientIpOf(req: IncomingMessage | undefined, trusted: BlockList = LOOPBACK): string | undefined {
  if (!req) return undefined;
  const forwarded = req.headers['x-forwarded-for'];
  return clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted);
}

import onvif from 'onvif';
import type { OnvifDiscoveredDevice, OnvifDiscovery } from '../client/onvif.types.js';
import { OnvifError } from './onvif-error.js';
import { optionalNumber, optionalString, type Args } from './onvif-args.js';

// The package emits 'error' for every unreadable answer; an EventEmitter without a listener would throw.
onvif.Discovery.on('error', () => undefined);

const DEFAULT_TIMEOUT_MS = 3000;

function words(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

function scopeValue(scopes: string[], kind: string): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const found = scopes.find((s) => s.startsWith(prefix));
  return found === undefined ? undefined : decodeURIComponent(found.slice(prefix.length)) || undefined;
}

/** One ProbeMatch as the package hands it over unresolved (`resolve: false`: no connection is made). */
function toDevice(match: Record<string, unknown>): OnvifDiscoveredDevice | undefined {
  const reference = match.endpointReference as { address?: unknown } | undefined;
  const urn = String(reference?.address ?? '');
  const xaddrs = words(match.XAddrs);
  if (!urn || xaddrs.length === 0) return undefined;
  const scopes = words(match.scopes);
  const device: OnvifDiscoveredDevice = { urn, xaddrs, scopes, types: words(match.types) };
  const name = scopeValue(scopes, 'name');
  const hardware = scopeValue(scopes, 'hardware');
  if (name) device.name = name;
  if (hardware) device.hardware = hardware;
  try {
    const first = new URL(xaddrs[0]!);
    device.host = first.hostname;
    device.port = Number(first.port || (first.protocol === 'https:' ? 443 : 80));
  } catch {
    // an xaddr that is not a URL: listed as given
  }
  return device;
}

/** A WS-Discovery probe from this host; each device once (by its endpoint reference). */
export function discover(args: Args): Promise<OnvifDiscovery> {
  const timeoutMs = optionalNumber(args, 'timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  const device = optionalString(args, 'device');
  if (timeoutMs < 100 || timeoutMs > 10_000) throw new OnvifError('invalid_request', 'timeoutMs must be 100–10000');
  return new Promise((resolve) => {
    let done = false;
    const finish = (found: unknown[]) => {
      if (done) return;
      done = true;
      const devices = new Map<string, OnvifDiscoveredDevice>();
      for (const item of found) {
        const matches = (item as { probeMatches?: { probeMatch?: unknown } }).probeMatches?.probeMatch;
        for (const match of Array.isArray(matches) ? matches : matches ? [matches] : []) {
          const d = toDevice(match as Record<string, unknown>);
          if (d && !devices.has(d.urn)) devices.set(d.urn, d);
        }
      }
      resolve({ devices: [...devices.values()] });
    };
    try {
      onvif.Discovery.probe({ timeout: timeoutMs, resolve: false, ...(device ? { device } : {}) }, (_err, found) =>
        finish(found ?? []),
      );
    } catch {
      finish([]);
    }
    setTimeout(() => finish([]), timeoutMs + 1000).unref();
  });
}

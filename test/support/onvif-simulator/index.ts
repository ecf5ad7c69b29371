import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { deviceActions, PUBLIC_ACTIONS } from './device-service.js';
import { imagingActions } from './imaging-service.js';
import { mediaActions } from './media-service.js';
import { ptzActions } from './ptz-service.js';
import type { SimulatorContext } from './simulator-context.js';
import { initialState, type OnvifSimulatorState } from './simulator-state.js';
import { actionNotSupported, parseXml, SoapFault, type XmlNode } from './soap-xml.js';
import { startDiscoveryResponder } from './ws-discovery.js';
import { authenticate } from './ws-security.js';

export type { OnvifSimulatorState } from './simulator-state.js';

export interface OnvifSimulatorOptions {
  /** 0 or absent: a free port */
  readonly port?: number;
  readonly host?: string;
  readonly username?: string;
  readonly password?: string;
  /** false: no PTZ service advertised, PTZ actions answer ActionNotSupported (default true) */
  readonly ptz?: boolean;
  /** every answer waits this long (default 0) */
  readonly delayMs?: number;
  /** the device's clock is this far ahead of the host's (default 0) */
  readonly clockSkewMs?: number;
  /** answer WS-Discovery probes on UDP 3702 (default false: several simulators may run at once) */
  readonly discovery?: boolean;
}

export interface OnvifSimulator {
  /** http://host:port/onvif/device_service */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** the device's memory; tests may read and change it */
  readonly state: OnvifSimulatorState;
  /** the discovery responder's endpoint reference, when discovery runs */
  readonly discoveryUrn: string | undefined;
  stop(): Promise<void>;
}

const ACTIONS: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = {
  ...deviceActions,
  ...mediaActions,
  ...imagingActions,
  ...ptzActions,
};

/** An ONVIF device (device, media, imaging and PTZ services) over HTTP, answering SOAP from its state. */
export async function startOnvifSimulator(options: OnvifSimulatorOptions = {}): Promise<OnvifSimulator> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? 'admin';
  const password = options.password ?? 'admin';
  const state = initialState({
    username,
    password,
    ptz: options.ptz ?? true,
    delayMs: options.delayMs ?? 0,
    clockSkewMs: options.clockSkewMs ?? 0,
  });
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (state.delayMs > 0) await sleep(state.delayMs);
    if (res.destroyed) return;
    let status = 200;
    let xml: string;
    try {
      xml = answer(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      const fault =
        err instanceof SoapFault
          ? err
          : new SoapFault('Action', err instanceof Error ? err.message : String(err), 'Receiver', 500);
      status = fault.httpStatus;
      xml = fault.toXml();
    }
    res.writeHead(status, {
      'content-type': 'application/soap+xml; charset=utf-8',
      'content-length': Buffer.byteLength(xml),
    });
    res.end(xml);
  }

  function answer(request: string): string {
    let envelope: XmlNode;
    try {
      envelope = parseXml(request).Envelope as XmlNode;
    } catch {
      throw new SoapFault('WellFormed', 'Request is not well-formed XML');
    }
    const body = (envelope?.Body ?? {}) as XmlNode;
    const action = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text');
    if (!action) throw new SoapFault('WellFormed', 'Empty SOAP Body');
    state.requests.push(action);
    if (!PUBLIC_ACTIONS.has(action)) authenticate(envelope.Header, state);
    const handler = ACTIONS[action];
    if (!handler) throw actionNotSupported(action);
    const element = body[action];
    return handler(ctx, element && typeof element === 'object' ? (element as XmlNode) : {});
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${port}`;
  // requests arrive only once the server listens, after this is set
  const ctx: SimulatorContext = { state, baseUrl, host };
  const url = `${baseUrl}/onvif/device_service`;
  const discovery = options.discovery ? await startDiscoveryResponder(url) : undefined;

  return {
    url,
    host,
    port,
    username,
    password,
    state,
    discoveryUrn: discovery?.urn,
    async stop() {
      await discovery?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

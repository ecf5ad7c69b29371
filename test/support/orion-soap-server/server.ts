import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import soap from 'soap';

/** How the simulated Orion service answers GetVersion. */
export type OrionMode = 'ok' | 'slow' | 'down' | 'server-fault' | 'client-fault';

export interface OrionVersion {
  readonly ServiceVersion: string;
  readonly SoftwareVersion: string;
  readonly SoftwareName: string;
  readonly DatabaseVersion: string;
}

export interface OrionSoapServerOptions {
  readonly version?: OrionVersion;
  /** answer 401 unless the request carries these HTTP Basic credentials */
  readonly credentials?: { readonly login: string; readonly password: string };
  /** how long `slow` (and /hang.wsdl) keeps a request waiting */
  readonly slowMs?: number;
}

export interface OrionSoapServer {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** the WSDL of schema/orion/orion.wsdl, its address pointing at this server */
  readonly wsdlUrl: string;
  /** 200 with a body that is not XML */
  readonly garbageUrl: string;
  /** a well-formed WSDL without the GetVersion operation */
  readonly otherServiceUrl: string;
  /** answers only after `slowMs` */
  readonly hangingUrl: string;
  /** GetVersion calls received (after authorization) */
  readonly calls: number;
  /** the Authorization header of every request, in order */
  readonly authorizations: readonly (string | undefined)[];
  setMode(mode: OrionMode): void;
  stop(): Promise<void>;
}

const WSDL_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'schema',
  'orion',
  'orion.wsdl',
);
const SOAP_PATH = '/orion';
const DEFAULT_VERSION: OrionVersion = {
  ServiceVersion: '1.0',
  SoftwareVersion: '2.3.4',
  SoftwareName: 'Orion Test Service',
  DatabaseVersion: '15.4',
};

/**
 * A simulated Orion SOAP service for tests, built with the same `soap` library Argus uses:
 * serves schema/orion/orion.wsdl at `/orion?wsdl` and answers GetVersion, slowly, with a
 * fault or not at all (HTTP 503) as switched by `setMode`.
 */
export async function startOrionSoapServer(options: OrionSoapServerOptions = {}): Promise<OrionSoapServer> {
  const slowMs = options.slowMs ?? 5_000;
  const version = options.version ?? DEFAULT_VERSION;
  const authorizations: (string | undefined)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let mode: OrionMode = 'ok';
  let calls = 0;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const http = createServer((req, res) => extraRoutes(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const wsdl = readFileSync(WSDL_FILE, 'utf8').replace(/location="[^"]*"/, `location="${baseUrl}${SOAP_PATH}"`);

  function extraRoutes(req: IncomingMessage, res: ServerResponse): void {
    if (req.url === '/garbage.wsdl')
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('this is not a WSDL');
    if (req.url === '/other.wsdl')
      return void res.writeHead(200, { 'content-type': 'application/xml' }).end(otherWsdl(baseUrl));
    if (req.url === '/hang.wsdl') return void delay(slowMs).then(() => res.end(wsdl));
    res.writeHead(404).end('not found');
  }

  const services = {
    OrionService: {
      OrionPort: {
        GetVersion: async () => {
          calls += 1;
          if (mode === 'slow') await delay(slowMs);
          if (mode === 'server-fault') throw fault('soap:Server', 'Orion database is not reachable');
          if (mode === 'client-fault') throw fault('soap:Client', 'Operation not permitted for this login');
          return { ...version };
        },
      },
    },
  };
  const server = soap.listen(http, { path: SOAP_PATH, services, xml: wsdl, suppressStack: true });
  server.authorizeConnection = ((req: IncomingMessage, res: ServerResponse) => {
    authorizations.push(req.headers.authorization);
    if (mode === 'down' && req.method === 'POST') {
      res.statusCode = 503;
      return false;
    }
    if (
      options.credentials &&
      req.url?.startsWith(SOAP_PATH) &&
      req.headers.authorization !== basic(options.credentials)
    ) {
      res.statusCode = 401;
      return false;
    }
    return true;
  }) as unknown as typeof server.authorizeConnection;

  return {
    baseUrl,
    wsdlUrl: `${baseUrl}${SOAP_PATH}?wsdl`,
    garbageUrl: `${baseUrl}/garbage.wsdl`,
    otherServiceUrl: `${baseUrl}/other.wsdl`,
    hangingUrl: `${baseUrl}/hang.wsdl`,
    get calls() {
      return calls;
    },
    authorizations,
    setMode(next) {
      mode = next;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function fault(faultcode: string, faultstring: string) {
  return { Fault: { faultcode, faultstring } };
}

function basic(credentials: { login: string; password: string }): string {
  return `Basic ${Buffer.from(`${credentials.login}:${credentials.password}`).toString('base64')}`;
}

/** A valid WSDL of another service: it parses, but has no GetVersion. */
function otherWsdl(baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="Other" targetNamespace="urn:other" xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:other" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <types><xsd:schema targetNamespace="urn:other" elementFormDefault="qualified">
    <xsd:element name="Ping"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>
    <xsd:element name="PingResponse"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>
  </xsd:schema></types>
  <message name="PingIn"><part name="parameters" element="tns:Ping"/></message>
  <message name="PingOut"><part name="parameters" element="tns:PingResponse"/></message>
  <portType name="OtherPortType">
    <operation name="Ping"><input message="tns:PingIn"/><output message="tns:PingOut"/></operation>
  </portType>
  <binding name="OtherBinding" type="tns:OtherPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="urn:other#Ping"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="Other">
    <port name="OtherPort" binding="tns:OtherBinding"><soap:address location="${baseUrl}/other"/></port>
  </service>
</definitions>`;
}

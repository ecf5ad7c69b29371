import soap, { type Client } from 'soap';
import { isHttpUrl } from './orion-url.js';

/** What GetVersion answers (schema/orion/orion.wsdl). */
export interface OrionVersion {
  readonly serviceVersion: string;
  readonly softwareVersion: string;
  readonly softwareName: string;
  readonly databaseVersion: string;
}

export interface OrionCredentials {
  readonly login: string | null;
  readonly password: string | null;
}

/** Why the WSDL could not be used: the caller's configuration is at fault (REST 400). */
export class OrionWsdlError extends Error {}

/** Why GetVersion failed: `client` when Orion refused the request as such, otherwise `unavailable`. */
export class OrionCallError extends Error {
  constructor(
    message: string,
    readonly kind: 'client' | 'unavailable',
  ) {
    super(message);
  }
}

/** The largest WSDL (with its imports) or answer read from Orion. */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const OPERATION = 'GetVersion';

type VersionMethod = (args: object, options: object) => Promise<[Record<string, unknown> | null, ...unknown[]]>;

/** A SOAP client of one Orion service, built from its WSDL with the `soap` package. */
export class OrionSoapClient {
  private constructor(
    private readonly client: Client,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Fetches and parses the WSDL (with its imports, http(s) only) within `timeoutMs`, and checks it
   * describes GetVersion at an http(s) address. Throws OrionWsdlError with a detail fit to answer.
   */
  static async load(wsdlUrl: string, credentials: OrionCredentials, timeoutMs: number): Promise<OrionSoapClient> {
    const signal = AbortSignal.timeout(timeoutMs);
    const headers = authorization(credentials);
    let client: Client;
    try {
      client = await withDeadline(
        soap.createClientAsync(wsdlUrl, {
          disableCache: true,
          wsdl_headers: headers,
          wsdl_options: {
            ...httpLimits(timeoutMs, signal),
            overrideImportLocation: (location: string) => {
              if (!isHttpUrl(location))
                throw new OrionWsdlError('The WSDL imports a document that is not at an http(s) URL');
              return location;
            },
          },
        }),
        signal,
      );
    } catch (error) {
      throw new OrionWsdlError(wsdlFailure(error, timeoutMs));
    }
    const address = addressOf(client);
    if (address === undefined) throw new OrionWsdlError(`The WSDL does not describe the Orion ${OPERATION} operation`);
    if (!isHttpUrl(address)) throw new OrionWsdlError('The WSDL gives a service address that is not an http(s) URL');
    if (headers) client.setSecurity(new soap.BasicAuthSecurity(credentials.login!, credentials.password ?? ''));
    return new OrionSoapClient(client, timeoutMs);
  }

  /** Calls GetVersion within the timeout. Throws OrionCallError. */
  async version(): Promise<OrionVersion> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const method = (this.client as unknown as Record<string, VersionMethod>)[`${OPERATION}Async`]!;
    let answer: Record<string, unknown> | null;
    try {
      [answer] = await withDeadline(
        method.call(this.client, {}, { ...httpLimits(this.timeoutMs, signal), maxRedirects: 0 }),
        signal,
      );
    } catch (error) {
      throw callFailure(error, this.timeoutMs);
    }
    return {
      serviceVersion: text(answer, 'ServiceVersion'),
      softwareVersion: text(answer, 'SoftwareVersion'),
      softwareName: text(answer, 'SoftwareName'),
      databaseVersion: text(answer, 'DatabaseVersion'),
    };
  }
}

function httpLimits(timeoutMs: number, signal: AbortSignal) {
  return {
    timeout: timeoutMs,
    signal,
    maxContentLength: MAX_BYTES,
    maxBodyLength: MAX_BYTES,
    maxRedirects: MAX_REDIRECTS,
  };
}

function authorization(credentials: OrionCredentials): Record<string, string> | undefined {
  if (!credentials.login) return undefined;
  const token = Buffer.from(`${credentials.login}:${credentials.password ?? ''}`).toString('base64');
  return { Authorization: `Basic ${token}` };
}

/** The address of the first port whose binding has GetVersion, if any. */
function addressOf(client: Client): string | undefined {
  for (const service of Object.values(client.wsdl.definitions.services ?? {})) {
    for (const port of Object.values(service.ports ?? {})) {
      if (port.binding?.methods && OPERATION in port.binding.methods) return String(port.location);
    }
  }
  return undefined;
}

/** Rejects once the signal aborts, whatever the promise is still waiting for. */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  return (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    e?.name === 'CanceledError' ||
    e?.code === 'ECONNABORTED' ||
    e?.code === 'ETIMEDOUT' ||
    e?.code === 'ERR_CANCELED'
  );
}

/** A detail that names the cause without echoing what the fetched URL answered. */
function wsdlFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof OrionWsdlError) return error.message;
  if (isTimeout(error)) return `The WSDL could not be fetched within ${timeoutMs / 1000} s`;
  const e = error as { code?: string; message?: string } | null;
  const status = /Code: (\d{3})/.exec(e?.message ?? '')?.[1];
  if (status) return `The WSDL could not be fetched: the server answered HTTP ${status}`;
  if (e?.code && /^E[A-Z_]+$/.test(e.code)) return `The WSDL could not be fetched (${e.code})`;
  if (e?.code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || /maxContentLength/.test(e?.message ?? '')) {
    return `The WSDL is larger than ${MAX_BYTES} bytes`;
  }
  return 'The WSDL could not be parsed as a SOAP service description';
}

function callFailure(error: unknown, timeoutMs: number): OrionCallError {
  if (isTimeout(error)) return new OrionCallError(`Orion did not answer within ${timeoutMs / 1000} s`, 'unavailable');
  const e = error as { root?: any; response?: { status?: number }; code?: string } | null;
  const fault = e?.root?.Envelope?.Body?.Fault as { faultcode?: unknown; faultstring?: unknown } | undefined;
  if (fault) {
    const reason = String(fault.faultstring ?? 'no reason').slice(0, 200);
    const client = /(^|:)Client/.test(String(fault.faultcode ?? ''));
    return new OrionCallError(`Orion answered a SOAP fault: ${reason}`, client ? 'client' : 'unavailable');
  }
  const status = e?.response?.status;
  if (status === 401 || status === 403) return new OrionCallError(`Orion refused the login (HTTP ${status})`, 'client');
  if (status) return new OrionCallError(`Orion answered HTTP ${status}`, 'unavailable');
  return new OrionCallError(`Orion is not reachable${e?.code ? ` (${e.code})` : ''}`, 'unavailable');
}

function text(answer: Record<string, unknown> | null, field: string): string {
  const value = answer?.[field];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new OrionCallError(`Orion answered ${OPERATION} without ${field}`, 'unavailable');
}

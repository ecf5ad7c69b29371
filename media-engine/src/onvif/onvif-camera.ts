import onvif, { type Cam } from 'onvif';
import { classifyOnvifFailure, OnvifError } from './onvif-error.js';
import { child, escapeXml, type SoapNode } from './soap-tree.js';

/** Where and how to reach a camera's ONVIF device service (from topology; the password is write-only there). */
export interface OnvifSettings {
  readonly host: string;
  readonly port: number;
  readonly login: string;
  readonly password: string;
}

export type OnvifService = 'device' | 'media' | 'imaging' | 'ptz';

const NAMESPACES: Record<OnvifService, string> = {
  device: 'http://www.onvif.org/ver10/device/wsdl',
  media: 'http://www.onvif.org/ver10/media/wsdl',
  imaging: 'http://www.onvif.org/ver20/imaging/wsdl',
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
};
const SCHEMA = 'http://www.onvif.org/ver10/schema';

/**
 * One connected `onvif` Cam with promises and a timeout on every request. Every call goes through
 * the package's own request path (its WS-Security UsernameToken digest with the time offset it
 * measured at connect, its SOAP parsing and fault detection); the bodies are built here with every
 * value XML-escaped, so none of the package's unescaped or fault-swallowing helpers is used.
 */
export class OnvifCamera {
  private constructor(
    private readonly cam: Cam,
    readonly timeoutMs: number,
  ) {}

  /**
   * Connects: GetSystemDateAndTime without credentials (the clock offset every digest is built
   * with), GetServices (GetCapabilities when that fails) for the service addresses, then an
   * authenticated GetDeviceInformation to confirm the credentials — a device that answers the
   * pre-authentication calls would otherwise "connect" with a wrong password. The package's own
   * connect() is not used: it also fetches profiles and throws inside its response handler on a
   * profile it does not recognise, leaving the connection hanging.
   */
  static async connect(settings: OnvifSettings, timeoutMs: number): Promise<OnvifCamera> {
    const cam = new onvif.Cam({
      hostname: settings.host,
      port: settings.port,
      username: escapeXml(settings.login),
      // the package hashes the password as one byte per character: give it the UTF-8 bytes that way
      password: Buffer.from(settings.password, 'utf8').toString('latin1'),
      timeout: timeoutMs,
      autoconnect: false,
      preserveAddress: true,
    });
    cam.on('warning', () => undefined);
    cam.on('error', () => undefined);
    const deadline = 2 * timeoutMs;
    await settle<void>(deadline, 'GetSystemDateAndTime', (done) => {
      cam.getSystemDateAndTime((err, _time, xml) =>
        done(err ? classifyOnvifFailure(err, xml, 'GetSystemDateAndTime') : undefined),
      );
    });
    await settle<void>(deadline, 'GetServices', (done) => {
      cam.getServices(true, (err) => {
        if (!err && cam.uri) return done(undefined);
        cam.getCapabilities((fallback, _data, xml) =>
          done(fallback ? classifyOnvifFailure(fallback, xml, 'GetCapabilities') : undefined),
        );
      });
    });
    const camera = new OnvifCamera(cam, timeoutMs);
    await camera.request('device', 'GetDeviceInformation');
    return camera;
  }

  /** Whether the device advertised this service (GetServices / GetCapabilities). */
  has(service: OnvifService): boolean {
    return service === 'device' || Boolean(this.cam.uri?.[service]);
  }

  /**
   * Sends `<action xmlns=service>inner</action>` and resolves with the `<action>Response` element.
   * `inner` must already be escaped (build it with escapeXml); elements of the ONVIF schema use the
   * `tt:` prefix.
   */
  request(service: OnvifService, action: string, inner = ''): Promise<SoapNode> {
    if (!this.has(service)) {
      return Promise.reject(
        new OnvifError('onvif_unsupported_action', `The camera has no ${service.toUpperCase()} service`),
      );
    }
    const ns = NAMESPACES[service];
    const element = `<${action} xmlns="${ns}" xmlns:tt="${SCHEMA}">${inner}</${action}>`;
    const body = `${this.cam._envelopeHeader()}${element}${this.cam._envelopeFooter()}`;
    return settle<SoapNode>(this.timeoutMs, action, (done) => {
      this.cam._request(
        { service: service === 'device' ? undefined : service, action: `${ns}/${action}`, body },
        (err, data, xml) => {
          if (err) return done(classifyOnvifFailure(err, xml, action));
          const response = child(Array.isArray(data) ? data[0] : data, `${action}Response`);
          if (response === undefined)
            return done(new OnvifError('temporarily_unavailable', `The camera answered ${action} without a response`));
          done(undefined, response);
        },
      );
    });
  }
}

/**
 * A promise around a callback API: settles once, rejects with temporarily_unavailable after
 * `timeoutMs`, and turns anything thrown synchronously into a rejection (nothing escapes).
 */
function settle<T>(
  timeoutMs: number,
  action: string,
  run: (done: (err: OnvifError | undefined, value?: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        finish(new OnvifError('temporarily_unavailable', `The camera did not answer ${action} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function finish(err: OnvifError | undefined, value?: T): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as T);
    }
    try {
      run(finish);
    } catch (err) {
      finish(classifyOnvifFailure(err, undefined, action));
    }
  });
}

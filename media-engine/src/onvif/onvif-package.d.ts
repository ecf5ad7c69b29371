declare module 'onvif' {
  import type { EventEmitter } from 'node:events';

  /** The parts of the package's Cam this engine uses (lib/cam.js). */
  export class Cam extends EventEmitter {
    constructor(options: Record<string, unknown>, callback?: (err: Error | null) => void);
    hostname: string;
    port: number;
    timeShift?: number;
    uri?: Record<string, { path?: string; href?: string } | undefined>;
    getSystemDateAndTime(callback: (err: Error | null, time: Date | null, xml?: string) => void): void;
    getServices(includeCapability: boolean, callback: (err: Error | null) => void): void;
    getCapabilities(callback: (err: Error | null, data: unknown, xml?: string) => void): void;
    _envelopeHeader(openHeader?: boolean): string;
    _envelopeFooter(): string;
    _request(
      options: { service?: string; action?: string; body: string; replyTimeout?: number },
      callback: (err: Error | null, data: unknown, xml?: string, statusCode?: number) => void,
    ): void;
  }

  export interface DiscoveryApi extends EventEmitter {
    probe(options: Record<string, unknown>, callback: (err: unknown, devices: unknown[]) => void): void;
  }

  const onvif: { Cam: typeof Cam; Discovery: DiscoveryApi };
  export default onvif;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** Recorded device answers (test/fixtures/onvif, from the onvif package's test mock-up; see SOURCE.md there). */
const FIXTURES = fileURLToPath(new URL('../../fixtures/onvif/', import.meta.url));
const cache = new Map<string, string>();

export function fixture(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    // the mock-up's template markers ({{? … }}) are dropped: every conditional part is kept
    text = readFileSync(`${FIXTURES}${name}.xml`, 'utf8').replace(/^\s*\{\{.*\}\}\s*$/gm, '');
    cache.set(name, text);
  }
  return text;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

export type XmlNode = Record<string, unknown>;

export function parseXml(text: string): XmlNode {
  return parser.parse(text) as XmlNode;
}

/** The first element of a recorded answer's Body, parsed (used to seed the simulator's state). */
export function fixtureBody(name: string): XmlNode {
  const envelope = parseXml(fixture(name)).Envelope as XmlNode;
  return envelope.Body as XmlNode;
}

/** A child by path; undefined when absent. */
export function at(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as XmlNode)[key];
  }
  return current;
}

/** The text of a node (a string, or an element with attributes and `#text`). */
export function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && '#text' in node) return String((node as XmlNode)['#text']);
  if (typeof node === 'object') return '';
  return String(node);
}

export function num(node: unknown): number | undefined {
  const value = text(node);
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

export function list(node: unknown): unknown[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

export function escapeXml(value: string | number | boolean): string {
  return String(value).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

const NAMESPACES = [
  'xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"',
  'xmlns:tt="http://www.onvif.org/ver10/schema"',
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"',
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
  'xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl"',
  'xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl"',
  'xmlns:ter="http://www.onvif.org/ver10/error"',
].join(' ');

export function envelope(body: string): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  return `${declaration}<SOAP-ENV:Envelope ${NAMESPACES}><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** A SOAP 1.2 fault as ONVIF devices send it: Sender|Receiver, subcode ter:<subcode>. */
export class SoapFault extends Error {
  constructor(
    readonly subcode: string,
    readonly reason: string,
    readonly code: 'Sender' | 'Receiver' = 'Sender',
    readonly httpStatus = 400,
  ) {
    super(reason);
  }

  toXml(): string {
    return envelope(
      `<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:${this.code}</SOAP-ENV:Value>` +
        `<SOAP-ENV:Subcode><SOAP-ENV:Value>ter:${this.subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
        `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${escapeXml(this.reason)}</SOAP-ENV:Text></SOAP-ENV:Reason>` +
        '</SOAP-ENV:Fault>',
    );
  }
}

export const notAuthorized = (): SoapFault => new SoapFault('NotAuthorized', 'Sender not Authorized');
export const invalidArg = (reason: string): SoapFault => new SoapFault('InvalidArgVal', reason);
export const actionNotSupported = (action: string): SoapFault =>
  new SoapFault('ActionNotSupported', `Optional Action Not Implemented: ${action}`, 'Receiver', 500);

/** A number inside [min, max], else InvalidArgVal. */
export function inRange(name: string, value: number | undefined, range: { min: number; max: number }): number {
  if (value === undefined || Number.isNaN(value) || value < range.min || value > range.max) {
    throw invalidArg(`${name} must be between ${range.min} and ${range.max}`);
  }
  return value;
}

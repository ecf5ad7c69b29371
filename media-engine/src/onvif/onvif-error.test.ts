import { describe, expect, it } from 'vitest';
import { classifyOnvifFailure, OnvifError } from './onvif-error.js';

/** SOAP 1.2 fault as the `onvif` package hands its raw XML over (namespace declarations stripped). */
function fault(code: string, subcode: string): string {
  return (
    `<SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><SOAP-ENV:Code>` +
    `<SOAP-ENV:Value>SOAP-ENV:${code}</SOAP-ENV:Value>` +
    `<SOAP-ENV:Subcode><SOAP-ENV:Value>ter:${subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
    `</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

const soapFault = new Error('ONVIF SOAP Fault: something');

describe('classifyOnvifFailure', () => {
  it.each([
    [soapFault, fault('Sender', 'NotAuthorized'), 'onvif_unauthenticated'],
    [new Error('ONVIF SOAP Fault: Sender not Authorized'), undefined, 'onvif_unauthenticated'],
    [new Error('Digest authentication failed 401'), undefined, 'onvif_unauthenticated'],
    [soapFault, fault('Receiver', 'ActionNotSupported'), 'onvif_unsupported_action'],
    [soapFault, fault('Sender', 'InvalidArgVal'), 'onvif_invalid_argument'],
    [soapFault, fault('Sender', 'NoToken'), 'onvif_invalid_argument'],
    [soapFault, fault('Receiver', 'TooManyPresets'), 'temporarily_unavailable'],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      undefined,
      'temporarily_unavailable',
    ],
    [new Error('Network timeout'), undefined, 'temporarily_unavailable'],
    [new Error('Wrong ONVIF SOAP response'), '<html/>', 'temporarily_unavailable'],
    [new TypeError("Cannot read properties of undefined (reading '0')"), undefined, 'temporarily_unavailable'],
  ] as const)('%s → %s', (err, xml, code) => {
    const classified = classifyOnvifFailure(err, xml, 'GetDeviceInformation');
    expect(classified).toBeInstanceOf(OnvifError);
    expect(classified.code).toBe(code);
  });

  it('keeps an OnvifError as it is', () => {
    const original = new OnvifError('onvif_not_configured', 'x');
    expect(classifyOnvifFailure(original, undefined, 'x')).toBe(original);
  });
});

import { describe, expect, it } from 'vitest';
import { checkWsdlUrl, isHttpUrl } from './orion-url.js';

describe('checkWsdlUrl', () => {
  it('accepts absolute http(s) URLs', () => {
    expect(checkWsdlUrl(' https://orion.example/service?wsdl ')).toBe('https://orion.example/service?wsdl');
    expect(checkWsdlUrl('http://10.0.0.5:8090/orion?wsdl')).toBe('http://10.0.0.5:8090/orion?wsdl');
  });

  it.each([
    'file:///etc/passwd',
    '/etc/passwd',
    'orion.wsdl',
    'ftp://host/x',
    'data:text/xml,<a/>',
    '<?xml version="1.0"?><a/>',
    'gopher://h/',
  ])('refuses %s at input.wsdlUrl', (url) =>
    expect(() => checkWsdlUrl(url)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: ['input', 'wsdlUrl'] }),
    ),
  );

  it('refuses credentials in the URL', () => {
    expect(() => checkWsdlUrl('http://user:secret@orion.example/wsdl')).toThrow(/credentials/);
  });

  it('tells http(s) addresses apart', () => {
    expect(isHttpUrl('https://a/b')).toBe(true);
    expect(isHttpUrl('file:///x')).toBe(false);
    expect(isHttpUrl('relative.xsd')).toBe(false);
  });
});

import { InputValidationError } from '@argus/core';

/**
 * The WSDL URL as Argus accepts it: the server fetches it, so only absolute http(s) URLs
 * without embedded credentials (those belong in login and password, which are never answered).
 * Any other scheme (file:, ftp:, data:, an inline `<?xml` document) would let a caller make
 * the server read local files or speak other protocols.
 */
export function checkWsdlUrl(value: string): string {
  const url = parseUrl(value.trim());
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputValidationError(
      'wsdl_url must be an absolute http or https URL',
      ['input', 'wsdlUrl'],
      'invalid_url_scheme',
    );
  }
  if (url.username || url.password) {
    throw new InputValidationError(
      'wsdl_url must not carry credentials: use login and password',
      ['input', 'wsdlUrl'],
      'invalid_url',
    );
  }
  return url.toString();
}

/** True for the http(s) URLs the client may follow (imports of the WSDL, the service address). */
export function isHttpUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

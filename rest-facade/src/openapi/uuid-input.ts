/**
 * UUIDs in a path or a query as FastAPI reads them (Python's `uuid.UUID`): every `urn:` and `uuid:`
 * removed, then braces at either end, then every hyphen; what is left must be 32 hex digits in
 * either case. `{…}`, `urn:uuid:…`, upper case and the 32 digits alone all name the same UUID.
 * Handlers get it in its canonical form (lower case, hyphenated).
 */

const HEX32 = /^[0-9a-fA-F]{32}$/;

function hexDigitsOf(value: string): string | undefined {
  const hex = value
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  return HEX32.test(hex) ? hex.toLowerCase() : undefined;
}

/** The `uuid` format of parameters. */
export function isUuidInput(value: string): boolean {
  return hexDigitsOf(value) !== undefined;
}

/** A valid UUID in canonical form (unchanged when it is not one). */
export function toCanonicalUuid(value: string): string {
  const hex = hexDigitsOf(value);
  if (hex === undefined) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import type { Document } from 'openapi-backend';

/** A query's parameters as the handlers' validation gets them: a list for list parameters, else one value. */
export type ParsedQuery = Record<string, string | string[]>;

type Kind = 'array' | 'scalar';

/** Each query parameter name of the contract with its kind; a name of two kinds is refused. */
function queryKindsOf(definition: Document): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const item of Object.values(definition.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      for (const parameter of (operation as { parameters?: unknown[] })?.parameters ?? []) {
        const p = parameter as { in?: string; name?: string; schema?: { type?: unknown } };
        if (p.in !== 'query' || !p.name) continue;
        const kind: Kind = p.schema?.type === 'array' ? 'array' : 'scalar';
        const seen = kinds.get(p.name);
        if (seen !== undefined && seen !== kind)
          throw new Error(`query parameter ${p.name} is ${kind} in one operation and ${seen} in another`);
        kinds.set(p.name, kind);
      }
    }
  }
  return kinds;
}

/**
 * Query strings as FastAPI (Starlette) reads them: pairs split at `&`, `+` and percent escapes decoded
 * (a malformed one left as written, bytes that are no UTF-8 replaced), a name without `=` given the
 * empty value; a list parameter takes every value given, any other parameter the last one; a name
 * is taken as written (`limit[]` is not `limit`) and names the contract does not have are left out.
 * Values are read by their operation's types after routing (input-values.ts).
 */
export function queryParser(definition: Document): (query: string) => ParsedQuery {
  const kinds = queryKindsOf(definition);
  return (query) => {
    const parsed: ParsedQuery = {};
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      const name = unquotePlus(at < 0 ? pair : pair.slice(0, at));
      const kind = kinds.get(name);
      if (kind === undefined) continue;
      const value = at < 0 ? '' : unquotePlus(pair.slice(at + 1));
      if (kind === 'array') {
        const values = parsed[name];
        parsed[name] = Array.isArray(values) ? [...values, value] : [value];
      } else parsed[name] = value;
    }
    return parsed;
  };
}

const ESCAPE = /(%[0-9a-fA-F]{2})/;

/** Python's `unquote_plus`: `+` is a space, escapes are UTF-8 bytes (invalid ones replaced), a malformed `%` stays. */
function unquotePlus(text: string): string {
  const plain = text.replaceAll('+', ' ');
  if (!plain.includes('%')) return plain;
  try {
    return decodeURIComponent(plain);
  } catch {
    const bytes = plain
      .split(ESCAPE)
      .map((piece) => (ESCAPE.test(piece) ? Buffer.from([parseInt(piece.slice(1), 16)]) : Buffer.from(piece, 'utf8')));
    return Buffer.concat(bytes).toString('utf8');
  }
}

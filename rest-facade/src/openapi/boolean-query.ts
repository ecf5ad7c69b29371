import type { Document } from 'openapi-backend';

/** The strings pydantic v1 reads as a boolean (compared lower-cased), as ajv's coercion takes them. */
const PYDANTIC_BOOLEANS: Record<string, 'true' | 'false'> = {
  '1': 'true',
  on: 'true',
  t: 'true',
  true: 'true',
  y: 'true',
  yes: 'true',
  '0': 'false',
  off: 'false',
  f: 'false',
  false: 'false',
  n: 'false',
  no: 'false',
};

/**
 * Boolean query parameters as FastAPI reads them (`True` from Python's requests, `1`, `yes`, `off`…):
 * rewrites their values in a raw query string to `true`/`false` before validation, leaving every
 * other parameter byte for byte. The names are the contract's boolean query parameters; a name that
 * is boolean in one operation and not in another would be refused at start.
 */
export function booleanQueryNormaliser(definition: Document): (query: string) => string {
  const types = new Map<string, Set<string>>();
  for (const item of Object.values(definition.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      for (const parameter of (operation as { parameters?: unknown[] })?.parameters ?? []) {
        const p = parameter as { in?: string; name?: string; schema?: { type?: string } };
        if (p.in !== 'query' || !p.name) continue;
        const seen = types.get(p.name) ?? new Set<string>();
        seen.add(p.schema?.type ?? 'other');
        types.set(p.name, seen);
      }
    }
  }
  const names = new Set<string>();
  for (const [name, seen] of types) {
    if (!seen.has('boolean')) continue;
    if (seen.size > 1) throw new Error(`query parameter ${name} is boolean in some operations only`);
    names.add(name);
  }
  return (query) => {
    if (query === '') return query;
    let changed = false;
    const parts = query.split('&').map((part) => {
      const at = part.indexOf('=');
      if (at < 0) return part;
      const name = decoded(part.slice(0, at));
      if (name === undefined || !names.has(name)) return part;
      const value = decoded(part.slice(at + 1));
      const normal = value === undefined ? undefined : PYDANTIC_BOOLEANS[value.toLowerCase()];
      if (!normal || normal === value) return part;
      changed = true;
      return `${part.slice(0, at)}=${normal}`;
    });
    return changed ? parts.join('&') : query;
  };
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

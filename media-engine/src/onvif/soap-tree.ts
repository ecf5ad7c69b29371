/**
 * Reading the `onvif` package's parsed answers without its `linerase` (which turns "1.50" into 1.5
 * and "true" into true): the xml2js tree as the package parses it — prefixes stripped, a tag's first
 * letter lower-cased unless its second is upper-case, every child an array, text in `_`, attributes in `$`.
 */
export type SoapNode = unknown;

function tag(name: string): string {
  const second = name.charAt(1);
  return second && second.toUpperCase() !== second ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Every child element of that (ONVIF) name. */
export function children(node: SoapNode, name: string): SoapNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Record<string, unknown>)[tag(name)];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The first element along a path of names. */
export function child(node: SoapNode, ...path: string[]): SoapNode {
  let current = node;
  for (const name of path) {
    current = children(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

export function textOf(node: SoapNode): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'object' && '_' in node) return String((node as { _: unknown })._).trim();
  if (typeof node === 'object') return '';
  return String(node);
}

export function textAt(node: SoapNode, ...path: string[]): string | undefined {
  return textOf(child(node, ...path));
}

export function numberAt(node: SoapNode, ...path: string[]): number | undefined {
  const text = textAt(node, ...path);
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function attr(node: SoapNode, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const attrs = (node as { $?: Record<string, unknown> }).$;
  const value = attrs?.[name];
  return value === undefined ? undefined : String(value);
}

export function numberAttr(node: SoapNode, name: string): number | undefined {
  const text = attr(node, name);
  const n = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** { minVal, maxVal } of an element holding Min and Max. */
export function rangeAt(node: SoapNode, ...path: string[]): { minVal: number; maxVal: number } | undefined {
  const range = child(node, ...path);
  const minVal = numberAt(range, 'Min');
  const maxVal = numberAt(range, 'Max');
  return minVal === undefined || maxVal === undefined ? undefined : { minVal, maxVal };
}

export function escapeXml(value: string | number | boolean): string {
  return String(value).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

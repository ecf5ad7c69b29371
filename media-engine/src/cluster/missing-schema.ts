const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA = '3F000';

/** Whether a query failed because no media engine has migrated the `streaming` schema yet. */
export function isMissingSchema(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === UNDEFINED_TABLE || code === INVALID_SCHEMA;
}

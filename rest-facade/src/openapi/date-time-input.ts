/**
 * Date-times in a query or a JSON body as FastAPI (pydantic v1) takes them: RFC 3339, and also ISO 8601 with a
 * space for the `T`, without seconds or without an offset (then UTC), or a number of seconds since
 * the epoch (milliseconds above 2·10¹⁰). Handlers get RFC 3339: a value in its usual form is kept
 * as sent (sub-millisecond digits included), any other is given as its instant in UTC.
 */

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
/** pydantic's line between seconds and milliseconds since the epoch */
const MS_WATERSHED = 2e10;
/** 0001-01-01 to 9999-12-31, the years a date-time may have */
const FIRST_MS = -62_135_596_800_000;
const LAST_MS = 253_402_300_799_999;
const inRange = (ms: number) => ms >= FIRST_MS && ms <= LAST_MS;

/** The instant a date-time names, in milliseconds; undefined when it names none. */
function instantOf(value: string): number | undefined {
  if (NUMBER.test(value)) {
    const n = Number(value);
    const ms = Math.abs(n) > MS_WATERSHED ? n : n * 1000;
    return Number.isFinite(ms) && inRange(Math.floor(ms)) ? Math.floor(ms) : undefined;
  }
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59)
    return undefined;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || year < 1) return undefined;
  local.setUTCHours(hour, minute, second, ms);
  const sign = m[9] === '-' ? -1 : 1;
  const instant = local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return inRange(instant) ? instant : undefined;
}

/** The `date-time` format of parameters and request bodies. */
export function isDateTimeInput(value: string): boolean {
  return instantOf(value) !== undefined;
}

/** A valid date-time as RFC 3339 (unchanged when it is already). */
export function toRfc3339(value: string): string {
  const instant = instantOf(value);
  if (instant === undefined || RFC3339.test(value)) return value;
  return new Date(instant).toISOString();
}

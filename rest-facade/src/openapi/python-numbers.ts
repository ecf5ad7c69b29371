/**
 * Integers and floats in a path or a query as FastAPI reads them: pydantic v1 calls Python's
 * `int()` and `float()` on the text. Both ignore surrounding whitespace and take a sign, digits
 * of any script (`٤٢`) and single underscores between digits (`1_000`); `int()` takes nothing
 * else (`1.0`, `1e3`, `0x10` are no integers, though ajv's coercion would read them as numbers),
 * `float()` also a fraction, an exponent, `inf`, `infinity` and `nan`. The parameters reach ajv
 * rewritten: a number Python reads as its plain decimal spelling, anything else as `NOT_A_NUMBER`,
 * which ajv refuses as pydantic does ("value is not a valid integer" / "float").
 */

/** What ajv is given for text Python does not read as the parameter's number. */
export const NOT_A_NUMBER = 'not a number';

/** pydantic v1 refuses longer text before calling `int()` (Python's int_max_str_digits). */
const MAX_INT_TEXT = 4300;

/** The characters Python's `str.strip()` removes. */
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';
const DIGITS = '\\p{Nd}(?:_?\\p{Nd})*';
const PY_INT = new RegExp(`^${PY_SPACE}([+-]?)(${DIGITS})${PY_SPACE}$`, 'u');
const PY_FLOAT = new RegExp(
  `^${PY_SPACE}([+-]?)(?:(inf|infinity|nan)|((?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:e[+-]?${DIGITS})?))${PY_SPACE}$`,
  'iu',
);
const DECIMAL_DIGIT = /\p{Nd}/u;

/** A decimal digit's value: Unicode assigns every script's digits 0–9 in runs of ten in a row. */
function digitValue(digit: string): string {
  const code = digit.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return digit;
  let zero = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((code - zero) % 10);
}

/** Digits of any script as ASCII, underscores left out. */
function asciiDigits(text: string): string {
  return text.replace(/_/g, '').replace(/\P{ASCII}/gu, digitValue);
}

/** The plain decimal spelling of text Python's `int()` reads, else NOT_A_NUMBER. */
export function pythonInt(text: string): string {
  const match = text.length <= MAX_INT_TEXT ? PY_INT.exec(text) : null;
  if (!match) return NOT_A_NUMBER;
  const digits = asciiDigits(match[2]!).replace(/^0+(?=\d)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** A finite number past every bound of the contract (ajv refuses Infinity as no number at all). */
const BEYOND_BOUNDS = '1e308';

/**
 * The spelling of text Python's `float()` reads that ajv reads as the same number, else
 * NOT_A_NUMBER. Infinities become the largest finite numbers, so they fail a bound as in pydantic.
 * NaN fails every bound in pydantic, the lower one first (its first check): both float parameters
 * of the contract have bounds, so NaN is given on as the lowest number, which fails the lower one.
 */
export function pythonFloat(text: string): string {
  const match = PY_FLOAT.exec(text);
  if (!match) return NOT_A_NUMBER;
  const negative = match[1] === '-';
  const special = match[2]?.toLowerCase();
  if (special === 'nan') return `-${BEYOND_BOUNDS}`;
  if (special) return negative ? `-${BEYOND_BOUNDS}` : BEYOND_BOUNDS;
  return `${negative ? '-' : ''}${asciiDigits(match[3]!)}`;
}

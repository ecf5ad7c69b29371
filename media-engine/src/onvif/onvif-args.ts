import { OnvifError } from './onvif-error.js';

/** Readers of an operation's `args`: a wrong type or a missing field is invalid_request. */
export type Args = Readonly<Record<string, unknown>>;

export function argsOf(value: unknown): Args {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new OnvifError('invalid_request', 'args must be an object');
  return value as Args;
}

export function optionalNumber(args: Args, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new OnvifError('invalid_request', `${name} must be a number`);
  return value;
}

export function requiredNumber(args: Args, name: string): number {
  const value = optionalNumber(args, name);
  if (value === undefined) throw new OnvifError('invalid_request', `${name} is required`);
  return value;
}

export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new OnvifError('invalid_request', `${name} must be a string`);
  return value;
}

export function requiredString(args: Args, name: string, maxLength: number): string {
  const value = optionalString(args, name);
  if (value === undefined || value.length === 0) throw new OnvifError('invalid_request', `${name} is required`);
  if (value.length > maxLength)
    throw new OnvifError('onvif_invalid_argument', `${name} must be at most ${maxLength} characters`);
  return value;
}

export function optionalEnum<T extends string>(args: Args, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(args, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new OnvifError('invalid_request', `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function requiredEnum<T extends string>(args: Args, name: string, allowed: readonly T[]): T {
  const value = optionalEnum(args, name, allowed);
  if (value === undefined) throw new OnvifError('invalid_request', `${name} is required`);
  return value;
}

/** A value inside the device's range (GetOptions), else onvif_invalid_argument. */
export function withinRange(
  name: string,
  value: number,
  range: { minVal: number; maxVal: number } | undefined,
): number {
  if (!range) throw new OnvifError('onvif_unsupported_action', `The camera offers no ${name} setting`);
  if (value < range.minVal || value > range.maxVal) {
    throw new OnvifError('onvif_invalid_argument', `${name} must be between ${range.minVal} and ${range.maxVal}`);
  }
  return value;
}

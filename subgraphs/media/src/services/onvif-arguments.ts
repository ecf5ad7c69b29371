import { InputValidationError, InvalidRequestError } from '@argus/core';
import type { OnvifArgs, OnvifDiscoverArgs, OnvifOperation } from '@argus/media-engine/client';

/**
 * Checks of an ONVIF change's arguments before any device is asked. Values outside the bounds
 * every device shares (lengths, the PTZ step) are field errors on the GraphQL argument; what
 * cannot be done (nothing to change, an empty name) is `onvif_invalid_argument`. Ranges of the
 * device itself are the device's to judge.
 */
export function checkOnvifArgs<Op extends OnvifOperation>(operation: Op, args: OnvifArgs<Op>): void {
  const a = args as Record<string, unknown>;
  switch (operation) {
    case 'updateOnvifNetwork':
      for (const name of ['http', 'https', 'rtsp'])
        if (a[name] !== undefined) integerIn(a[name], ['input', name], 1, 65535, true);
      if (a.http === undefined && a.https === undefined && a.rtsp === undefined)
        insufficient('Give at least one of http, https, rtsp');
      return;
    case 'updateOnvifUserPassword':
      if (String(a.password).length > 16)
        throw new InputValidationError('ensure this value has at most 16 characters', ['password'], 'too_long', {
          limit: 16,
        });
      if (!/^[\x21-\x7e]{1,16}$/.test(String(a.password)))
        insufficient('The password must be 1 to 16 printable ASCII characters');
      if (!String(a.username).trim()) insufficient('The user name is empty');
      return;
    case 'updateOnvifStreamEncoder':
      if (!/^\d{2,5}x\d{2,5}$/.test(String(a.resolution))) insufficient('The resolution must be <width>x<height>');
      integerIn(a.framerate, ['input', 'framerate'], 1, 1000, true);
      integerIn(a.bitrate, ['input', 'bitrate'], 1, 10_000_000, true);
      if (a.govLength !== undefined) integerIn(a.govLength, ['input', 'govLength'], 1, 100_000, true, 'gov_length');
      return;
    case 'updateOnvifImageWideDynamicRange':
      if (a.mode === undefined && a.value === undefined) insufficient('Give the mode, the value or both');
      return;
    case 'updateOnvifImageWhiteBalance':
      if (a.mode === undefined && a.crGain === undefined && a.cbGain === undefined)
        insufficient('Give the mode, cr_gain or cb_gain');
      return;
    case 'updateOnvifPtz':
      integerIn(a.step, ['step'], 1, 10);
      if (a.move === undefined && a.zoom === undefined) insufficient('Give a move, a zoom or both');
      return;
    case 'moveOnvifPtzAbsolute':
    case 'moveOnvifPtzContinuous':
      if (a.x === undefined && a.y === undefined && a.zoom === undefined) insufficient('Give x, y, zoom or several');
      if (a.timeoutMs !== undefined) integerIn(a.timeoutMs, ['timeoutMs'], 100, 60_000);
      return;
    case 'createOnvifPtzPreset':
    case 'deleteOnvifPtzPreset':
    case 'applyOnvifPtzPreset':
      if (String(a.presetName).length > 64)
        throw new InputValidationError('ensure this value has at most 64 characters', ['name'], 'too_long', {
          limit: 64,
        });
      if (!String(a.presetName).trim()) insufficient('The preset name is empty');
      return;
    default:
  }
}

/** WS-Discovery arguments: a listening time of 100 ms to 10 s, an interface name as the OS spells it. */
export function checkDiscoverArgs(args: OnvifDiscoverArgs): void {
  if (args.timeoutMs !== undefined) integerIn(args.timeoutMs, ['timeoutMs'], 100, 10_000);
  if (args.device !== undefined && !/^[A-Za-z0-9_.:-]{1,15}$/.test(args.device)) {
    throw new InputValidationError('not a network interface name', ['networkInterface'], 'wrong_format');
  }
}

function insufficient(message: string): never {
  throw new InvalidRequestError(message, 'onvif_invalid_argument');
}

/**
 * An integer in [min, max]; outside it a field error (`out_of_range`), or (for values whose range
 * is the device's) onvif_invalid_argument, whose message calls the value `name`.
 */
function integerIn(
  value: unknown,
  field: string[],
  min: number,
  max: number,
  deviceRange = false,
  name = field.at(-1),
): void {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return;
  if (deviceRange) insufficient(`${name} must be an integer from ${min} to ${max}`);
  throw new InputValidationError(`ensure this value is an integer from ${min} to ${max}`, field, 'out_of_range', {
    min,
    max,
  });
}

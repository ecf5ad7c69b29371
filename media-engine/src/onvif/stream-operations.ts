import type {
  OnvifEncoding,
  OnvifOk,
  OnvifRange,
  OnvifStream,
  OnvifStreamProfile,
  OnvifStreams,
  OnvifSupportedEncoder,
} from '../client/onvif.types.js';
import type { OnvifCamera } from './onvif-camera.js';
import { OnvifError } from './onvif-error.js';
import { optionalNumber, requiredEnum, requiredNumber, requiredString, withinRange, type Args } from './onvif-args.js';
import { attr, child, children, escapeXml, numberAt, rangeAt, textAt, type SoapNode } from './soap-tree.js';

const ENCODINGS = ['H264', 'MPEG4', 'JPEG'] as const satisfies readonly OnvifEncoding[];
const STREAM_PROFILES = [
  'MAIN_STREAM',
  'SUB_STREAM_1',
  'SUB_STREAM_2',
] as const satisfies readonly OnvifStreamProfile[];
const NO_RANGE: OnvifRange = { minVal: 0, maxVal: 0 };

/** Media profiles that carry a video encoder, in the device's order. */
async function videoProfiles(camera: OnvifCamera): Promise<SoapNode[]> {
  const profiles = children(await camera.request('media', 'GetProfiles'), 'Profiles');
  return profiles.filter((p) => child(p, 'VideoEncoderConfiguration') !== undefined);
}

async function encoderOptions(camera: OnvifCamera, profileToken: string, configToken: string): Promise<SoapNode> {
  return child(
    await camera.request(
      'media',
      'GetVideoEncoderConfigurationOptions',
      `<ConfigurationToken>${escapeXml(configToken)}</ConfigurationToken>` +
        `<ProfileToken>${escapeXml(profileToken)}</ProfileToken>`,
    ),
    'Options',
  );
}

/** Per encoding: resolutions, frame rates, bitrates (Media 1 keeps those in the options' Extension), GOP lengths. */
function supportedEncoders(options: SoapNode): OnvifSupportedEncoder[] {
  return ENCODINGS.flatMap((name) => {
    const node = child(options, name);
    if (node === undefined) return [];
    const extension = child(options, 'Extension', name);
    const resolutions =
      children(node, 'ResolutionsAvailable').length > 0 || name !== 'JPEG'
        ? children(node, 'ResolutionsAvailable')
        : children(child(options, 'H264'), 'ResolutionsAvailable');
    const encoder: OnvifSupportedEncoder = {
      name,
      supportedResolutions: resolutions.map((r) => ({
        width: numberAt(r, 'Width') ?? 0,
        height: numberAt(r, 'Height') ?? 0,
      })),
      framerateRange: rangeAt(node, 'FrameRateRange') ?? NO_RANGE,
      bitrateRange: rangeAt(extension, 'BitrateRange') ?? NO_RANGE,
    };
    const gov = rangeAt(node, 'GovLengthRange');
    return [gov ? { ...encoder, govLengthRange: gov } : encoder];
  });
}

function currentEncoding(encoder: SoapNode): OnvifEncoding {
  const value = textAt(encoder, 'Encoding')?.toUpperCase();
  return (ENCODINGS as readonly string[]).includes(value ?? '') ? (value as OnvifEncoding) : 'H264';
}

export async function listStreams(camera: OnvifCamera): Promise<OnvifStreams> {
  const profiles = await videoProfiles(camera);
  const streams: OnvifStream[] = [];
  for (const [index, profile] of profiles.entries()) {
    const token = attr(profile, 'token') ?? '';
    const encoder = child(profile, 'VideoEncoderConfiguration');
    const uri = await camera.request(
      'media',
      'GetStreamUri',
      '<StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>' +
        '<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></StreamSetup>' +
        `<ProfileToken>${escapeXml(token)}</ProfileToken>`,
    );
    const options = await encoderOptions(camera, token, attr(encoder, 'token') ?? '');
    const encoding = currentEncoding(encoder);
    const height = numberAt(encoder, 'Resolution', 'Height') ?? 0;
    const gov = numberAt(encoder, encoding === 'MPEG4' ? 'MPEG4' : 'H264', 'GovLength');
    streams.push({
      name: textAt(profile, 'Name') ?? token,
      link: textAt(uri, 'MediaUri', 'Uri') ?? '',
      currentEncoder: encoding,
      currentResolution: `${numberAt(encoder, 'Resolution', 'Width') ?? 0}x${height}`,
      currentFramerate: numberAt(encoder, 'RateControl', 'FrameRateLimit') ?? 0,
      currentBitrate: numberAt(encoder, 'RateControl', 'BitrateLimit') ?? 0,
      ...(gov !== undefined && encoding !== 'JPEG' ? { currentGovLength: gov } : {}),
      supportedEncoders: supportedEncoders(options),
      ...(index < STREAM_PROFILES.length ? { streamProfile: STREAM_PROFILES[index] } : {}),
      profileToken: token,
    });
  }
  return { streams };
}

/**
 * Replaces the profile's encoder configuration (SetVideoEncoderConfiguration is sent whole: what is
 * not changed — quality, encoding interval, H.264 profile, multicast, session timeout — is kept).
 */
export async function updateEncoder(camera: OnvifCamera, args: Args): Promise<OnvifOk> {
  const streamProfile = requiredEnum(args, 'streamProfile', STREAM_PROFILES);
  const encoding = requiredEnum(args, 'encoder', ENCODINGS);
  const resolution = requiredString(args, 'resolution', 16);
  const framerate = requiredNumber(args, 'framerate');
  const bitrate = requiredNumber(args, 'bitrate');
  const govLength = optionalNumber(args, 'govLength');
  const size = /^(\d{1,5})x(\d{1,5})$/.exec(resolution);
  if (!size) throw new OnvifError('onvif_invalid_argument', 'resolution must be <width>x<height>');
  const [width, height] = [Number(size[1]), Number(size[2])];

  const profile = (await videoProfiles(camera))[STREAM_PROFILES.indexOf(streamProfile)];
  if (!profile) throw new OnvifError('onvif_invalid_argument', `The camera has no ${streamProfile}`);
  const current = child(profile, 'VideoEncoderConfiguration');
  const configToken = attr(current, 'token') ?? '';
  const options = await encoderOptions(camera, attr(profile, 'token') ?? '', configToken);
  const supported = supportedEncoders(options).find((e) => e.name === encoding);
  if (!supported) throw new OnvifError('onvif_invalid_argument', `The camera does not encode ${encoding}`);
  if (!supported.supportedResolutions.some((r) => r.width === width && r.height === height)) {
    throw new OnvifError('onvif_invalid_argument', `The camera does not offer ${resolution} for ${encoding}`);
  }
  withinRange('framerate', framerate, supported.framerateRange);
  if (supported.bitrateRange !== NO_RANGE) withinRange('bitrate', bitrate, supported.bitrateRange);
  if (govLength !== undefined && encoding !== 'JPEG') withinRange('gov_length', govLength, supported.govLengthRange);

  const keptGov =
    numberAt(current, encoding === 'MPEG4' ? 'MPEG4' : 'H264', 'GovLength') ?? supported.govLengthRange?.minVal ?? 1;
  const gov = Math.round(govLength ?? keptGov);
  const codec =
    encoding === 'H264'
      ? `<tt:H264><tt:GovLength>${gov}</tt:GovLength><tt:H264Profile>${escapeXml(
          textAt(current, 'H264', 'H264Profile') || textAt(options, 'H264', 'H264ProfilesSupported') || 'Main',
        )}</tt:H264Profile></tt:H264>`
      : encoding === 'MPEG4'
        ? `<tt:MPEG4><tt:GovLength>${gov}</tt:GovLength><tt:Mpeg4Profile>${escapeXml(
            textAt(current, 'MPEG4', 'Mpeg4Profile') || textAt(options, 'MPEG4', 'Mpeg4ProfilesSupported') || 'SP',
          )}</tt:Mpeg4Profile></tt:MPEG4>`
        : '';
  const multicast = child(current, 'Multicast');
  await camera.request(
    'media',
    'SetVideoEncoderConfiguration',
    `<Configuration token="${escapeXml(configToken)}">` +
      `<tt:Name>${escapeXml(textAt(current, 'Name') ?? configToken)}</tt:Name>` +
      `<tt:UseCount>${numberAt(current, 'UseCount') ?? 1}</tt:UseCount><tt:Encoding>${encoding}</tt:Encoding>` +
      `<tt:Resolution><tt:Width>${width}</tt:Width><tt:Height>${height}</tt:Height></tt:Resolution>` +
      `<tt:Quality>${numberAt(current, 'Quality') ?? rangeAt(options, 'QualityRange')?.maxVal ?? 5}</tt:Quality>` +
      `<tt:RateControl><tt:FrameRateLimit>${Math.round(framerate)}</tt:FrameRateLimit>` +
      `<tt:EncodingInterval>${numberAt(current, 'RateControl', 'EncodingInterval') ?? 1}</tt:EncodingInterval>` +
      `<tt:BitrateLimit>${Math.round(bitrate)}</tt:BitrateLimit></tt:RateControl>${codec}` +
      '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type>' +
      `<tt:IPv4Address>${escapeXml(textAt(multicast, 'Address', 'IPv4Address') || '0.0.0.0')}</tt:IPv4Address>` +
      `</tt:Address>` +
      `<tt:Port>${numberAt(multicast, 'Port') ?? 0}</tt:Port><tt:TTL>${numberAt(multicast, 'TTL') ?? 0}</tt:TTL>` +
      `<tt:AutoStart>${textAt(multicast, 'AutoStart') === 'true'}</tt:AutoStart></tt:Multicast>` +
      `<tt:SessionTimeout>${escapeXml(textAt(current, 'SessionTimeout') || 'PT60S')}</tt:SessionTimeout>` +
      `</Configuration>` +
      '<ForcePersistence>true</ForcePersistence>',
  );
  return { status: 'ok' };
}

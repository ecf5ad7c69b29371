import type { SimulatorContext } from './simulator-context.js';
import type { EncoderState } from './simulator-state.js';
import { at, envelope, escapeXml, fixture, inRange, invalidArg, num, text, type XmlNode } from './soap-xml.js';

const RECORDED_HOST = '192.168.68.111';

function encoderXml(e: EncoderState, element: string): string {
  const codec =
    e.encoding === 'H264'
      ? `<tt:H264><tt:GovLength>${e.govLength}</tt:GovLength>` +
        `<tt:H264Profile>${e.h264Profile}</tt:H264Profile></tt:H264>`
      : e.encoding === 'MPEG4'
        ? `<tt:MPEG4><tt:GovLength>${e.govLength}</tt:GovLength><tt:Mpeg4Profile>SP</tt:Mpeg4Profile></tt:MPEG4>`
        : '';
  return (
    `<${element} token="${escapeXml(e.token)}"><tt:Name>${escapeXml(e.name)}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>${e.encoding}</tt:Encoding><tt:Resolution><tt:Width>${e.width}</tt:Width>` +
    `<tt:Height>${e.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>${e.quality}</tt:Quality><tt:RateControl><tt:FrameRateLimit>${e.frameRate}</tt:FrameRateLimit>` +
    `<tt:EncodingInterval>${e.encodingInterval}</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${e.bitrate}</tt:BitrateLimit></tt:RateControl>` +
    `${codec}<tt:SessionTimeout>PT60S</tt:SessionTimeout></${element}>`
  );
}

/** The recorded profile's video source and PTZ configuration, around this state's encoders. */
function profilesXml(ctx: SimulatorContext, only?: string): string {
  const recorded = fixture('GetProfiles');
  const source = /<tt:VideoSourceConfiguration[\s\S]*?<\/tt:VideoSourceConfiguration>/.exec(recorded)![0];
  const ptz = /<tt:PTZConfiguration[\s\S]*?<\/tt:PTZConfiguration>/.exec(recorded)![0];
  return ctx.state.profiles
    .filter((p) => only === undefined || p.token === only)
    .map((p) => {
      const encoder = ctx.state.encoders.find((e) => e.token === p.encoderToken)!;
      const element = only === undefined ? 'trt:Profiles' : 'trt:Profile';
      return (
        `<${element} fixed="true" token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name>${source}` +
        `${encoderXml(encoder, 'tt:VideoEncoderConfiguration')}${ctx.state.ptz ? ptz : ''}</${element}>`
      );
    })
    .join('');
}

function profileToken(ctx: SimulatorContext, body: XmlNode): string {
  const token = text(at(body, 'ProfileToken')) ?? '';
  if (!ctx.state.profiles.some((p) => p.token === token)) throw invalidArg(`No such profile: ${token}`);
  return token;
}

function encoderByToken(ctx: SimulatorContext, token: string | undefined): EncoderState {
  const encoder = ctx.state.encoders.find((e) => e.token === token);
  if (!encoder) throw invalidArg(`No such configuration: ${token}`);
  return encoder;
}

/** The recorded options plus the Media 1 extension that carries bitrate ranges. */
function encoderOptions(ctx: SimulatorContext): string {
  const recorded = fixture('media.GetVideoEncoderConfigurationOptions');
  const { min, max } = ctx.state.bitrateRange;
  const extension = ['JPEG', 'MPEG4', 'H264']
    .map((codec) => {
      const inner = new RegExp(`<tt:${codec}>([\\s\\S]*?)</tt:${codec}>`).exec(recorded)?.[1] ?? '';
      const bitrate = `<tt:BitrateRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:BitrateRange>`;
      return `<tt:${codec}>${inner}${bitrate}</tt:${codec}>`;
    })
    .join('');
  return recorded.replace('</trt:Options>', `<tt:Extension>${extension}</tt:Extension></trt:Options>`);
}

function setEncoder(ctx: SimulatorContext, body: XmlNode): string {
  const config = at(body, 'Configuration');
  const encoder = encoderByToken(ctx, at(config, '@_token') as string | undefined);
  const encoding = text(at(config, 'Encoding')) as EncoderState['encoding'];
  const options = ctx.state.encoderOptions[encoding];
  if (!options) throw invalidArg(`Encoding ${encoding} is not supported`);
  const width = num(at(config, 'Resolution', 'Width'));
  const height = num(at(config, 'Resolution', 'Height'));
  if (!options.resolutions.some((r) => r.width === width && r.height === height))
    throw invalidArg(`Resolution ${width}x${height} is not supported`);
  const frameRate = inRange('FrameRateLimit', num(at(config, 'RateControl', 'FrameRateLimit')), options.frameRate);
  const bitrate = inRange('BitrateLimit', num(at(config, 'RateControl', 'BitrateLimit')), ctx.state.bitrateRange);
  const codec = encoding === 'H264' ? at(config, 'H264') : encoding === 'MPEG4' ? at(config, 'MPEG4') : undefined;
  const gov = num(at(codec, 'GovLength'));
  const govLength =
    gov === undefined || !options.govLength ? encoder.govLength : inRange('GovLength', gov, options.govLength);
  Object.assign(encoder, {
    name: text(at(config, 'Name')) || encoder.name,
    encoding,
    width: width!,
    height: height!,
    frameRate,
    bitrate,
    govLength,
    quality: num(at(config, 'Quality')) ?? encoder.quality,
    h264Profile: text(at(codec, 'H264Profile')) || encoder.h264Profile,
  });
  return envelope('<trt:SetVideoEncoderConfigurationResponse/>');
}

export const mediaActions: Record<string, (ctx: SimulatorContext, body: XmlNode) => string> = {
  GetProfiles: (ctx) => envelope(`<trt:GetProfilesResponse>${profilesXml(ctx)}</trt:GetProfilesResponse>`),
  GetProfile: (ctx, body) =>
    envelope(`<trt:GetProfileResponse>${profilesXml(ctx, profileToken(ctx, body))}</trt:GetProfileResponse>`),
  GetVideoSources: () => fixture('media.GetVideoSources'),
  GetStreamUri: (ctx, body) => {
    const token = profileToken(ctx, body);
    const uri = `rtsp://${ctx.host}:${ctx.state.network.RTSP.port}/${encodeURIComponent(token)}`;
    return fixture('GetStreamUri').replace(/<tt:Uri>[^<]*<\/tt:Uri>/, `<tt:Uri>${escapeXml(uri)}</tt:Uri>`);
  },
  GetSnapshotUri: (ctx) => fixture('GetSnapshotUri').replaceAll(RECORDED_HOST, ctx.host),
  GetVideoEncoderConfigurations: (ctx) =>
    envelope(
      '<trt:GetVideoEncoderConfigurationsResponse>' +
        ctx.state.encoders.map((e) => encoderXml(e, 'trt:Configurations')).join('') +
        '</trt:GetVideoEncoderConfigurationsResponse>',
    ),
  GetVideoEncoderConfiguration: (ctx, body) =>
    envelope(
      '<trt:GetVideoEncoderConfigurationResponse>' +
        encoderXml(encoderByToken(ctx, text(at(body, 'ConfigurationToken'))), 'trt:Configuration') +
        '</trt:GetVideoEncoderConfigurationResponse>',
    ),
  GetVideoEncoderConfigurationOptions: (ctx) => encoderOptions(ctx),
  SetVideoEncoderConfiguration: setEncoder,
};

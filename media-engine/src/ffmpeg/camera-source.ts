/** RTSP media transport of a camera source (CAMERA_SETTINGS.md `source.transport`). */
export type RtspTransport = 'tcp' | 'udp' | 'auto';

/** A camera's `source` as stored by topology: the URL has no credentials, they come apart. */
export interface CameraSource {
  url: string;
  username?: string | null;
  password?: string | null;
  transport?: RtspTransport;
}

/** What the media engine needs of a camera to ingest it. */
export interface IngestCamera {
  id: string;
  source: CameraSource;
}

const SCHEME = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;
const HAS_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^@/?#]*@/i;

/**
 * The source URL with `user:password@` inserted (percent-encoded), for ffmpeg/ffprobe arguments
 * only: never log it (see redaction.ts). A URL that already carries credentials and a source
 * without a username are returned unchanged.
 */
export function sourceUrlWithCredentials(source: CameraSource): string {
  const { url, username, password } = source;
  if (!username) return url;
  const parts = SCHEME.exec(url);
  if (!parts || HAS_USERINFO.test(url)) return url;
  const userinfo = encodeURIComponent(username) + (password ? `:${encodeURIComponent(password)}` : '');
  return `${parts[1]}${userinfo}@${parts[2]}`;
}

/** Strings that must never reach a log line for this source: the password, raw and encoded. */
export function sourceSecrets(source: CameraSource): string[] {
  const secrets = new Set<string>();
  if (source.password) {
    secrets.add(source.password);
    secrets.add(encodeURIComponent(source.password));
  }
  return [...secrets];
}

/** A source given as a bare URL (POST /streams/verify takes an rtsp_link with any credentials in it). */
export function toCameraSource(source: string | CameraSource): CameraSource {
  return typeof source === 'string' ? { url: source, transport: 'tcp' } : source;
}

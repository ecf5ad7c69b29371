import path from 'node:path';
import { bool, commonConfig, DEFAULT_PORTS, int, partUrl, portOf, str, type CommonConfig, type Env } from '@argus/core';

export interface MediaConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: token introspection and the audit log are next to it */
  readonly identityUrl: string;
  readonly graphiql: boolean;
  /** where the local upload store keeps content */
  readonly uploadsDir: string;
  /** largest accepted upload in bytes (REST 400 beyond it) */
  readonly uploadMaxBytes: number;
  /** whether face images are analysed with the media engine's face analyzer in this process */
  readonly faceAnalysis: boolean;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export function mediaConfig(env: Env = process.env): MediaConfig {
  const common = commonConfig(env);
  return Object.freeze({
    ...common,
    port: portOf(env, 'MEDIA_PORT', DEFAULT_PORTS.media),
    identityUrl: partUrl(env, 'IDENTITY_URL', DEFAULT_PORTS.identity),
    graphiql: bool(env, 'GRAPHIQL', true),
    uploadsDir: path.resolve(str(env, 'UPLOADS_DIR', path.join(common.dataDir, 'uploads'))),
    uploadMaxBytes: int(env, 'UPLOAD_MAX_BYTES', DEFAULT_UPLOAD_MAX_BYTES, 1, 2 ** 31 - 1),
    faceAnalysis: bool(env, 'FACE_ANALYSIS', true),
  });
}

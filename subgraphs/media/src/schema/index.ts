import { builder } from './builder.js';
import './stream-server.fields.js';
import './recording.fields.js';
import './upload.fields.js';
import './stream.fields.js';
import './stream-status.subscription.js';
import './video-clip.fields.js';
import './video-clip-progress.subscription.js';
import './onvif-camera.type.js';
import './onvif.fields.js';
import './recognition-event.fields.js';
import './event-search.fields.js';
import './event-stats.fields.js';
import './event-created.subscription.js';
import './event-matched.subscription.js';

/** The media subgraph schema (federation v2). */
export function buildSchema() {
  return builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
}

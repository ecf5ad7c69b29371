import { builder } from './builder.js';
import './stream-server.fields.js';
import './upload.fields.js';

/** The media subgraph schema (federation v2). */
export function buildSchema() {
  return builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
}

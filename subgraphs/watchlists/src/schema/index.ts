import { builder } from './builder.js';
import './face.fields.js';
import './face-image.fields.js';
import './face-list.fields.js';
import './plate.fields.js';
import './plate-list.fields.js';

/** The watchlists subgraph schema (federation v2). */
export function buildSchema() {
  return builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
}

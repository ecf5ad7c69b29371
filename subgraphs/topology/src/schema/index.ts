import { builder } from './builder.js';
import './camera.fields.js';
import './camera-stats.fields.js';
import './group-place.fields.js';
import './group.type.js';
import './place.fields.js';
import './plan.fields.js';
import './plan-camera.fields.js';

/** The topology subgraph schema (federation v2). */
export function buildSchema() {
  return builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
}

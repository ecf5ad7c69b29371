import { builder } from './builder.js';
import './audit-log.fields.js';
import './group.fields.js';
import './hello.fields.js';
import './organization.fields.js';
import './orion.fields.js';
import './role.fields.js';
import './token.fields.js';
import './user.fields.js';

/** The identity subgraph schema (federation v2). */
export function buildSchema() {
  return builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
}

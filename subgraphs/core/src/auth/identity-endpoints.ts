import { RemoteAuditRecorder } from './audit.js';
import { RemoteAuthenticator } from './authenticator.js';

/** An internal endpoint of the identity part, next to its GraphQL endpoint (`…/graphql` → `…/internal/<name>`). */
export function identityEndpoint(identityUrl: string, name: 'audit' | 'introspect'): string {
  return identityUrl.replace(/\/graphql\/?$/, `/internal/${name}`);
}

/** What every other part asks the identity part for: token checks and audit-log entries, signed with the internal key. */
export function identityClients(
  identityUrl: string,
  internalKey: string,
): { authenticator: RemoteAuthenticator; audit: RemoteAuditRecorder } {
  return {
    authenticator: new RemoteAuthenticator(identityEndpoint(identityUrl, 'introspect'), internalKey),
    audit: new RemoteAuditRecorder(identityEndpoint(identityUrl, 'audit'), internalKey),
  };
}

import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { at, escapeXml, fixture, parseXml, text } from './soap-xml.js';

const DISCOVERY_PORT = 3702;
const DISCOVERY_GROUP = '239.255.255.250';

export interface DiscoveryResponder {
  readonly urn: string;
  close(): Promise<void>;
}

/**
 * Answers WS-Discovery probes (UDP 3702, the multicast group joined on loopback) with the recorded
 * ProbeMatches, pointing at this simulator's device service. Undefined when the port or the group
 * cannot be used here (the HTTP device works without it).
 */
export async function startDiscoveryResponder(deviceServiceUrl: string): Promise<DiscoveryResponder | undefined> {
  const urn = `uuid:${randomUUID()}`;
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  const bound = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(DISCOVERY_PORT, () => {
      try {
        socket.addMembership(DISCOVERY_GROUP, '127.0.0.1');
        resolve(true);
      } catch {
        resolve(false);
      }
    });
  });
  if (!bound) {
    socket.close();
    return undefined;
  }
  socket.on('error', () => undefined);
  socket.on('message', (message, remote) => {
    let messageId: string | undefined;
    try {
      const envelope = parseXml(message.toString('utf8')).Envelope;
      if (!at(envelope, 'Body', 'Probe')) return;
      messageId = text(at(envelope, 'Header', 'MessageID'));
    } catch {
      return;
    }
    const answer = fixture('Probe')
      .replace('RELATES_TO', escapeXml(messageId ?? ''))
      .replace('SERVICE_URI', escapeXml(deviceServiceUrl))
      .replace(/<wsa:Address>uuid:[^<]*<\/wsa:Address>/, `<wsa:Address>${urn}</wsa:Address>`)
      .replace(/<wsa:MessageID>[^<]*<\/wsa:MessageID>/, `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>`);
    socket.send(answer, remote.port, remote.address);
  });
  return {
    urn,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

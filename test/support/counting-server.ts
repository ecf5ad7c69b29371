import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP service on loopback that counts the requests it gets (a stand-in for one Argus must not reach). */
export interface CountingServer {
  readonly port: number;
  requests(): number;
  close(): void;
}

export async function startCountingServer(): Promise<CountingServer> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end('<html>an internal service</html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    close: () => server.close(),
  };
}

/** Pieces the benches share: free ports, waiting, and a Redis proxy that counts round trips. */
import { createConnection, createServer, type Socket } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Forwards to Redis and counts round trips: a client write after the server has answered starts one
 * (commands written together — a pipeline, a script — are one). Blocking commands of queue workers
 * count once per wake-up.
 */
export function countingProxy(target: number, port: number) {
  let roundTrips = 0;
  const server = createServer((client: Socket) => {
    const upstream = createConnection(target, '127.0.0.1');
    let awaiting = false;
    client.on('data', (chunk) => {
      if (!awaiting) roundTrips++;
      awaiting = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      awaiting = false;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(port, '127.0.0.1');
  return { server, count: () => roundTrips };
}

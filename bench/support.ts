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

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The two desk figures both desk benches report: one turn's latency, one customer at a time (40
 * customers walking `script`), and messages per second with `customers` writing at once (each
 * customer's messages in order). `receive(from, text)` sends one message.
 */
export async function turnFigures(
  receive: (from: string, text: string) => Promise<unknown>,
  script: readonly string[],
  customers: number,
): Promise<{ sequential: number[]; perSecond: number }> {
  const sequential: number[] = [];
  for (let c = 0; c < 40; c++) {
    for (const text of script) {
      const t0 = performance.now();
      await receive(`seq-${c}`, text);
      sequential.push(performance.now() - t0);
    }
  }
  let turns = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: customers }, async (_, c) => {
      for (const text of script) {
        await receive(`load-${c}`, text);
        turns++;
      }
    }),
  );
  return { sequential, perSecond: turns / ((performance.now() - started) / 1000) };
}

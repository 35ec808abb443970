/**
 * A local HTTP server standing in for the Bot Framework connector (the activity's `serviceUrl`). The
 * app's real botbuilder client POSTs replies to `/v3/conversations/:id/activities/:replyToId` and
 * proactive messages to `/v3/conversations/:id/activities` (or to a synthetic reply id); both are
 * accepted and answered `{ id }`, or with the failures a test queues (never 5xx: the connector client
 * retries those for ~5 s).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  conversationId: string;
  replyToId: string | null;
  authorization: string | null;
  activity: {
    type: string;
    text?: string;
    locale?: string;
    suggestedActions?: { actions: Array<{ type: string; title: string; value: string }> };
    attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
    channelData?: Record<string, unknown>;
    [key: string]: unknown;
  };
  status: number;
}

export interface ConnectorStandIn {
  url: string;
  received: ReceivedActivity[];
  /** Accepted activities of one conversation, of a type (default `message`). */
  to(conversationId: string, type?: string): ReceivedActivity[];
  /** The next messages sent to a conversation are answered with these statuses, in order. */
  failNext(conversationId: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const received: ReceivedActivity[] = [];
  const failures = new Map<string, number[]>();
  let n = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = PATH.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const conversationId = decodeURIComponent(match[1]!);
      const activity = JSON.parse(
        Buffer.concat(chunks).toString('utf8') || '{}',
      ) as ReceivedActivity['activity'];
      // Queued failures are for messages; typing indicators pass.
      const status = activity.type === 'message' ? (failures.get(conversationId)?.shift() ?? 200) : 200;
      received.push({
        conversationId,
        replyToId: match[2] ? decodeURIComponent(match[2]) : null,
        authorization: request.headers.authorization ?? null,
        activity,
        status,
      });
      if (status !== 200) {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'refused by the test' } }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `act-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    to: (conversationId, type = 'message') =>
      received.filter(
        (r) => r.conversationId === conversationId && r.status === 200 && r.activity.type === type,
      ),
    failNext(conversationId, ...statuses) {
      failures.set(conversationId, [...(failures.get(conversationId) ?? []), ...statuses]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

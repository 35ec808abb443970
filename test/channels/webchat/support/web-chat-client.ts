/**
 * A web chat client over real HTTP, as the page's script talks to the app: start a conversation, send
 * messages, read the history, and follow the server-sent event stream.
 */
export interface Entry {
  seq: number;
  from: 'customer' | 'bot' | 'staff';
  kind: 'message' | 'case';
  text?: string;
  choices?: string[];
  lang?: 'zh' | 'en';
  case?: { ref: string; status: string; deadline: string | null };
}

export interface WebChatClient {
  post(path: string, body: unknown, ip?: string): Promise<{ status: number; json: Record<string, unknown> }>;
  start(locale?: string, ip?: string): Promise<string>;
  send(id: string, text: string, options?: { ip?: string; clientId?: string }): Promise<number>;
  history(id: string): Promise<Entry[]>;
  /** Opens the event stream; `events` fills as entries arrive. */
  follow(
    id: string,
    after?: number,
  ): Promise<{ events: Array<{ event: string; data: unknown }>; close(): void }>;
}

export function webChatClient(base: string): WebChatClient {
  const client: WebChatClient = {
    async post(path, body, ip = '203.0.113.1') {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async start(locale = 'en-US', ip) {
      const answer = await client.post('/chat/api/conversations', { locale }, ip);
      if (answer.status !== 201) throw new Error(`start answered ${answer.status}`);
      return String(answer.json.id);
    },
    async send(id, text, options = {}) {
      const body = { text, ...(options.clientId ? { clientId: options.clientId } : {}) };
      return (await client.post(`/chat/api/conversations/${id}/messages`, body, options.ip)).status;
    },
    async history(id) {
      const response = await fetch(`${base}/chat/api/conversations/${id}`);
      if (response.status !== 200) throw new Error(`history answered ${response.status}`);
      return ((await response.json()) as { entries: Entry[] }).entries;
    },
    async follow(id, after = 0) {
      const controller = new AbortController();
      const response = await fetch(`${base}/chat/api/conversations/${id}/events?after=${after}`, {
        signal: controller.signal,
      });
      if (response.status !== 200 || !response.body) throw new Error(`events answered ${response.status}`);
      const events: Array<{ event: string; data: unknown }> = [];
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer += value;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.+)$/m.exec(block)?.[1];
              const data = /^data: (.+)$/m.exec(block)?.[1];
              if (event && data) events.push({ event, data: JSON.parse(data) });
              end = buffer.indexOf('\n\n');
            }
          }
        } catch {
          // aborted
        }
      })();
      return { events, close: () => controller.abort() };
    },
  };
  return client;
}

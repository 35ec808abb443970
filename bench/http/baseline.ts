/**
 * The baseline the bot is measured against: the least a webhook handler can do for one customer text
 * and still be correct, built from the bot's own dependencies. It checks Twilio's signature, makes two
 * pipelined Redis MULTI round trips (dedupe on MessageSid + load the session; save the session + append
 * the transcript) and sends one reply through the Twilio client, then answers Twilio.
 *
 * Run as its own process by bench/http/run.ts: PORT, REDIS_URL, TWILIO_* as for the app.
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { createTwilioClient } from '../../channels/twilio/rest-client.js';
import { isTwilioSignatureValid } from '../../channels/twilio/signature.js';

const env = process.env;
const port = Number(env.PORT);
const publicBaseUrl = `http://127.0.0.1:${port}`;
const authToken = env.TWILIO_AUTH_TOKEN ?? '';
const from = env.TWILIO_FROM_NUMBER ?? '';
const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const client = createTwilioClient({
  accountSid: env.TWILIO_ACCOUNT_SID ?? '',
  authToken,
  apiBaseUrl: env.TWILIO_API_BASE_URL,
});

const app = Fastify({ logger: false });
await app.register(formbody);
app.post('/webhooks/twilio/sms', async (request, reply) => {
  const params = request.body as Record<string, string>;
  const signature = request.headers['x-twilio-signature'] as string | undefined;
  if (!isTwilioSignatureValid(authToken, signature, `${publicBaseUrl}${request.url}`, params)) {
    return reply.code(403).send('forbidden');
  }
  const key = `baseline:${params.From}`;
  const loaded = await redis
    .multi()
    .set(`baseline:seen:${params.MessageSid}`, '1', 'EX', 86_400, 'NX')
    .get(`${key}:session`)
    .exec();
  const fresh = loaded?.[0]?.[1] === 'OK';
  if (fresh) {
    const session = JSON.parse((loaded?.[1]?.[1] as string | null) ?? '{"turns":0}') as { turns: number };
    session.turns++;
    await redis
      .multi()
      .set(`${key}:session`, JSON.stringify(session))
      .rpush(`${key}:transcript`, JSON.stringify({ in: params.Body, at: Date.now() }))
      .exec();
    await client.messages.create({ to: params.From ?? '', from, body: `Got it (${session.turns}).` });
  }
  return reply.type('text/xml').send('<Response/>');
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');

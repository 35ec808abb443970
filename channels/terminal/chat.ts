/**
 * The terminal chat: talk to the real engine against Redis, as a customer on any channel.
 *
 *   npm run chat -- [--channel sms|email|chat|voice] [--from ADDRESS] [--lang zh|en] [--now ISO] [--json]
 *
 * Interactive on a terminal. Otherwise it reads one customer message per line (a literal `\n` inside a
 * line is a newline), prints the bot's replies, and exits 0 at the end of input; with `--json` exactly
 * one JSON object per input line. The same `--from` continues the same conversation across runs.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { manualClock, systemClock } from '../../src/clock.js';
import { loadConfig, loadDotEnv } from '../../src/config.js';
import { FlowFilesInvalidError } from '../../src/flows/yaml-file.js';
import { silentLogger } from '../../src/logger.js';
import type { ChannelKind, Lang } from '../../src/port/messages.js';
import { connectRecord } from '../../src/record/open.js';
import { chooseRedis } from '../../src/redis/embedded.js';
import { createRuntime } from '../../src/runtime.js';
import { createTerminalAdapter } from './adapter.js';

const CHANNELS: readonly ChannelKind[] = ['sms', 'email', 'chat', 'voice'];
const DEFAULT_FROM: Record<ChannelKind, string> = {
  sms: '+8613800000000',
  voice: '+8613800000000',
  email: 'customer@example.com',
  chat: 'terminal-user',
};

function fail(message: string): never {
  process.stderr.write(`chat: ${message}\n`);
  process.exit(2);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      channel: { type: 'string', default: 'chat' },
      from: { type: 'string' },
      lang: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const channel = values.channel as ChannelKind;
  if (!CHANNELS.includes(channel)) fail(`--channel must be one of ${CHANNELS.join(', ')}`);
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en')
    fail('--lang must be zh or en');
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) fail(`--now is not an ISO date-time: ${values.now}`);
  return {
    channel,
    from: values.from,
    lang: values.lang as Lang | undefined,
    now,
    json: values.json ?? false,
  };
}

/** Phone channels need E.164, as a phone provider delivers numbers. */
function normaliseFrom(channel: ChannelKind, from: string, region: string): string {
  if (channel !== 'sms' && channel !== 'voice') return from;
  const phone = parsePhoneNumberFromString(from, region as CountryCode);
  if (!phone?.isValid()) fail(`--from ${from} is not a valid phone number for the ${channel} channel`);
  return phone.number;
}

async function main(): Promise<void> {
  const options = parseOptions();
  loadDotEnv();
  const config = loadConfig();
  // --now fixes the clock at that instant, so a scripted conversation gives the same answers every run.
  const clock = options.now ? manualClock(options.now) : systemClock;
  const terminal = createTerminalAdapter(options.channel);
  // Like `npm start`: REDIS_URL, else the Redis on 6379, else a private redis-server under ./data/redis.
  const redis = await chooseRedis(config.env);
  // The record the same way: DATABASE_URL, else the embedded PostgreSQL — the running app's, if it runs.
  const { record, stop: stopRecord } = await connectRecord(config, { logger: silentLogger, poolSize: 2 });
  const runtime = createRuntime({ ...config, REDIS_URL: redis.url }, { clock, channels: [terminal], record });
  await terminal.start(runtime.channelContext(terminal));
  const from = normaliseFrom(
    options.channel,
    options.from ?? DEFAULT_FROM[options.channel],
    config.DEFAULT_PHONE_REGION,
  );

  const send = async (line: string) => {
    const text = line.replace(/\\n/g, '\n');
    const { result, shown } = await terminal.say(from, text, options.lang ? { lang: options.lang } : {});
    if (options.json) {
      const output = {
        in: text,
        replies: result.replies.map((reply) => ({ text: reply.text, choices: reply.choices ?? [] })),
        session: result.session,
        case: result.case,
      };
      process.stdout.write(`${JSON.stringify(output)}\n`);
      return;
    }
    for (const reply of shown) {
      const buttons = reply.buttons.length
        ? `\n  ${reply.buttons.map((c, n) => `[${n + 1}] ${c}`).join('  ')}`
        : '';
      process.stdout.write(`bot> ${reply.text.replace(/\n/g, '\n     ')}${buttons}\n`);
    }
    if (result.case) {
      const deadline = result.case.deadline ? `, reply by ${result.case.deadline}` : '';
      process.stdout.write(
        `     (case ${result.case.ref}: ${result.case.status}${result.case.team ? `, ${result.case.team}` : ''}${deadline})\n`,
      );
    }
  };

  const interactive = process.stdin.isTTY && !options.json;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) {
    process.stdout.write(`Talking to the support bot as ${from} on ${options.channel}. Ctrl-D to leave.\n> `);
  }
  try {
    for await (const line of lines) {
      await send(line);
      if (interactive) process.stdout.write('> ');
    }
  } finally {
    await terminal.stop();
    await runtime.close();
    await stopRecord();
    await redis.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof FlowFilesInvalidError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`chat: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});

/**
 * The terminal chat: talk to the real engine against Redis, as a customer on any channel.
 *
 *   npm run chat -- [--channel sms|email|chat|voice] [--from ADDRESS] [--lang zh|en] [--now ISO] [--json]
 *
 * Interactive on a terminal. Otherwise it reads one customer message per line (a literal `\n` inside a
 * line is a newline), prints the bot's replies, and exits 0 at the end of input; with `--json` exactly
 * one JSON object per input line. The same `--from` continues the same conversation across runs.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { manualClock, systemClock } from '../clock.js';
import { loadConfig, loadDotEnv } from '../config.js';
import { renderReply } from '../engine/render.js';
import type { ChannelKind, InboundMessage, Lang } from '../engine/types.js';
import { FlowFilesInvalidError } from '../flows/yaml-file.js';
import { createRuntime } from '../runtime.js';

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

/** Phone channels need E.164, like the Twilio adapter produces. */
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
  const runtime = createRuntime(config, { clock });
  const from = normaliseFrom(
    options.channel,
    options.from ?? DEFAULT_FROM[options.channel],
    config.DEFAULT_PHONE_REGION,
  );
  const style = options.channel === 'chat' ? 'buttons' : options.channel === 'voice' ? 'keypad' : 'numbered';

  const send = async (line: string) => {
    const text = line.replace(/\\n/g, '\n');
    const message: InboundMessage = {
      channel: options.channel,
      providerMessageId: `terminal-${randomUUID()}`,
      from,
      text,
      receivedAt: clock.now(),
      inline: true,
      ...(options.lang ? { langHint: options.lang } : {}),
    };
    const result = await runtime.desk.receive(message);
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
    for (const reply of result.replies) {
      const shown = renderReply(reply, result.session.lang, style);
      const buttons =
        style === 'buttons' && reply.choices?.length
          ? `\n  ${reply.choices.map((c, n) => `[${n + 1}] ${c}`).join('  ')}`
          : '';
      process.stdout.write(`bot> ${shown.replace(/\n/g, '\n     ')}${buttons}\n`);
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
    await runtime.close();
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

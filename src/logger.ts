/**
 * JSON logs (pino), one line per event; readable lines instead when the process runs on a terminal.
 * Phone numbers and email addresses are masked wherever they appear in a logged value, so logs can be
 * shipped without leaking customers' contact details.
 */
import { createHash } from 'node:crypto';
import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';

export type { Logger };

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
/**
 * Seven or more digits (spaces and dashes between), standing alone: not part of a case reference
 * (`SR-2612-0001`), an id or a date (`2026-11-26`), so log lines can still be tied to their case.
 */
const PHONE = /(?<![\w-])(?!\d{4}-\d{2}-\d{2})\+?\d(?:[\s-]?\d){6,}(?![\w-])/g;

/**
 * A web chat conversation's id in a URL: knowing it is all anyone needs to read the conversation, so a
 * log shows its short hash instead.
 */
const CONVERSATION_PATH = /(\/conversations\/)([A-Za-z0-9_-]{8,})/g;

/**
 * A short hash standing for a secret id in the logs (`#h3f9a0c12d4`): the same id, the same hash. The
 * letter keeps a run of digits in it from reading as a phone number to the masking below.
 */
export function logId(value: string): string {
  return `#h${createHash('sha256').update(value).digest('hex').slice(0, 10)}`;
}

/** A URL (or any text) with each conversation id in a path replaced by its short hash. */
export function hideConversationIds(value: string): string {
  return value.replace(CONVERSATION_PATH, (_m, head: string, id: string) => `${head}${logId(id)}`);
}

/**
 * Masks emails (`z***@example.cn`) and phone numbers (`+86******00`) inside a string, and a web chat
 * conversation's id in a path.
 */
export function maskContact(value: string): string {
  return hideConversationIds(value)
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(
      PHONE,
      (match: string) => `${match.startsWith('+') ? '+' : ''}***${match.replace(/\D/g, '').slice(-2)}`,
    );
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskContact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

/** Errors are serialised like pino does, then masked: a provider's message often quotes the number. */
function maskedError(error: unknown): unknown {
  if (!(error instanceof Error)) return maskDeep(error);
  return maskDeep(stdSerializers.err(error));
}

/** Where the log goes: the given stream, else readable lines on a terminal, else JSON on stdout. */
function destinationOf(options: { destination?: DestinationStream; pretty?: boolean }): DestinationStream {
  if (options.destination) return options.destination;
  // Masking happens before this point (formatters and hooks), so a pretty line hides the same details.
  if (options.pretty)
    return pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } });
  return process.stdout;
}

export function createLogger(
  options: { level?: string; name?: string; destination?: DestinationStream; pretty?: boolean } = {},
): Logger {
  return pino(
    {
      name: options.name ?? 'support-bot',
      level: options.level ?? 'info',
      base: undefined,
      serializers: { err: maskedError, error: maskedError },
      formatters: {
        log: (object) => maskDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // Mask the message string too: `log.info({...}, 'sent to +8613800138000')`.
          const masked = args.map((arg) => (typeof arg === 'string' ? maskContact(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destinationOf(options),
  );
}

/** A logger that writes nothing (tests, the terminal chat). */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * The shape an incoming activity must have before botbuilder sees it: botbuilder rejects a body without
 * `type` with an exception rather than a 400, and would reply to any serviceUrl. Only what we rely on
 * is checked; everything else passes through untouched.
 */
import { z } from 'zod';

/** Longer texts are not a customer typing: refused (the chat medium's own limit is 4,000). */
export const LONGEST_TEXT = 10_000;

/** The activity types the bot acts on; every other type is acknowledged quietly. */
export const HANDLED_TYPES = new Set(['message', 'conversationUpdate']);

/**
 * A party to the conversation. Its name, when given, must be a string: it is kept in the conversation
 * reference, and every later send (the outbox's) would fail on anything else.
 */
const account = z
  .object({ id: z.string().min(1).max(512), name: z.string().max(512).nullish() })
  .passthrough();

/** Members joining or leaving: a list of parties (botbuilder fails on anything else). */
const members = z.array(account).max(100, 'more than 100 members').optional();

/** The largest activity accepted (the app's limit for every body): a bigger one is refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

export const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).optional(),
    channelId: z.string().max(128).optional(),
    conversation: z
      .object({ id: z.string().min(1).max(1024) })
      .passthrough()
      .optional(),
    from: account.optional(),
    recipient: account.optional(),
    membersAdded: members,
    membersRemoved: members,
    text: z.string().max(LONGEST_TEXT, `text longer than ${LONGEST_TEXT} characters`).optional(),
    locale: z.string().max(64).optional(),
    attachments: z.array(z.unknown()).max(50).optional(),
  })
  .passthrough();

/** What a handled activity needs on top: where to reply (and, for a message, who it is from). */
export const handledSchema = z
  .object({
    type: z.string(),
    serviceUrl: z.string().min(1),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: account.optional(),
  })
  .passthrough()
  .refine((activity) => activity.type !== 'message' || activity.from, {
    message: 'a message needs from.id',
    path: ['from'],
  });

export type IncomingActivity = z.infer<typeof activitySchema>;

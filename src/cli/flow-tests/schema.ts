/**
 * The flow-test language: what a support manager writes in `flows/tests/*.yaml`. A transcript is a
 * conversation — the customer says this, the bot's reply must contain that — run against the real
 * engine and a real Redis. flows/tests/README.md documents this file for its readers; keep the two in
 * step.
 */
import { z } from 'zod';
import { strict } from './strict-object.js';

/** The channels a customer can write on; the medium changes how questions are asked. */
export const transcriptChannels = ['sms', 'email', 'chat', 'voice'] as const;

/** YAML reads `0`, `12315` or `true` as numbers and booleans; a customer's text is always a string. */
const text = z.union(
  [z.string(), z.number().transform(String), z.boolean().transform(String), z.null().transform(() => '')],
  { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') },
);

/** One string or a list of them (`reply_contains: 摔落` or `reply_contains: [摔落, 进水]`). */
const texts = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** An instant with its UTC offset, so a transcript means the same moment on every machine. */
export const instantSchema = z
  .string({ message: 'must be a date-time such as 2026-11-26T10:00:00+08:00' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/,
    'must be a date-time with its UTC offset, such as 2026-11-26T10:00:00+08:00',
  )
  .refine((value) => !Number.isNaN(new Date(value).getTime()), { message: 'is not a real date-time' });

/** How far the clock moves before a step (wall-clock time, not business hours). */
export const waitSchema = z
  .strictObject({
    minutes: z.number().nonnegative().optional(),
    hours: z.number().nonnegative().optional(),
    days: z.number().nonnegative().optional(),
  })
  .refine((wait) => Object.values(wait).some((value) => value !== undefined), {
    message: 'say how long: {minutes: N}, {hours: N} or {days: N}',
  });
export type Wait = z.infer<typeof waitSchema>;

export function waitMs(wait: Wait): number {
  return ((wait.days ?? 0) * 24 * 60 + (wait.hours ?? 0) * 60 + (wait.minutes ?? 0)) * 60_000;
}

/** A slot's expected value: a scalar, `null` (not filled), or some fields of an object value. */
const slotValue: z.ZodType<unknown> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
]);

/** What the case must look like after the step; only the fields written are checked. */
export const caseExpectSchema = strict({
  /** A case reference; `{{ref}}` works here too. */
  ref: text.optional(),
  status: z.enum(['open', 'waiting_customer', 'escalated', 'assigned', 'resolved', 'closed']).optional(),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).optional(),
  /** The team it is escalated to (`support`, `onsite`, `supervisor`), or `null` for none yet. */
  team: z.string().nullable().optional(),
  /** `bot`, `queue` or `staff:<name>`. */
  owner: z.string().optional(),
  /** The warranty decision: `replace`, `free_repair`, `paid_repair`, `needs_review`, `contract_repair`, or `null`. */
  warranty: z
    .enum(['replace', 'free_repair', 'paid_repair', 'needs_review', 'contract_repair'])
    .nullable()
    .optional(),
  /** The policy rule that decided it (`unit_period`, `main_part_period`, `expired`, `exclusion:accident`…). */
  warranty_rule: z.string().optional(),
  /** A reply deadline was promised (and is still pending). */
  deadline_set: z.boolean().optional(),
  /** The promised reply deadline, as an instant (compared as a moment in time, not as text). */
  deadline: instantSchema.optional(),
  /** The customer's explicit permission for a remote session is recorded on the case. */
  remote_consent: z.boolean().optional(),
  /** A satisfaction follow-up (回访) is scheduled. */
  followup_scheduled: z.boolean().optional(),
  /** Words the escalation reason staff see must contain. */
  reason_contains: texts.optional(),
  /** Flags the case must carry (`customer_absent`, `reschedule_requested`…). */
  flags: texts.optional(),
  /** The booked on-site window's start, or `null` for no appointment. */
  appointment_start: instantSchema.nullable().optional(),
  /** The paid repair quote's status (`sent`, `accepted`, `declined`, `expired`), or `null` for none. */
  quote: z.enum(['sent', 'accepted', 'declined', 'expired']).nullable().optional(),
});
export type CaseExpect = z.infer<typeof caseExpectSchema>;

/** What must be true after the bot has answered one customer message. Only what is written is checked. */
export const expectSchema = strict({
  /** Every string must appear in the bot's replies of this turn (ignoring upper/lower case). */
  reply_contains: texts.optional(),
  /** None of these strings may appear in the bot's replies of this turn. */
  reply_not_contains: texts.optional(),
  /** Regular expressions the replies must match (for texts that vary, such as a deadline). */
  reply_matches: texts
    .superRefine((patterns, ctx) => {
      patterns.forEach((pattern, n) => {
        try {
          new RegExp(pattern, 'iu');
        } catch {
          ctx.addIssue({
            code: 'custom',
            path: [n],
            message: `is not a valid regular expression: ${pattern}`,
          });
        }
      });
    })
    .optional(),
  /** The buttons / numbered options offered this turn, in order. */
  choices: z.array(text).optional(),
  /** `true`: the bot says nothing this turn; `false`: it says something. */
  no_reply: z.boolean().optional(),
  /** Slot values after the turn; `null` means not filled. Dates compare to the date (YYYY-MM-DD). */
  slots: z.record(z.string(), slotValue).optional(),
  /** The flow now running, or `null` when the conversation has ended. */
  flow: z.string().nullable().optional(),
  /** The step waiting for the customer's answer (a step `id` in the flow file), or `null`. */
  step: z.string().nullable().optional(),
  /** The language the bot now speaks: `zh` or `en`. */
  lang: z.enum(['zh', 'en']).optional(),
  /** The customer's current case after the turn, or `null` for none. */
  case: caseExpectSchema.nullable().optional(),
  /** The case was escalated (handed to staff) in this very turn. */
  escalated: z.boolean().optional(),
  /** The bot asked to put the caller through to a person (voice transfer). */
  handoff: z.boolean().optional(),
});
export type TurnExpect = z.infer<typeof expectSchema>;

/** A name for a customer inside one transcript (`from: other`). */
function customerNameSchema() {
  return z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/, 'must be a short lower-case name such as other or customer_b');
}
const customerName = customerNameSchema();

/**
 * Timers a step can make fall due instead of a customer message. `followup`: the satisfaction check
 * (回访) of the customer's latest case, normally sent FOLLOWUP_DELAY_HOURS after it was resolved.
 */
export const transcriptTimers = ['followup', 'visit_invite'] as const;

/**
 * What staff do between the customer's messages, as the staff API would: book the on-site visit
 * (`dispatch`, with the engineer and window) or mark the customer absent (`absent`). They act as a
 * supervisor, so no claim is needed first.
 */
export const staffStepSchema = strict({
  action: z.enum(['dispatch', 'absent', 'quote', 'resolve']),
  engineer: z.string().min(1).optional(),
  window: strict({ start: instantSchema, end: instantSchema }).optional(),
  note: z.string().optional(),
  /** `quote`: the items, currency and days of `POST /api/staff/cases/:ref/quote`. */
  items: z.array(strict({ description: z.string().min(1), amount: z.number().nonnegative() })).optional(),
  currency: z.string().optional(),
  validDays: z.number().int().positive().optional(),
  /** `resolve`: the maintenance record of `POST /api/staff/cases/:ref/resolve`. */
  record: z.record(z.string(), z.unknown()).optional(),
}).superRefine((staff, ctx) => {
  if (staff.action === 'dispatch' && (!staff.engineer || !staff.window)) {
    ctx.addIssue({ code: 'custom', path: ['window'], message: 'dispatch needs an engineer and a window' });
  }
  if (staff.action === 'quote' && !staff.items?.length) {
    ctx.addIssue({ code: 'custom', path: ['items'], message: 'quote needs its items' });
  }
  if (staff.action === 'resolve' && !staff.record) {
    ctx.addIssue({ code: 'custom', path: ['record'], message: 'resolve needs the maintenance record' });
  }
});
export type StaffStep = z.infer<typeof staffStepSchema>;

/**
 * A service contract registered before the first step, held by a customer of the transcript
 * (`holder`, default `customer`): their address on the transcript's channel becomes the contract's
 * phone or email. The other fields are those of the staff API (`POST /api/staff/contracts`).
 */
export const transcriptContractSchema = z
  .looseObject({ number: z.string().min(1), holder: customerNameSchema().default('customer') })
  .transform((value) => value as { number: string; holder: string } & Record<string, unknown>);

export const stepSchema = strict({
  /** What the customer writes (or says on the phone). `""` sends an empty message. */
  customer: z.union(text.options, { error: () => 'must be text' }).optional(),
  /**
   * Instead of a message: a timer falls due — `followup` for the customer's latest case, `visit_invite`
   * for the next planned visit of their contract (see transcriptTimers).
   */
  timer: z.enum(transcriptTimers).optional(),
  /** Instead of a message: staff act on the customer's latest case (see staffStepSchema). */
  staff: staffStepSchema.optional(),
  /** Who writes it; each name is a different customer with their own address. Default `customer`. */
  from: customerName.default('customer'),
  /** This message's channel, when it differs from the transcript's. */
  channel: z.enum(transcriptChannels).optional(),
  /** Set the clock to this moment before the message. */
  at: instantSchema.optional(),
  /** Move the clock forward before the message. */
  wait: waitSchema.optional(),
  /** A note for readers; ignored by the runner. */
  note: z.string().optional(),
  expect: expectSchema.default({}),
}).superRefine((step, ctx) => {
  const kinds = [step.customer, step.timer, step.staff].filter((value) => value !== undefined).length;
  if (kinds === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['customer'],
      message:
        'is missing: every step says what the customer writes ("" for an empty message), or names a `timer` or a `staff` action',
    });
  }
  if (kinds > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['timer'],
      message: 'a step is a customer message, a timer or a staff action, only one of them',
    });
  }
  if (step.at && step.wait) {
    ctx.addIssue({ code: 'custom', path: ['wait'], message: 'use `at` or `wait`, not both' });
  }
});
export type TranscriptStep = z.infer<typeof stepSchema>;

export const transcriptSchema = strict({
  /** Shown in the test output: what this conversation proves. */
  name: z.string().min(1),
  /** Longer explanation for readers; ignored by the runner. */
  description: z.string().optional(),
  /** The channel every message comes in on, unless a step says otherwise. */
  channel: z.enum(transcriptChannels).default('chat'),
  /** The clock at the first message (Shanghai business hours: Mon–Fri 09:00–18:00 +08:00). */
  now: instantSchema,
  /** Service contracts registered before the first step (see transcriptContractSchema). */
  contracts: z.array(transcriptContractSchema).default([]),
  steps: z.array(stepSchema).min(1, 'a transcript needs at least one step'),
});
export type Transcript = z.infer<typeof transcriptSchema>;

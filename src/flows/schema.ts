/**
 * The flow language: what a support manager may write in `flows/*.yaml`, as zod schemas.
 * Loading (with file:line:col errors) lives in load.ts; the meaning of each step in src/engine.
 * flows/README.md documents this file for its readers; keep the two in step.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case (letters, digits, _), starting with a letter');

/** Every text the bot can send exists in both languages. */
export const textSchema = z.strictObject({
  zh: z.string().min(1, 'the Chinese text is empty'),
  en: z.string().min(1, 'the English text is empty'),
});
export type Text = z.infer<typeof textSchema>;

/** Words per language: keywords, synonyms, triggers. */
/** A word list; bare numbers (`12315`) are words too. */
export const wordsSchema = z.array(z.union([z.string().min(1), z.number().transform(String)]));

export const lexiconSchema = z.strictObject({
  zh: wordsSchema.default([]),
  en: wordsSchema.default([]),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

/**
 * Example messages for an intent, as customers would write them, in both languages. The intent
 * classifier learns from them at start-up; `flows:check` reports intents with too few and examples
 * given to two intents.
 */
export const examplesSchema = z.strictObject({
  zh: z.array(z.string().min(1)).default([]),
  en: z.array(z.string().min(1)).default([]),
});
export type Examples = z.infer<typeof examplesSchema>;

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const slotTypes = [
  'text',
  'choice',
  'yes_no',
  'date',
  'serial',
  'phone',
  'email',
  'address',
  'number',
  'description',
] as const;
export type SlotType = (typeof slotTypes)[number];

export const choiceOptionSchema = z.strictObject({
  value: id,
  label: textSchema,
  /** Other words customers use for this option ("本本", "notebook", "ThinkPad"). */
  synonyms: lexiconSchema.optional(),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

export const slotSchema = z
  .strictObject({
    type: z.enum(slotTypes),
    /** How the slot is named to the customer (email lists, summaries). */
    label: textSchema,
    /** For `choice`: the options, in the order they are offered (numbered from 1). */
    choices: z.array(choiceOptionSchema).min(2).optional(),
    /**
     * Words that introduce the value ("序列号", "S/N", "serial") or, for `description`, words that show
     * the customer is describing the problem ("开不了机", "won't turn on").
     */
    keywords: lexiconSchema.optional(),
    /** For `serial` and `text`: the value's shape, e.g. `[A-Z0-9]{8,12}`. */
    pattern: regexSource.optional(),
    /** For `date`: reject dates in the future (purchase dates). */
    past: z.boolean().default(true),
    /**
     * For `date`: also take a date written with its year that no cue word claims ("printer jams, 2 May
     * 2024"), when nothing better is present. Such a date is marked unconfirmed (`unconfirmed.<slot>`
     * in conditions) so the flow can check it with the customer before a decision depends on it.
     */
    fallback: z.boolean().default(false),
    /** For `number`: bounds. */
    min: z.number().optional(),
    max: z.number().optional(),
    /**
     * `any_message` (default): filled from whatever the customer writes, so one message can fill several
     * slots; `when_asked`: only from the answer to its own question.
     */
    fill: z.enum(['any_message', 'when_asked']).default('any_message'),
  })
  .superRefine((slot, ctx) => {
    if (slot.type === 'choice' && !slot.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice slot needs `choices`' });
    }
    if (slot.type !== 'choice' && slot.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `\`choices\` only applies to type choice` });
    }
  });
export type Slot = z.infer<typeof slotSchema>;

/** Conditions for `branch`. `value` names a slot or an action result (`warranty.decision`). */
export type Condition =
  | { value: string; equals: string | number | boolean }
  | { value: string; in: Array<string | number | boolean> }
  | { value: string; filled: boolean }
  | { channel: string | string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ value: z.string().min(1), equals: scalar }),
    z.strictObject({ value: z.string().min(1), in: z.array(scalar).min(1) }),
    z.strictObject({ value: z.string().min(1), filled: z.boolean() }),
    z.strictObject({ channel: z.union([z.string(), z.array(z.string())]) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export const prioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);
export type Priority = z.infer<typeof prioritySchema>;

export const escalationSchema = z.strictObject({
  team: id,
  priority: prioritySchema.default('normal'),
  reason: textSchema,
});
export type Escalation = z.infer<typeof escalationSchema>;

const stepId = id.optional();
const next = id.optional();

const sayStep = z.strictObject({ id: stepId, say: textSchema, next });
const askStep = z.strictObject({
  id: stepId,
  ask: id,
  prompt: textSchema,
  /** Said after an answer that could not be understood; defaults to the prompt with a format hint. */
  reprompt: textSchema.optional(),
  /** Failed answers before the bot hands over to a person; defaults to the bot setting (2). */
  retries: z.number().int().min(0).max(10).optional(),
  /** Ask even when the slot already has a value (confirmation questions). */
  always: z.boolean().default(false),
  next,
});
const branchStep = z.strictObject({
  id: stepId,
  branch: z
    .array(z.strictObject({ when: conditionSchema.optional(), goto: id }))
    .min(1)
    .refine((arms) => arms.at(-1)?.when === undefined, {
      message: 'the last arm must have no `when` (the otherwise case)',
    }),
});
const actionStep = z.strictObject({
  id: stepId,
  action: id,
  args: z.record(z.string(), z.unknown()).default({}),
  /** Name under which the action's result is kept (default: the action's name). */
  as: id.optional(),
  /** Jump by the action's outcome; an outcome not listed continues with `next` / the next step. */
  on: z.record(z.string(), id).optional(),
  next,
});
const escalateStep = z.strictObject({
  id: stepId,
  escalate: escalationSchema,
  /** On the phone, put the caller through to a person now (in business hours). */
  transfer: z.boolean().default(false),
  /** Said before the deadline promise. */
  say: textSchema.optional(),
});
const endStep = z.strictObject({
  id: stepId,
  end: z.union([
    z.literal(true),
    z.strictObject({
      say: textSchema.optional(),
      /** What happens to the open case: `resolve` (fixed by the bot) or `keep` (default). */
      case: z.enum(['resolve', 'keep']).default('keep'),
    }),
  ]),
});
const flowStep = z.strictObject({
  id: stepId,
  /** Continue in another flow (keeps the slots that flow shares with this one). */
  flow: id,
});

const stepKinds = {
  ask: askStep,
  branch: branchStep,
  action: actionStep,
  escalate: escalateStep,
  end: endStep,
  flow: flowStep,
  say: sayStep,
} as const;
const stepKeys = Object.keys(stepKinds) as Array<keyof typeof stepKinds>;

type AnyStep =
  | z.infer<typeof sayStep>
  | z.infer<typeof askStep>
  | z.infer<typeof branchStep>
  | z.infer<typeof actionStep>
  | z.infer<typeof escalateStep>
  | z.infer<typeof endStep>
  | z.infer<typeof flowStep>;

/**
 * A step is picked by its key (ask, branch, action, escalate, end, flow, say — `escalate` may also
 * carry a `say`), then validated against that kind alone, so errors name the real problem instead of
 * "no union member matched".
 */
export const stepSchema = z.unknown().transform((value, ctx): AnyStep => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `a step must be a mapping with one of: ${stepKeys.join(', ')}` });
    return z.NEVER;
  }
  const kind = stepKeys.find((key) => key in value);
  if (!kind) {
    ctx.addIssue({ code: 'custom', message: `a step needs one of: ${stepKeys.join(', ')}` });
    return z.NEVER;
  }
  const parsed = stepKinds[kind].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  }
  return parsed.data;
});
export type SayStep = z.infer<typeof sayStep>;
export type AskStep = z.infer<typeof askStep>;
export type BranchStep = z.infer<typeof branchStep>;
export type ActionStep = z.infer<typeof actionStep>;
export type EscalateStep = z.infer<typeof escalateStep>;
export type EndStep = z.infer<typeof endStep>;
export type FlowStep = z.infer<typeof flowStep>;
export type Step = z.infer<typeof stepSchema>;

export const flowSchema = z.strictObject({
  id,
  title: textSchema,
  /** How a new conversation picks this flow: keywords per language; one flow is the default. */
  trigger: z
    .strictObject({
      zh: wordsSchema.default([]),
      en: wordsSchema.default([]),
      default: z.boolean().default(false),
      /** Also start when the message describes a symptom the knowledge base knows ("keeps jamming"). */
      symptoms: z.boolean().default(false),
      /** Messages that mean "start this flow", for the intent classifier. */
      examples: examplesSchema.optional(),
    })
    .optional(),
  /** Open a case as soon as this flow starts (fault reports); other flows open one only to escalate. */
  opens_case: z.boolean().default(false),
  slots: z.record(id, slotSchema).default({}),
  steps: z.array(stepSchema).min(1),
});
export type Flow = z.infer<typeof flowSchema>;

/** Global intents: work at any step of any flow. Order in the file is precedence. */
export const intentSchema = z.strictObject({
  id,
  match: z.strictObject({
    zh: wordsSchema.default([]),
    en: wordsSchema.default([]),
    /** Exact keypad/short answers ("0"). */
    exact: wordsSchema.default([]),
    /** Regular expressions, tried on the whole message ("SR-\\d{4}-\\d{4}"). */
    patterns: z.array(regexSource).default([]),
    /** A shouted message (mostly capital letters, several words) counts as a match. */
    all_caps: z.boolean().default(false),
  }),
  /** Messages that mean this intent, for the intent classifier (the words above stay as a floor). */
  examples: examplesSchema.optional(),
  /** Match only when the keyword is (nearly) the whole message ("help", "帮助"), not inside a sentence. */
  whole_message: z.boolean().default(false),
  /** The flow to run. */
  flow: id,
  /** After that flow ends, go back to the question that was interrupted. */
  resume: z.boolean().default(false),
});
export type Intent = z.infer<typeof intentSchema>;

export const botTextsSchema = z.strictObject({
  /** Reply to a message in neither Chinese nor English. */
  other_language: textSchema,
  /** Reply to an empty or unreadable message. */
  empty_message: textSchema,
  /** Said when the bot gives up on a question and hands over. */
  misunderstood: textSchema,
  /** Prefix of an email that lists several questions. */
  email_questions_intro: textSchema,
  /** Added when a choice question is asked again (unless the step has its own reprompt). */
  choices_hint: textSchema,
  /** Added when a yes/no question is asked again (unless the step has its own reprompt). */
  yes_no_hint: textSchema,
  /** The reply-deadline promise: `{{deadline}}`, `{{ref}}`, `{{team}}` are filled in. */
  deadline_promise: textSchema,
  /** Outside business hours: `{{back}}` is when the team is back. */
  after_hours: textSchema,
  /** Quiet acknowledgement while a person handles the case (outside business hours only). */
  staff_owned_ack: textSchema,
  /** The bot failed on a message: it is recorded and staff are told. */
  engine_error: textSchema,
  /** On-site appointment booked: `{{start}}`, `{{end}}`, `{{engineer}}`, `{{ref}}`. */
  appointment_booked: textSchema,
  /** The day before the visit: `{{start}}`, `{{end}}`, `{{ref}}`. */
  appointment_reminder: textSchema,
  /** The engineer is running late (the plan: call ahead if late): `{{eta}}`, `{{ref}}`. */
  engineer_late: textSchema,
  /** The maintenance record summary sent on resolution: `{{found}}`, `{{cause}}`, `{{actions}}`, `{{parts}}`, `{{engineer}}`, `{{ref}}`. */
  record_summary: textSchema,
  /** One honest update when a promised deadline passes: `{{deadline}}` is the new one, `{{ref}}`. */
  breach_update: textSchema,
  /** A voice call nobody could take: the callback promise; `{{deadline}}`, `{{ref}}`. */
  callback_promise: textSchema,
  /** The customer asked to move an on-site appointment: `{{ref}}`, `{{engineer}}`, `{{request}}`. */
  appointment_move_noted: textSchema,
  /** The customer asked to cancel it: `{{ref}}`, `{{engineer}}`. */
  appointment_cancel_noted: textSchema,
  /** An inspection finding opened a fault case: `{{finding}}`, `{{new_ref}}`, `{{deadline}}`, `{{ref}}`. */
  finding_case: textSchema,
  /** A person took the conversation over from the bot: `{{staff}}`, `{{ref}}`. */
  staff_took_over: textSchema,
  /** The code the customer reads out to the engineer to confirm the record on site: `{{code}}`, `{{ref}}`. */
  onsite_confirm_code: textSchema,
});
export type BotTexts = z.infer<typeof botTextsSchema>;

/**
 * Texts only one medium needs: a call has a greeting, silence and a transfer; SMS has the carrier's
 * STOP/START/HELP replies. `{{contact.*}}` comes from the policy.
 */
/**
 * Texts a channel says around the flows (a call's greeting, the SMS opt-out confirmation), keyed by the
 * channel's name and then the text's; each channel names the keys it needs and start-up checks them.
 */
export const channelTextsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a channel name: lower-case letters, digits, _ and -'),
  z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a text key: lower-case letters, digits and _'), textSchema),
);
export type ChannelTexts = z.infer<typeof channelTextsSchema>;

/** How messages are understood when no keyword decides (see flows/README.md). */
export const understandingSchema = z.strictObject({
  /** The fault-report flow: evidence (a product, symptom or serial) leads there, its slots are the facts. */
  fault_flow: id,
  /**
   * A general warranty question (a part or a kind of product, not the customer's own unit: "电池保吗",
   * "are keyboards covered under warranty") starts this flow, whatever else the classifier leans to.
   */
  warranty_terms_flow: id.optional(),
  /** Below this confidence the bot asks which of the two likeliest intents the customer means. */
  threshold: z.number().min(0).max(1).default(0.6),
  /** At least this confidence: a global intent interrupts a question whose answer was not understood. */
  high_confidence: z.number().min(0).max(1).default(0.85),
  /** Below this, the message is not worth a clarifying question: the default flow (menu) starts. */
  floor: z.number().min(0).max(1).default(0.3),
  /** Fewest examples per language an intent needs. */
  min_examples: z.number().int().min(1).default(5),
  /** The clarifying question; the two likeliest intents are offered as choices. */
  clarify: textSchema,
});
export type Understanding = z.infer<typeof understandingSchema>;

export const botSchema = z.strictObject({
  /** Failed answers to one question before handing over to a person. */
  max_retries: z.number().int().min(0).max(10).default(2),
  /** Where a misunderstanding goes. */
  misunderstood_escalation: escalationSchema,
  /** A conversation idle this long starts afresh on the next message. */
  session_idle_hours: z.number().positive().default(72),
  /** Flow for a question neither a flow nor the FAQ can answer (it promises a reply deadline). */
  question_flow: id,
  /** Flow for the satisfaction follow-up (回访) sent after a case is resolved. */
  followup_flow: id.optional(),
  /** Flow for confirming a maintenance record after staff resolve a case. */
  confirm_record_flow: id.optional(),
  intents: z.array(intentSchema).default([]),
  /**
   * Words that ask to move or cancel an on-site appointment (plan 2 (3)). Only read while the case has
   * an appointment, so "Thursday instead" in a triage is not taken for one.
   */
  appointment_change: z
    .strictObject({ move: lexiconSchema, cancel: lexiconSchema })
    .default({ move: { zh: [], en: [] }, cancel: { zh: [], en: [] } }),
  understanding: understandingSchema,
  texts: botTextsSchema,
  channel_texts: channelTextsSchema,
});
export type BotSettings = z.infer<typeof botSchema>;

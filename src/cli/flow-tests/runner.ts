/**
 * Runs one flow test: a fresh runtime on its own random key prefix and a clock the transcript
 * controls, one customer message per step through the real desk (the same path every channel takes),
 * each turn compared with the step's expectations. The prefix's keys are deleted afterwards, so
 * transcripts are independent of each other and of whatever else lives in that Redis.
 */
import { randomUUID } from 'node:crypto';
import { manualClock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Content } from '../../content.js';
import type { SourcePosition } from '../../flows/yaml-file.js';
import type { ChannelKind, InboundMessage } from '../../port/messages.js';
import { createRuntime, type Runtime } from '../../runtime.js';
import { customerAddress } from './addresses.js';
import { deletePrefixKeys } from './cleanup.js';
import { compareTurn, type ObservedTurn } from './expect.js';
import type { LoadedTranscript } from './load.js';
import { type TranscriptStep, type TurnExpect, waitMs } from './schema.js';
import {
  registerTranscriptContracts,
  runStaffStep,
  runVisitInvite,
  transcriptCustomer,
} from './service-plan-steps.js';
import { runTimer } from './timers.js';

export interface TranscriptRunOptions {
  /** The runtime's settings (REDIS_URL…); REDIS_KEY_PREFIX is replaced by a fresh one. */
  config: Config;
  /** The flows, policy and knowledge base under test, loaded once for all transcripts. */
  content: Content;
  /** Key prefix for this run. @defaultValue `flowtest-<random>` */
  prefix?: string;
  /** Leave the keys in Redis after the run, to look at them. @defaultValue false */
  keepKeys?: boolean;
}

/** A step whose expectations were not met (or that could not run). */
export interface StepFailure {
  /** 1-based, as people count. */
  step: number;
  /** Where the step starts in the transcript file. */
  position: SourcePosition;
  /** What the customer wrote in that step ('' for a timer step). */
  said: string;
  /** The timer that fell due, for a timer step. */
  timer?: string;
  message: string;
}

export interface TranscriptResult {
  file: string;
  name: string;
  passed: boolean;
  /** Steps run (a run stops at the first failing step: later ones would fail for the same reason). */
  stepsRun: number;
  stepsTotal: number;
  failures: StepFailure[];
  prefix: string;
  durationMs: number;
}

/** `flows/tests/x.yaml:12:5 step 3 ("否"): reply should contain "摔落" but was: …` */
export function formatFailure(failure: StepFailure): string {
  const { file, line, col } = failure.position;
  const chars = [...failure.said.replace(/\s+/g, ' ')];
  const said = chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
  const what = failure.timer
    ? failure.timer.startsWith('staff ')
      ? failure.timer
      : `timer ${failure.timer}`
    : JSON.stringify(said);
  return `${file}:${line}:${col} step ${failure.step} (${what}): ${failure.message}`;
}

/** Thrown for a transcript mistake found while running (a `{{ref}}` with no case yet). */
class TranscriptStepError extends Error {}

/** Case references seen so far, per customer name, for `{{ref}}` / `{{ref:name}}`. */
function placeholderFiller(refs: Map<string, string>, speaker: string) {
  return (text: string): string =>
    text.replace(/\{\{\s*ref(?::([a-z][a-z0-9_-]*))?\s*\}\}/g, (_match, name: string | undefined) => {
      const who = name ?? speaker;
      const ref = refs.get(who);
      if (!ref) throw new TranscriptStepError(`{{ref${name ? `:${name}` : ''}}}: ${who} has no case yet`);
      return ref;
    });
}

/** Only some expectations need the whole stored case; reading it costs a round trip. */
function needsStoredCase(expect: TurnExpect): boolean {
  const wanted = expect.case;
  return Boolean(
    wanted &&
      (wanted.remote_consent !== undefined ||
        wanted.followup_scheduled !== undefined ||
        wanted.reason_contains !== undefined ||
        wanted.flags !== undefined ||
        wanted.appointment_start !== undefined ||
        wanted.quote !== undefined),
  );
}

/** What the runner remembers per customer name across steps. */
interface Customer {
  customerId: string;
  channel: ChannelKind;
  address: string;
}

async function runStep(
  runtime: Runtime,
  loaded: LoadedTranscript,
  step: TranscriptStep,
  index: number,
  refs: Map<string, string>,
  customers: Map<string, Customer>,
  prefix: string,
): Promise<string[]> {
  const fill = placeholderFiller(refs, step.from);
  const itemId = `${prefix}-${index + 1}`;
  let observed: ObservedTurn;
  if (step.timer === 'visit_invite') {
    const invited = await runVisitInvite(runtime, loaded, step.from, itemId);
    if ('problem' in invited) throw new TranscriptStepError(invited.problem);
    const { channel, address, customerId } = transcriptCustomer(loaded, step.from);
    customers.set(step.from, { customerId, channel, address });
    refs.set(step.from, invited.ref);
    observed = invited.observed;
  } else if (step.timer || step.staff) {
    const customer = customers.get(step.from);
    const ref = refs.get(step.from);
    const what = step.timer ? `timer ${step.timer}` : `staff ${step.staff!.action}`;
    if (!customer || !ref) throw new TranscriptStepError(`${what}: ${step.from} has no case yet`);
    observed = step.staff
      ? await runStaffStep(runtime, step.staff, { ...customer, ref }, itemId)
      : await runTimer(runtime, 'followup', { ...customer, ref }, itemId);
  } else {
    const channel = step.channel ?? loaded.transcript.channel;
    const address = customerAddress(channel, loaded.file, step.from);
    const message: InboundMessage = {
      channel,
      providerMessageId: itemId,
      from: address,
      text: fill(step.customer ?? ''),
      receivedAt: runtime.clock.now(),
      // The runner reads the replies itself, like the terminal chat: nothing goes to the outbox.
      inline: true,
    };
    const result = await runtime.desk.receive(message);
    customers.set(step.from, { customerId: result.customerId, channel, address });
    if (result.case) refs.set(step.from, result.case.ref);
    const storedCase =
      result.case && needsStoredCase(step.expect) ? await runtime.cases.get(result.case.ref) : null;
    observed = {
      replies: result.replies,
      session: result.session,
      case: result.case,
      storedCase,
      signals: result.signals,
    };
  }
  return compareTurn(step.expect, observed, fill).map((mismatch) => mismatch.message);
}

export async function runTranscript(
  loaded: LoadedTranscript,
  options: TranscriptRunOptions,
): Promise<TranscriptResult> {
  const started = performance.now();
  const { transcript } = loaded;
  const prefix = options.prefix ?? `flowtest-${randomUUID().slice(0, 12)}`;
  const clock = manualClock(transcript.now);
  const runtime = createRuntime(
    { ...options.config, REDIS_KEY_PREFIX: prefix },
    { clock, content: options.content },
  );
  const refs = new Map<string, string>();
  const customers = new Map<string, Customer>();
  const failures: StepFailure[] = [];
  let stepsRun = 0;
  try {
    for (const problem of await registerTranscriptContracts(runtime, loaded)) {
      failures.push({ step: 1, position: loaded.stepPosition(0), said: '', message: problem });
    }
    for (const [index, step] of failures.length > 0 ? [] : transcript.steps.entries()) {
      if (step.at) clock.set(step.at);
      if (step.wait) clock.advance(waitMs(step.wait));
      stepsRun++;
      const fail = (message: string) =>
        failures.push({
          step: index + 1,
          position: loaded.stepPosition(index),
          said: step.customer ?? '',
          ...(step.timer ? { timer: step.timer } : {}),
          ...(step.staff ? { timer: `staff ${step.staff.action}` } : {}),
          message,
        });
      try {
        for (const message of await runStep(runtime, loaded, step, index, refs, customers, prefix))
          fail(message);
      } catch (error) {
        if (error instanceof TranscriptStepError) fail(error.message);
        else fail(`the bot failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (failures.length > 0) break;
    }
  } finally {
    try {
      if (!options.keepKeys) await deletePrefixKeys(runtime.redis, prefix);
    } finally {
      await runtime.close();
    }
  }
  return {
    file: loaded.file,
    name: transcript.name,
    passed: failures.length === 0,
    stepsRun,
    stepsTotal: transcript.steps.length,
    failures,
    prefix,
    durationMs: Math.round(performance.now() - started),
  };
}

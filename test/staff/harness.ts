/**
 * The staff API under test: a real runtime on the test Redis, the real app built with buildApp, and
 * helpers to add staff, call the API with a token, and escalate real conversations into the queues.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { silentLogger } from '../../src/logger.js';
import type { ChannelAdapter, ChannelSender } from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { startWorkers, type Workers } from '../../src/queues/workers.js';
import type { RecordConnection } from '../../src/record/open.js';
import { type AppPlugin, buildApp } from '../../src/server/app.js';
import { createStaffAccounts, type StaffAccounts, type StaffRole } from '../../src/staff/accounts.js';
import { staffApiPlugin } from '../../src/staff/plugin.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

export interface Caller {
  token: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface StaffHarness {
  runtime: TestRuntime;
  app: FastifyInstance;
  accounts: StaffAccounts;
  sent: OutboundMessage[];
  addStaff(name: string, role: StaffRole, teams: string[]): Promise<Caller>;
  as(token: string): Caller;
  /** Runs a real conversation that escalates; returns the case reference. */
  escalate(from: string, text: string): Promise<string>;
  /** Starts the outbox (and timer) workers with a test SMS/email/chat sender. */
  startOutbox(): Workers;
  close(): Promise<void>;
}

let messageSeq = 0;

export interface StaffHarnessOptions {
  now?: string;
  /** Settings for the runtime (channel settings, e.g. SMTP_*), and the channel adapters built from them. */
  env?: Record<string, string>;
  channels?: readonly ChannelAdapter[];
  /** More plugins mounted next to the staff API (the console), given the same runtime and accounts. */
  plugins?: (runtime: TestRuntime, accounts: StaffAccounts) => AppPlugin[];
  /** The record (PostgreSQL) the runtime reads lists, search and customers from. */
  record?: RecordConnection;
}

export async function staffHarness(options: StaffHarnessOptions = {}): Promise<StaffHarness> {
  const runtime = createTestRuntime(options);
  const accounts = createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
  const app = await buildApp({
    logger: silentLogger,
    // Requests from the test itself come through a proxy on loopback (X-Forwarded-Proto is believed).
    trustProxy: ['127.0.0.1'],
    plugins: [
      { name: 'staff', plugin: staffApiPlugin(runtime, accounts) },
      ...(options.plugins?.(runtime, accounts) ?? []),
    ],
  });
  const sent: OutboundMessage[] = [];
  let workers: Workers | undefined;

  const as = (token: string): Caller => ({
    token,
    get: (url) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    post: (url, body, headers = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  });

  return {
    runtime,
    app,
    accounts,
    sent,
    as,
    async addStaff(name, role, teams) {
      const { token } = await accounts.add({ name, role, teams });
      return as(token);
    },
    async escalate(from, text) {
      messageSeq += 1;
      const channel = from.includes('@') ? 'email' : 'sms';
      const result = await runtime.desk.receive({
        channel,
        providerMessageId: `staff-test-${messageSeq}-${from}`,
        from,
        text,
        receivedAt: runtime.clock.now(),
      });
      if (result.case?.status !== 'escalated') {
        throw new Error(`"${text}" did not escalate: ${JSON.stringify(result.case)}`);
      }
      return result.case.ref;
    },
    startOutbox() {
      const sender = (kind: ChannelSender['kind']): ChannelSender => ({
        kind,
        provider: 'test',
        async send(message) {
          sent.push(message);
          return { providerId: `test-${message.id}` };
        },
      });
      workers = startWorkers(runtime, [sender('sms'), sender('email'), sender('chat')]);
      return workers;
    },
    async close() {
      await workers?.close();
      await app.close();
      await runtime.close();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a deadline breach for a case's promise, as the deadlines worker would when it fires. */
export async function fireBreach(runtime: TestRuntime, ref: string, n: number): Promise<void> {
  const customerId = (await runtime.cases.customerOf(ref))!;
  await runtime.desk.command(
    customerId,
    'deadline.breach',
    { ref, customerId, n, stage: 'breach' },
    { id: `job-${ref}-p${n}-breach`, caseRef: ref },
  );
}

/**
 * An out-of-warranty customer accepts a 1,280 CNY quote by SMS: every customer text arrives through the
 * signed Twilio webhook, staff quote through the staff API on the same runtime, the quote goes out through
 * the outbox and the real twilio client to the stand-in, and the customer's "同意" marks it accepted.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { buildApp } from '../../../src/server/app.js';
import { createStaffAccounts } from '../../../src/staff/accounts.js';
import { staffApiPlugin } from '../../../src/staff/plugin.js';
import { createHarness, type Harness } from './support/harness.js';
import { smsParams } from './support/requests.js';

let harness: Harness;
let staffApp: FastifyInstance;
let token: string;

beforeAll(async () => {
  harness = await createHarness();
  harness.startWorkers();
  const accounts = createStaffAccounts(
    harness.runtime.redis,
    harness.runtime.config.REDIS_KEY_PREFIX,
    harness.runtime.clock,
  );
  token = (await accounts.add({ name: 'alice', role: 'agent', teams: ['support'] })).token;
  staffApp = await buildApp({
    logger: silentLogger,
    plugins: [{ name: 'staff', plugin: staffApiPlugin(harness.runtime, accounts) }],
  });
});
afterAll(async () => {
  await staffApp.close();
  await harness.close();
});

const staff = (url: string, payload?: Record<string, unknown>) =>
  staffApp.inject({
    method: payload ? 'POST' : 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

async function text(from: string, body: string): Promise<void> {
  const answer = await harness.post('/webhooks/twilio/sms', smsParams(from, body));
  expect(answer.status).toBe(200);
}

describe('a paid repair quote accepted by SMS', () => {
  it('out of warranty: the customer asks for a quote, reads 1,280.00 CNY by SMS, replies 同意, and the case shows it accepted', async () => {
    const from = '+8613800199001';
    await text(from, '笔记本去年摔过一次，现在开不了机，序列号 PF2SMS128，2023年1月买的');
    await text(from, '好的，麻烦报个价');
    const ref = (await harness.runtime.cases.get((await harness.transcriptOf(from)).at(-1)!.case!))!.ref;
    const kase = await harness.caseOf(ref);
    expect(kase).toMatchObject({ status: 'escalated', warranty: { decision: 'paid_repair' } });

    expect((await staff('/api/staff/cases/next', { team: 'support' })).json().case.ref).toBe(ref);
    const quoted = await staff(`/api/staff/cases/${ref}/quote`, {
      items: [
        { description: '更换主板', amount: 1080 },
        { description: '工时费', amount: 200 },
      ],
      currency: 'CNY',
      validDays: 7,
    });
    expect(quoted.statusCode).toBe(201);

    const texts = await harness.textsTo(from, 3);
    const quoteText = texts.map((t) => t.Body!).find((body) => body.includes('报价如下'))!;
    expect(quoteText).toContain(`您的工单 ${ref} 为保外有偿维修`);
    expect(quoteText).toContain('2. 工时费: 200.00 CNY');
    expect(quoteText).toContain('合计：1,280.00 CNY');
    // SMS has no buttons: the choices are numbered, so "1" accepts as well as "同意".
    expect(quoteText).toContain('回复 1 同意报价，2 不修了');

    await text(from, '同意');
    const accepted = await harness.caseOf(ref);
    expect(accepted.quote).toMatchObject({
      status: 'accepted',
      total: 1280,
      currency: 'CNY',
      decidedAt: harness.runtime.clock.now().toISOString(),
    });
    const detail = (await staff(`/api/staff/cases/${ref}`)).json();
    expect(detail.quote).toMatchObject({ status: 'accepted', total: 1280, currency: 'CNY' });
    const confirmation = (await harness.textsTo(from, texts.length + 1)).at(-1)!.Body!;
    expect(confirmation).toContain('已确认您同意报价（合计 1,280.00 CNY）');
  });
});

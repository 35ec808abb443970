/**
 * Emailing the printable maintenance record from the console, through the outbox and the real email
 * channel to a real SMTP server (no mailbox needed for sending): to the address a customer wrote from
 * by email, or to one typed for a customer who came by SMS; in the customer's language, with the case
 * reference in the subject; recorded in the audit trail. Without email configured the action is not
 * offered and answers 409; someone who may not see the case gets 403.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../../channels/email/adapter.js';
import type { ChannelSender } from '../../src/port/channel.js';
import { type ChannelWiring, startChannels } from '../../src/port/wiring.js';
import { startWorkers, type Workers } from '../../src/queues/workers.js';
import { caseAudit } from '../../src/staff/audit.js';
import { type SmtpSink, startSmtpSink } from '../channels/email/support/smtp-sink.js';
import { waitFor } from '../staff/harness.js';
import { testConfig } from '../support/runtime.js';
import {
  type ConsoleClient,
  type ConsoleHarness,
  consoleHarness,
  csrfOf,
  formHeaders,
  formKeyOf,
} from './harness.js';

let sink: SmtpSink;
let h: ConsoleHarness;
let wiring: ChannelWiring;
let workers: Workers;
let alice: ConsoleClient;
let phone = 0;

/** SMS and chat replies of the conversations go here; only email goes out for real. */
const quietSender = (kind: ChannelSender['kind']): ChannelSender => ({
  kind,
  provider: 'test',
  send: async (message) => ({ providerId: `test-${message.id}` }),
});

/** Posts a form as the browser does, with the page's CSRF token. */
function postForm(
  harness: ConsoleHarness,
  client: ConsoleClient,
  url: string,
  page: string,
  pairs: Array<[string, string]>,
): Promise<LightMyRequestResponse> {
  return harness.app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, cookie: client.cookie },
    payload: new URLSearchParams([['_csrf', csrfOf(page)], ...pairs]).toString(),
  });
}

/** A customer escalates, `client` takes the case and resolves it with a record; returns the ref. */
async function resolvedCase(
  harness: ConsoleHarness,
  client: ConsoleClient,
  from: string,
  text: string,
): Promise<string> {
  const ref = await harness.escalate(from, text);
  for (let tries = 0; tries < 5; tries++) {
    const taken = await client.post('/console/take', { team: 'support' });
    if (taken.headers.location === `/console/cases/${ref}`) break;
  }
  const page = (await client.get(`/console/cases/${ref}`)).body;
  const resolved = await postForm(harness, client, `/console/cases/${ref}/resolve`, page, [
    ['_key', formKeyOf(page, 'resolve')],
    ['faultReported', '打印机卡纸'],
    ['faultFound', '搓纸轮磨损'],
    ['cause', '长期使用老化'],
    ['actions', '更换搓纸轮，清洁纸道'],
    ['part', '搓纸轮'],
    ['coverage', 'warranty'],
    ['engineer', 'alice'],
    ['finishedAt', '2026-11-26T09:40'],
    ['mode', 'onsite'],
  ]);
  expect(resolved.statusCode).toBe(303);
  expect((await harness.runtime.cases.get(ref))?.record).toBeTruthy();
  return ref;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const env = {
    // The mailbox is never reached (nothing listens on port 1): sending needs only SMTP.
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: '1',
    IMAP_SECURE: 'false',
    IMAP_USER: 'support',
    IMAP_PASSWORD: 'pw',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_SECURE: 'false',
    SMTP_USER: 'bot',
    SMTP_PASSWORD: 'pw',
    SUPPORT_EMAIL_FROM: '"客服 Support" <support@example.test>',
  };
  const email = emailChannel.build(testConfig(env).env);
  h = await consoleHarness({}, { env, channels: [email] });
  wiring = await startChannels(h.runtime);
  workers = startWorkers(h.runtime, [...wiring.senders, quietSender('sms'), quietSender('chat')]);
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
});

afterAll(async () => {
  await workers?.close();
  await wiring?.stop();
  await h?.close();
  await sink?.close();
});

describe('emailing the maintenance record', () => {
  it('sends the record in Chinese to an address typed for an SMS customer, and audits it', async () => {
    phone += 1;
    const ref = await resolvedCase(h, alice, `+86138003${String(phone).padStart(5, '0')}`, '转人工');
    const page = (await alice.get(`/console/cases/${ref}/record`)).body;
    expect(page).toContain(`action="/console/cases/${ref}/record/email"`);
    expect(page).toContain('name="to" type="email" required');

    const bad = await postForm(h, alice, `/console/cases/${ref}/record/email`, page, [
      ['_key', formKeyOf(page, 'email')],
      ['to', 'not-an-address'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be an email address');

    const sent = await postForm(h, alice, `/console/cases/${ref}/record/email`, page, [
      ['_key', formKeyOf(page, 'email')],
      ['to', 'zhang.san@example.cn'],
    ]);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/console/cases/${ref}/record?sent=zhang.san%40example.cn`);
    expect((await alice.get(String(sent.headers.location))).body).toContain(
      // The console speaks the staff member's language; the mail speaks the customer's.
      'The record is on its way to zhang.san@example.cn',
    );

    await waitFor(() => sink.to('zhang.san@example.cn').length > 0, 8000);
    const [mail] = sink.to('zhang.san@example.cn');
    expect(mail!.parsed.subject).toBe(`维护记录单 [${ref}]`);
    expect(mail!.parsed.text).toContain(`工单号：${ref}`);
    expect(mail!.parsed.text).toContain('报修故障：打印机卡纸');
    expect(mail!.parsed.text).toContain('检查结果：搓纸轮磨损');
    expect(mail!.parsed.text).toContain('- 搓纸轮 · 保修');
    expect(mail!.parsed.text).toContain('服务方式：上门');
    expect(mail!.parsed.text).toContain('完成时间：11月26日(周四) 09:40');
    expect(mail!.parsed.html).toContain('处理措施：更换搓纸轮，清洁纸道');
    // A person sent it: no auto-reply markers.
    expect(mail!.parsed.headers.get('auto-submitted')).toBeUndefined();

    const trail = await caseAudit(h.runtime).list(ref);
    expect(trail.at(-1)).toMatchObject({
      staff: 'alice',
      action: 'record_emailed',
      detail: 'zhang.san@example.cn',
    });
    const kase = (await alice.get(`/console/cases/${ref}`)).body;
    expect(kase).toContain('Maintenance record emailed to zhang.san@example.cn');
  });

  it('sends it in English to the address an email customer wrote from, without asking', async () => {
    const from = 'mary.smith@example.com';
    const ref = await resolvedCase(h, alice, from, 'I want to talk to a human agent please');
    const page = (await alice.get(`/console/cases/${ref}/record`)).body;
    expect(page).not.toContain('name="to"');
    expect(page).toContain(from);
    // A typed address does not redirect the customer's record elsewhere.
    const sent = await postForm(h, alice, `/console/cases/${ref}/record/email`, page, [
      ['_key', formKeyOf(page, 'email')],
      ['to', 'someone.else@example.com'],
    ]);
    expect(sent.statusCode).toBe(303);
    const records = () =>
      sink.to(from).filter((mail) => mail.parsed.subject === `Maintenance record [${ref}]`);
    await waitFor(() => records().length > 0, 8000);
    expect(records()[0]!.parsed.text).toContain('Fault reported: 打印机卡纸');
    expect(records()[0]!.parsed.text).toContain('Service: on site');
    expect(sink.to('someone.else@example.com')).toHaveLength(0);
  });

  it('refuses staff who may not see the case (403)', async () => {
    phone += 1;
    const ref = await resolvedCase(h, alice, `+86138003${String(phone).padStart(5, '0')}`, '转人工');
    const bob = await h.signIn('bob', await h.addAccount('bob', 'engineer', ['onsite']));
    expect((await bob.get(`/console/cases/${ref}/record`)).statusCode).toBe(403);
    const refused = await bob.post(`/console/cases/${ref}/record/email`, {
      _key: 'k1',
      to: 'zhang.san@example.cn',
    });
    expect(refused.statusCode).toBe(403);
    expect(await caseAudit(h.runtime).list(ref)).not.toContainEqual(
      expect.objectContaining({ action: 'record_emailed' }),
    );
  });
});

describe('without email configured', () => {
  let off: ConsoleHarness;
  beforeAll(async () => {
    off = await consoleHarness();
    off.startOutbox();
  });
  afterAll(async () => off?.close());

  it('does not offer the action, and answers 409 saying why', async () => {
    const carol = await off.signIn('carol', await off.addAccount('carol', 'agent', ['support']));
    const ref = await resolvedCase(off, carol, '+8613800399999', '转人工');
    const page = (await carol.get(`/console/cases/${ref}/record`)).body;
    expect(page).toContain('打印机卡纸');
    expect(page).not.toContain('/record/email');
    const refused = await carol.post(`/console/cases/${ref}/record/email`, {
      _key: 'k1',
      to: 'zhang.san@example.cn',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Email is not configured on this server (no SMTP settings)');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identityOf } from '../../src/conversation/keys.js';
import { linkIdentity } from '../../src/desk/link-identity.js';
import { isSupportError } from '../../src/errors.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
beforeEach(() => {
  runtime = createTestRuntime();
});
afterEach(async () => {
  await runtime.close();
});

const sms = (from: string, text: string, id: string) =>
  runtime.desk.receive({
    channel: 'sms',
    providerMessageId: id,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  });
const mail = (from: string, text: string, id: string) =>
  runtime.desk.receive({
    channel: 'email',
    providerMessageId: id,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  });

describe('linking identities', () => {
  it('is never automatic: a customer naming another address stays a separate customer', async () => {
    const byPhone = await sms('+8613800138000', '你好，我的邮箱是 zhang@example.cn', 'l1');
    const byMail = await mail('zhang@example.cn', '你好', 'l2');
    expect(byMail.customerId).not.toBe(byPhone.customerId);
  });

  it('after staff link an email address, its messages belong to the phone customer', async () => {
    const byPhone = await sms('+8613800138001', '我的打印机卡纸了', 'l3');
    const linked = await linkIdentity(
      runtime.desk,
      byPhone.customerId,
      identityOf('email', 'Li@Example.cn'),
      'amy',
    );
    expect(linked.identities).toEqual(['phone:+8613800138001', 'email:li@example.cn']);
    const byMail = await mail('li@example.cn', '查询进度', 'l4');
    expect(byMail.customerId).toBe(byPhone.customerId);
    // The status question sees the phone customer's case.
    expect(byMail.replies.map((r) => r.text).join()).toContain(byPhone.case!.ref);
  });

  it('refuses to link an identity that already belongs to someone else', async () => {
    const a = await sms('+8613800138002', 'hello', 'l5');
    const b = await sms('+8613800138003', 'hello', 'l6');
    const email = identityOf('email', 'shared@example.cn');
    await linkIdentity(runtime.desk, a.customerId, email, 'amy');
    const error = await linkIdentity(runtime.desk, b.customerId, email, 'amy').catch((e: unknown) => e);
    expect(isSupportError(error, 'SUPPORT_ERR_VALIDATION')).toBe(true);
  });

  it("the linked identity's existing cases stay reachable for staff and timers", async () => {
    const a = await sms('+8613800138004', '你好', 'l7');
    const b = await sms('+8613800138005', '转人工', 'l8');
    const ref = b.case!.ref;
    await linkIdentity(runtime.desk, a.customerId, identityOf('sms', '+8613800138005'), 'sam');
    const staff = { name: 'amy', role: 'agent' as const };
    const claimed = await runtime.claimer.next('support', staff);
    expect(claimed?.ref).toBe(ref);
    await runtime.desk.command(
      b.customerId,
      'staff.reply',
      { staff, text: '您好', messageId: 'link-r1' },
      { caseRef: ref },
    );
    expect((await runtime.cases.get(ref))!.promises[0]!.state).toBe('kept');
    // New messages from that number now belong to customer A.
    const later = await sms('+8613800138005', '你好', 'l9');
    expect(later.customerId).toBe(a.customerId);
  });

  it('refuses chains: linking to a customer that is itself linked', async () => {
    const a = await sms('+8613800138006', 'hello', 'l10');
    const b = await sms('+8613800138007', 'hello', 'l11');
    await linkIdentity(runtime.desk, a.customerId, identityOf('sms', '+8613800138007'), 'sam');
    const error = await linkIdentity(
      runtime.desk,
      b.customerId,
      identityOf('email', 'x@example.cn'),
      'sam',
    ).catch((e: unknown) => e);
    expect(isSupportError(error, 'SUPPORT_ERR_VALIDATION')).toBe(true);
  });
});

/**
 * The Official Account's webhook and sender against the stand-in: the URL check, refusals (forged,
 * stale, malformed, encrypted without a key), every message type, follow and unfollow, the shared
 * access token and its refresh, and the 48-hour rule with template messages and flags.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatSignature } from '../../../channels/wechat/crypto.js';
import { waitFor } from '../../support/wait.js';
import { createWechatHarness, newMsgId, OA_ID, TOKEN, type WechatHarness } from './support/harness.js';

const templates = join(tmpdir(), `wechat-templates-${process.pid}.yaml`);
writeFileSync(
  templates,
  'appointment_booked:\n  template_id: TPL-VISIT\n  data: { first: "{{text}}", keyword1: "{{ref}}", keyword2: "{{start}}" }\n',
);

let harness: WechatHarness;
beforeAll(async () => {
  harness = await createWechatHarness({ env: { WECHAT_TEMPLATES_FILE: templates } });
  harness.startWorkers();
});
afterAll(async () => harness.close());
let users = 0;
const newOpenid = () => `oUser${Date.now().toString(36)}${users++}`;
const now = () => Math.floor(harness.runtime.clock.now().getTime() / 1000);

describe('wechat webhook: the URL check, refusals and encryption modes', () => {
  it('answers the URL check with echostr only when signed with our token', async () => {
    const query = (token: string) =>
      new URLSearchParams({
        signature: wechatSignature(token, '1409735669', '99'),
        timestamp: '1409735669',
        nonce: '99',
        echostr: 'echo-4521',
      });
    const good = await fetch(`${harness.url}/webhooks/wechat?${query(TOKEN)}`);
    expect([good.status, await good.text()]).toEqual([200, 'echo-4521']);
    const bad = await fetch(`${harness.url}/webhooks/wechat?${query('other')}`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).not.toContain('echo-4521');
  });

  it('refuses forged, stale, malformed and undecryptable requests with a 4xx and a log line', async () => {
    const openid = newOpenid();
    const before = harness.logs.length;
    expect((await harness.say(openid, 'hi', undefined, { signature: 'none' })).status).toBe(403);
    expect((await harness.say(openid, 'hi', undefined, { skewSeconds: -3600 })).status).toBe(403);
    expect((await harness.post({ FromUserName: openid }, { raw: '<xml><Content>broken</xml>' })).status).toBe(
      400,
    );
    const garbled = await harness.post(
      {},
      { raw: `<xml><ToUserName>${OA_ID}</ToUserName><Encrypt>AAAA</Encrypt></xml>` },
    );
    expect(garbled.status).toBe(403);
    expect(harness.logs.slice(before).filter((line) => line.level >= 40)).toHaveLength(4);
    expect(await harness.transcriptOf(openid)).toEqual([]);
  });

  it('takes plaintext, compatible and safe mode alike', async () => {
    for (const mode of ['plain', 'compat', 'safe'] as const) {
      const openid = newOpenid();
      const answer = await harness.say(openid, '你好', undefined, { mode });
      expect(answer.body).toBe('success');
      expect((await harness.transcriptOf(openid)).filter((e) => e.kind === 'in').map((e) => e.text)).toEqual([
        '你好',
      ]);
    }
  });
});

describe('wechat webhook: pictures and voice notes', () => {
  it('keeps a picture as an attachment, hears a transcribed voice note, asks to type an untranscribed one', async () => {
    const openid = newOpenid();
    harness.standIn.media.set('MEDIA_PIC_1', {
      content: Buffer.from('jpeg-bytes'),
      contentType: 'image/jpeg',
    });
    await harness.post({
      ToUserName: OA_ID,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'image',
      PicUrl: 'http://mmbiz/x',
      MediaId: 'MEDIA_PIC_1',
      MsgId: newMsgId(),
    });
    const picture = (await harness.transcriptOf(openid)).find((e) => e.kind === 'in');
    const attachment = (picture!.meta!.attachments as Array<{ url: string }>)[0]!;
    // In the file store on disk, for signed-in staff (the console); nothing served in public.
    expect(attachment.url).toMatch(/^\/console\/files\//);
    const stored = await harness.runtime.desk.deps.files!.read(attachment.url.split('/').pop()!);
    expect(stored!.content.toString()).toBe('jpeg-bytes');
    // Not what it claimed to be: kept as bytes of unknown type.
    expect(stored!.file.contentType).toBe('application/octet-stream');
    expect((await fetch(`${harness.url}${attachment.url}`)).status).toBe(404);

    await harness.post({
      ToUserName: OA_ID,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'voice',
      MediaId: 'gone',
      Format: 'amr',
      Recognition: '打印机卡纸了',
      MsgId: newMsgId(),
    });
    const untranscribed = await harness.post({
      ToUserName: OA_ID,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'voice',
      MediaId: 'gone',
      Format: 'amr',
      MsgId: newMsgId(),
    });
    expect(untranscribed.reply?.Content).toContain('文字');
    const texts = (await harness.transcriptOf(openid)).filter((e) => e.kind === 'in').map((e) => e.text);
    expect(texts).toContain('打印机卡纸了');
  });
});

describe('wechat webhook: locations, other types, the menu and unfollowing', () => {
  it('a shared location answers the on-site address; an unknown type gets a polite answer, not a 5xx', async () => {
    const openid = newOpenid();
    await harness.post({
      ToUserName: OA_ID,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'location',
      Location_X: '31.2304',
      Location_Y: '121.4737',
      Scale: '15',
      Label: '上海市黄浦区人民大道200号',
      MsgId: newMsgId(),
    });
    const session = (await harness.transcriptOf(openid)).find((e) => e.meta?.event === 'channel_facts');
    expect(session?.meta?.facts).toMatchObject({ address: expect.stringContaining('人民大道200号') });
    const odd = await harness.post({
      ToUserName: OA_ID,
      FromUserName: openid,
      CreateTime: now(),
      MsgType: 'file',
      Title: 'x.pdf',
      MsgId: newMsgId(),
    });
    expect(odd.status).toBe(200);
    expect(odd.reply?.Content).toContain('无法识别');
  });

  it('menu taps start flows; unfollowing opts out and nothing more is sent', async () => {
    const openid = newOpenid();
    await harness.event(openid, 'CLICK', 'HUMAN');
    await harness.received(openid, 1);
    await harness.event(openid, 'unsubscribe');
    expect(await harness.runtime.deliveries.isOptedOut('chat', `wechat:${openid}`)).toBe(true);
    const sent = harness.sentTo(openid).length;
    await harness.event(openid, 'subscribe');
    expect(await harness.runtime.deliveries.isOptedOut('chat', `wechat:${openid}`)).toBe(false);
    expect(harness.sentTo(openid)).toHaveLength(sent);
  });
});

describe('wechat sender', () => {
  it('shares one access token, and refreshes it once when WeChat says it expired', async () => {
    const openid = newOpenid();
    await harness.say(openid, '你好');
    await harness.received(openid, 1);
    const tokens = () => harness.standIn.requests.filter((r) => r.path === '/cgi-bin/stable_token').length;
    const before = tokens();
    harness.standIn.expireTokens();
    await harness.say(openid, '我要报修');
    await harness.received(openid, 2);
    expect(tokens()).toBe(before + 1);
    expect(harness.standIn.requests.filter((r) => r.errcode === 42001).length).toBeGreaterThan(0);
  });

  it('after 48 hours a notice goes as its template; a staff reply is refused and the case flagged', async () => {
    const openid = newOpenid();
    await harness.say(openid, '转人工');
    await harness.received(openid, 1);
    const kase = (await harness.caseOf(openid))!;
    harness.runtime.clock.advance(49 * 3600_000);
    const base = {
      channel: 'chat' as const,
      provider: 'wechat',
      to: `wechat:${openid}`,
      lang: 'zh' as const,
      customerId: kase.customerId,
      caseRef: kase.ref,
      replyContext: { openid },
      createdAt: harness.runtime.clock.now().toISOString(),
    };
    await harness.runtime.queues.apply({
      type: 'send',
      message: {
        ...base,
        id: `visit-${openid}`,
        text: '工程师将于周五上门',
        author: 'system',
        notice: { kind: 'appointment_booked', values: { ref: kase.ref, start: '周五 9:00' } },
      },
    });
    await waitFor(
      () =>
        harness.standIn.requests.some(
          (r) => r.path === '/cgi-bin/message/template/send' && r.body.touser === openid,
        ),
      8000,
      'the template',
    );
    const template = harness.standIn.requests.find(
      (r) => r.path === '/cgi-bin/message/template/send' && r.body.touser === openid,
    )!;
    expect(template.body).toMatchObject({
      template_id: 'TPL-VISIT',
      data: { keyword1: { value: kase.ref }, keyword2: { value: '周五 9:00' } },
    });

    await harness.runtime.queues.apply({
      type: 'send',
      message: { ...base, id: `late-staff-${openid}`, text: '您好？', author: 'staff:amy' },
    });
    const flagged = await waitFor(
      async () => {
        const found = await harness.runtime.cases.get(kase.ref);
        return found?.flags.includes('delivery_failed') ? found : undefined;
      },
      8000,
      'the case flagged',
    );
    expect(flagged.flags).toContain('delivery_failed');
    harness.runtime.clock.advance(-49 * 3600_000);
  });

  it("WeChat's own 45015 and 45047 are final: flagged, never retried for ever", async () => {
    const openid = newOpenid();
    harness.standIn.failNext(openid, 45047);
    await harness.say(openid, '转人工');
    const kase = await waitFor(
      async () => {
        const found = await harness.caseOf(openid);
        return found?.flags.includes('delivery_failed') ? found : undefined;
      },
      8000,
      'the case flagged',
    );
    expect(kase.flags).toContain('delivery_failed');
    expect(
      harness.standIn.requests.filter((r) => r.body.touser === openid && r.path.includes('custom')),
    ).toHaveLength(1);
  });
});

/** Only the new text of a reply reaches the engine: one test per client, from quote headers seen in real mail. */
import { describe, expect, it } from 'vitest';
import { newTextOf } from '../../../channels/email/quote-rules.js';

const cases: Array<{ client: string; mail: string; expected: string }> = [
  {
    client: 'QQ Mail',
    mail: '1. 否\n2. 否\n\n\n------------------ 原始邮件 ------------------\n*发件人:* "客服"<support@example.test>;\n*发送时间:* 2019年7月18日(星期四) 上午11:10\n*收件人:* "张三"<zs@qq.com>;\n*主题:* Re: 打印机\n\n请回答以下问题',
    expected: '1. 否\n2. 否',
  },
  {
    client: 'Coremail (163/126)',
    mail: '已经重启过了，还是不行。\n\n\n-----原始邮件-----\n发件人: "客服" <support@example.test>\n发送时间: 2021-03-11 19:05:03 (星期四)\n收件人: zs@163.com\n抄送:\n主题: Re: 打印机\n\n请问设备是否进水？',
    expected: '已经重启过了，还是不行。',
  },
  {
    client: 'Outlook zh-CN (separator)',
    mail: '没有摔过。\n\n-----邮件原件-----\n发件人: 客服 <support@example.test>\n发送时间: 2022年11月9日 6:40\n收件人: 张三 <zs@example.cn>\n抄送: a; b;\n主题: 回复: 打印机\n\n设备是否有过摔落？',
    expected: '没有摔过。',
  },
  {
    client: 'Outlook zh-CN (发件人 block)',
    mail: '没有拆过\n\n________________________________\n发件人: 客服 <support@example.test>\n发送时间: 2022年11月9日 6:40\n收件人: 张三\n主题: 打印机\n\n问题如下',
    expected: '没有拆过',
  },
  {
    client: 'Gmail zh',
    mail: '否\n否\n\n客服 Support <support@example.test> 于2021年4月7日周三 下午3:51写道：\n\n> 1. 设备是否有过摔落？\n> 2. 是否拆开过？',
    expected: '否\n否',
  },
  {
    client: 'Gmail zh, header wrapped over two lines',
    mail: '是的\n\n客服 Support <support@example.test>\n于2021年4月7日周三 下午3:51写道：\n> 问题',
    expected: '是的',
  },
  {
    client: 'Thunderbird zh locale',
    mail: '好的\n\nOn 2021/5/17 上午9:34, 客服 wrote:\n> 请确认',
    expected: '好的',
  },
  {
    client: 'Thunderbird / Apple Mail (English)',
    mail: '1. No\n2. No\n\nOn Thu, Nov 26, 2026 at 10:00 AM, Support <support@example.test> wrote:\n> 1. Has the device been dropped?',
    expected: '1. No\n2. No',
  },
  {
    client: 'mutt, header wrapped',
    mail: 'It still jams.\n\nOn Thu, Mar 11, 2021 at 08:03:23PM +0800, Support Team at Example\n<support@example.test> wrote:\n> Did it help?',
    expected: 'It still jams.',
  },
  {
    client: 'Outlook EN (Original Message)',
    mail: 'Serial is CNB1234567.\n\n-----Original Message-----\nFrom: Support <support@example.test>\nSent: Thursday, November 26, 2026 10:00 AM\nTo: Alice\nSubject: RE: Printer\n\nWhat is the serial?',
    expected: 'Serial is CNB1234567.',
  },
  {
    client: 'Outlook EN (From: block)',
    mail: 'Bought in March.\n\nFrom: Support <support@example.test>\nSent: Thursday, November 26, 2026 10:00 AM\nTo: Alice <alice@example.com>\nSubject: RE: Printer\n\nWhen did you buy it?',
    expected: 'Bought in March.',
  },
  {
    client: '> quoting inline (bottom posting)',
    mail: '> 1. Has the device been dropped?\nNo\n> 2. Has anyone opened it?\nNo',
    expected: 'No\nNo',
  },
  {
    client: '"-- " signature',
    mail: 'It makes a grinding noise.\n\n-- \nAlice Chen\nFacilities, Example Ltd\n+86 10 1234 5678',
    expected: 'It makes a grinding noise.',
  },
  {
    client: 'iPhone (English and Chinese)',
    mail: '打印机不进纸\n\n发自我的iPhone',
    expected: '打印机不进纸',
  },
  {
    client: 'iPhone English',
    mail: 'Printer does not feed paper\n\nSent from my iPhone',
    expected: 'Printer does not feed paper',
  },
  {
    client: 'NetEase Mail Master',
    mail: '还是卡纸\n\n发自网易邮箱大师',
    expected: '还是卡纸',
  },
];

describe('quote rules: only the new text is read', () => {
  it.each(cases)('$client', ({ mail, expected }) => {
    expect(newTextOf(mail)).toBe(expected);
  });

  it('keeps a sentence that merely starts with "From:" and text that mentions writing', () => {
    const text = 'From: my office printer, every morning.\nMy colleague wrote: it jams.';
    expect(newTextOf(text)).toBe(text);
  });

  it('a mail that is all quote has no new text', () => {
    expect(newTextOf('> only\n> quoted')).toBe('');
  });
});

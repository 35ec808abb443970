/**
 * What the phone line says around the flows: the greeting, "sorry, I didn't catch that", goodbye. The
 * flows' own questions, the deadline promise and the callback promise come from flows/ like on every
 * channel; these few lines exist only because a call has moments a text conversation has not (a
 * greeting before the caller says anything, silence, a transfer). `{{contact.*}}` comes from the policy.
 */
import { interpolate } from '../../src/engine/interpolate.js';
import type { Lang } from '../../src/engine/types.js';
import type { Text } from '../../src/flows/schema.js';

export const voiceTexts = {
  greeting: {
    zh: '您好，这里是{{contact.service_name}}。请简单说出您遇到的问题；按1进入服务菜单，按0转人工。',
    en: 'Hello, this is the {{contact.service_name}}. Please tell me briefly what the problem is. Press 1 for the menu, or 0 to speak to a person.',
  },
  /** Offered after the greeting, in the other language (its own voice). */
  otherLanguage: {
    zh: '普通话服务请按8。',
    en: 'For English, press 9.',
  },
  resume: {
    zh: '您好，欢迎再次来电，我们接着上次的问题继续。',
    en: "Welcome back. Let's carry on where we left off.",
  },
  notUnderstood: {
    zh: '抱歉，我没有听清。请再说一遍，或者使用按键。',
    en: "Sorry, I didn't catch that. Please say it again, or use the keypad.",
  },
  silence: {
    zh: '没有听到您的回答。',
    en: "I didn't hear anything.",
  },
  noted: {
    zh: '好的，已为您记录。',
    en: 'All right, I have noted that.',
  },
  anythingElse: {
    zh: '还有其他需要帮助的吗？请直接说出来，或者挂断电话。',
    en: 'Is there anything else I can help with? Just say it, or hang up.',
  },
  goodbye: {
    zh: '感谢您的来电。您也可以直接给本号码发短信继续办理。再见。',
    en: 'Thank you for calling. You can also text this number to carry on. Goodbye.',
  },
  connecting: {
    zh: '正在为您转接人工客服，请稍候。',
    en: 'Putting you through to a member of our team, please hold.',
  },
  anonymous: {
    zh: '抱歉，我们无法识别您的来电号码，无法为您登记。请显示号码后再拨，或发送邮件至 {{contact.email}}。再见。',
    en: 'Sorry, we cannot see your number, so we cannot log your call. Please call again without hiding your number, or email {{contact.email}}. Goodbye.',
  },
  /** Played to the person answering a transferred call, before the caller is connected. */
  whisper: {
    zh: '客户来电转接，工单号 {{ref}}。',
    en: 'Transferred customer call, case {{ref}}.',
  },
} satisfies Record<string, Text>;

export type VoiceTextKey = keyof typeof voiceTexts;

/** Words that mean "a person, please" on the phone: speech hints for every question. */
export const agentHints: Record<Lang, string[]> = { zh: ['人工', '转人工'], en: ['agent', 'operator'] };

export function voiceText(
  key: VoiceTextKey,
  lang: Lang,
  templateValues: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  return interpolate(voiceTexts[key][lang], { lang, slots: {}, vars: templateValues, extra });
}

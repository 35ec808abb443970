/**
 * The replies to SMS compliance keywords. They are carrier-mandated wording rather than conversation,
 * so they live with the SMS channel; names, hours and contact details come from the service policy
 * (flows/policy.yaml `contact`), so a support manager still edits those in one place. `{{hours}}` is
 * `contact.hours_text` without its closing full stop.
 */
import type { Text } from '../../src/flows/schema.js';
import type { ComplianceKind } from './compliance-keywords.js';

export const complianceTexts: Record<ComplianceKind, Text> = {
  opt_out: {
    zh: '您已退订{{contact.service_name}}的短信，此后不会再收到我们的短信。如需恢复，请回复“订阅”。',
    en: 'You have unsubscribed from {{contact.service_name}} text messages and will receive no more. Reply START to subscribe again.',
  },
  opt_in: {
    zh: '您已重新订阅{{contact.service_name}}的短信，可以继续通过短信报修和查询。回复“退订”可随时退订。',
    en: 'You are subscribed again to {{contact.service_name}} text messages. Reply STOP at any time to unsubscribe.',
  },
  help: {
    zh: '{{contact.service_name}}。服务时间：{{hours}}。找人工客服：回复“人工”，或致电 {{contact.phone}}，或发邮件至 {{contact.email}}。回复“退订”停止接收短信。',
    en: '{{contact.service_name}}. Hours: {{hours}}. To reach a person, reply AGENT, call {{contact.phone}} or email {{contact.email}}. Reply STOP to unsubscribe.',
  },
};

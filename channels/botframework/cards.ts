/**
 * How an outbox message looks as a Bot Framework activity: text with the choices as suggested actions
 * (buttons that post their label back, so a typed answer works the same), or an Adaptive Card whose
 * Action.Submit buttons carry `{ choice: label }` for the question that settles something on the case
 * (the maintenance record confirmation). The warranty decision is a card of its own.
 */
import { type Activity, type Attachment, CardFactory, MessageFactory } from 'botbuilder';
import type { CaseView, Lang, OutboundMessage } from '../../src/port/messages.js';

/** Questions shown as a card with submit buttons rather than as suggested actions. */
const CARD_QUESTIONS = new Set(['confirmation']);

export const localeOf = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');

function submitCard(text: string, choices: readonly string[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: choices.map((label) => ({ type: 'Action.Submit', title: label, data: { choice: label } })),
  });
}

export function activityOf(message: OutboundMessage): Partial<Activity> {
  const channelData = { messageId: message.id, ...(message.caseRef ? { caseRef: message.caseRef } : {}) };
  const choices = message.choices ?? [];
  let activity: Partial<Activity>;
  if (choices.length > 0 && message.expects && CARD_QUESTIONS.has(message.expects.slot)) {
    activity = MessageFactory.attachment(submitCard(message.text, choices));
  } else if (choices.length > 0) {
    activity = MessageFactory.suggestedActions(choices, message.text);
  } else {
    activity = MessageFactory.text(message.text);
  }
  return { ...activity, locale: localeOf(message.lang), channelData };
}

const WARRANTY_TITLE: Record<Lang, Record<NonNullable<CaseView['warranty']>['decision'], string>> = {
  zh: {
    replace: '保修结论：换货',
    free_repair: '保修结论：免费维修',
    paid_repair: '保修结论：付费维修',
    needs_review: '保修结论：待人工审核',
    contract_repair: '保修结论：按服务合同维修',
  },
  en: {
    replace: 'Warranty: replacement',
    free_repair: 'Warranty: free repair',
    paid_repair: 'Warranty: paid repair',
    needs_review: 'Warranty: needs review',
    contract_repair: 'Warranty: service-contract repair',
  },
};

/**
 * The warranty decision as a card: the decision and the case reference. Not the reason: the reply just
 * before the card already says it, and the customer read the same sentence twice in a row.
 */
export function warrantyCard(kase: CaseView, lang: Lang): Partial<Activity> | null {
  if (!kase.warranty) return null;
  const reference = lang === 'zh' ? `工单号 ${kase.ref}` : `Case ${kase.ref}`;
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      {
        type: 'TextBlock',
        text: WARRANTY_TITLE[lang][kase.warranty.decision],
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      { type: 'TextBlock', text: reference, isSubtle: true, spacing: 'None' },
    ],
  });
  return {
    ...MessageFactory.attachment(card),
    locale: localeOf(lang),
    channelData: { caseRef: kase.ref, card: 'warranty' },
  };
}

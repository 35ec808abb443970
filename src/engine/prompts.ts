/**
 * How questions are put to the customer. Chat, SMS and voice get one question with its choices (the
 * channel shows them as buttons or numbered text); email gets every missing question in one numbered
 * list, because a round trip by email takes hours.
 */
import type { CompiledFlow } from '../flows/load.js';
import type { AskStep, Slot } from '../flows/schema.js';
import type { Reply } from '../port/messages.js';
import type { Turn } from './turn.js';

const YES_NO = { zh: ['是', '否'], en: ['Yes', 'No'] } as const;

export function choiceLabels(slot: Slot, lang: 'zh' | 'en'): string[] | undefined {
  if (slot.type === 'choice') return slot.choices?.map((choice) => choice.label[lang]);
  if (slot.type === 'yes_no') return [...YES_NO[lang]];
  return undefined;
}

/** "1 笔记本 / 2 台式机" — used inside an email list, where buttons do not exist. */
function inlineChoices(labels: string[]): string {
  return labels.map((label, n) => `${n + 1} ${label}`).join(' / ');
}

function questionText(turn: Turn, step: AskStep, reprompt: boolean): string {
  if (!reprompt) return turn.t(step.prompt);
  if (step.reprompt) return turn.t(step.reprompt);
  return turn.t(step.prompt);
}

export function askPrompts(turn: Turn, flow: CompiledFlow, asks: AskStep[], reprompt: boolean): Reply[] {
  const lang = turn.lang;
  if (asks.length === 1) {
    const step = asks[0]!;
    const slot = flow.slots[step.ask]!;
    const choices = choiceLabels(slot, lang);
    const texts = turn.bundle.bot.texts;
    const hintText =
      slot.type === 'yes_no' ? texts.yes_no_hint : slot.type === 'choice' ? texts.choices_hint : null;
    const hint = reprompt && !step.reprompt && hintText ? `\n${turn.t(hintText)}` : '';
    return [
      {
        text: questionText(turn, step, reprompt) + hint,
        ...(choices ? { choices } : {}),
        expects: { slot: step.ask, type: slot.type },
      },
    ];
  }
  const lines = asks.map((step, n) => {
    const slot = flow.slots[step.ask]!;
    const labels = choiceLabels(slot, lang);
    const question = questionText(turn, step, reprompt);
    return `${n + 1}. ${question}${labels ? `\n   (${inlineChoices(labels)})` : ''}`;
  });
  return [{ text: `${turn.t(turn.bundle.bot.texts.email_questions_intro)}\n\n${lines.join('\n')}` }];
}

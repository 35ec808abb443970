/**
 * What the phone line does with one turn of the engine (pure): ask the next question inside a Gather,
 * hand the caller over to a person, or — when the flow has nothing more to ask — say the answer and
 * offer "anything else?". Choices are read out as "笔记本请按1" / "For Laptop, press 1" by the engine's
 * renderer, and the question's type tunes the Gather (one key for a menu, '#' after a phone number).
 */
import { renderReply } from '../../src/engine/render.js';
import type { Lang, Reply } from '../../src/port/messages.js';
import type { CallState } from './call-state.js';
import { agentHints } from './voice-texts.js';
import type { Spoken } from './voice-twiml.js';

export type VoicePlan =
  | { kind: 'ask'; lang: Lang; spoken: Spoken[]; gather: CallState['gather'] }
  | { kind: 'handoff'; lang: Lang; spoken: Spoken[]; ref: string; due: string }
  | { kind: 'closing'; lang: Lang; spoken: Spoken[] };

export interface EngineTurn {
  replies: Reply[];
  session: { lang: Lang };
  signals: { handoff?: boolean; escalated?: { ref: string; due: string } };
}

/** Slot types answered by keying in digits and '#'. */
const KEYED = new Set(['phone', 'number']);

/** How to listen for the answer to `reply`. */
export function gatherFor(reply: Pick<Reply, 'choices' | 'expects'>, lang: Lang): CallState['gather'] {
  const hints = [...(reply.choices ?? []), ...agentHints[lang]];
  if (reply.choices?.length && reply.choices.length <= 9) return { hints, numDigits: 1 };
  if (reply.expects && KEYED.has(reply.expects.type)) return { hints: agentHints[lang], finishOnKey: '#' };
  return { hints };
}

export function spokenReplies(replies: Reply[], lang: Lang): Spoken[] {
  return replies.map((reply) => ({ text: renderReply(reply, lang, 'keypad'), lang }));
}

export function planVoiceTurn(turn: EngineTurn): VoicePlan {
  const lang = turn.session.lang;
  const spoken = spokenReplies(turn.replies, lang);
  const escalated = turn.signals.escalated;
  if (turn.signals.handoff && escalated) {
    return { kind: 'handoff', lang, spoken, ref: escalated.ref, due: escalated.due };
  }
  const question = turn.replies.at(-1);
  if (question?.expects) return { kind: 'ask', lang, spoken, gather: gatherFor(question, lang) };
  return { kind: 'closing', lang, spoken };
}

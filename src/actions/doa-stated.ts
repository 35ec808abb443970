/**
 * `doa_stated`: the customer already said the fault was there at unboxing or acceptance ("拆箱就发现屏幕有
 * 裂纹", "it arrived cracked") — the policy's `warranty.unboxing_words`, not denied. The `doa` slot is then
 * filled, so the flow neither asks it again nor reads the crack found in the box as a drop.
 */
import { defineAction } from '../engine/actions.js';
import type { Policy } from '../policy/schema.js';
import { mentionedAffirmatively } from './detect-exclusions.js';

export function doaStatedAction(policy: Policy) {
  return defineAction({
    outcomes: ['stated', 'none'],
    run(turn) {
      const words = [...policy.warranty.unboxing_words.zh, ...policy.warranty.unboxing_words.en];
      const slots = turn.session.slots;
      if (slots.doa === true) return { outcome: 'stated' };
      const text = [slots.symptom, turn.text].filter((part) => typeof part === 'string').join(' ');
      if (!words.some((word) => mentionedAffirmatively(text, word))) return { outcome: 'none' };
      turn.session = { ...turn.session, slots: { ...slots, doa: true } };
      turn.event('doa_stated', 'the customer says the fault was there at unboxing');
      return { outcome: 'stated' };
    },
  });
}

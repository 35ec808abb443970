/** The Redis writes that persist a turn, applied atomically by the inbox's commit. */
import type { SlotWrite } from '../conversation/inbox.js';
import type { TurnOutput } from '../engine/engine.js';

/** Transcript entries kept per customer; older ones are trimmed (cases keep their own summary). */
export const TRANSCRIPT_LIMIT = 5000;

export function turnWrites(conversation: string, output: TurnOutput): SlotWrite[] {
  const writes: SlotWrite[] = [
    ['set', `session:${conversation}`, JSON.stringify(output.session)],
    ['set', 'profile', JSON.stringify(output.profile)],
  ];
  for (const kase of [...output.otherCases, ...(output.case ? [output.case] : [])]) {
    writes.push(['set', `case:${kase.ref}`, JSON.stringify(kase)]);
  }
  if (output.transcript.length > 0) {
    writes.push(['rpush', 'log', ...output.transcript.map((entry) => JSON.stringify(entry))]);
    writes.push(['ltrim', 'log', -TRANSCRIPT_LIMIT, -1]);
  }
  return writes;
}

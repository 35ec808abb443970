/** The Redis writes that persist a turn, applied atomically by the inbox's commit. */
import type { SlotWrite } from '../conversation/inbox.js';
import type { TurnOutput } from '../engine/engine.js';
import { slotWrites } from './customer-slot.js';

export function turnWrites(conversation: string, output: TurnOutput): SlotWrite[] {
  return [
    slotWrites.session(conversation, output.session),
    slotWrites.profile(output.profile),
    ...[...output.otherCases, ...(output.case ? [output.case] : [])].map(slotWrites.case),
    ...slotWrites.transcript(output.transcript),
  ];
}

/**
 * A customer asks to move or cancel an on-site appointment ("改到周五下午", "can we do Thursday
 * instead") on any channel (plan 2 (3): appointments are agreed with the customer, and a customer who
 * cannot make it agrees the next time). The request is recorded on the appointment, the engineer and
 * the case's owner are told at once, and the customer hears it was passed on; staff then book the new
 * window with a new dispatch (which replaces the appointment and its reminder).
 */
import type { Appointment } from '../cases/types.js';
import type { FlowBundle } from '../flows/load.js';
import { findKeyword } from './extract/index.js';
import type { Turn } from './turn.js';

/** Words of both languages: a Chinese customer may well write "reschedule". */
function words(lexicon: { zh: string[]; en: string[] }): string[] {
  return [...lexicon.zh, ...lexicon.en];
}

export function appointmentChangeOf(
  bundle: FlowBundle,
  appointment: Appointment | null,
  text: string,
): 'move' | 'cancel' | null {
  // An appointment the engineer has already arrived for cannot be moved any more.
  if (!appointment || appointment.arrivedAt) return null;
  const lexicons = bundle.bot.appointment_change;
  if (findKeyword(text, words(lexicons.cancel))) return 'cancel';
  if (findKeyword(text, words(lexicons.move))) return 'move';
  return null;
}

/** Handles the request if the message is one; returns whether it was. */
export function handleAppointmentChange(turn: Turn, bundle: FlowBundle): boolean {
  const kase = turn.case;
  const kind = appointmentChangeOf(bundle, kase?.appointment ?? null, turn.text);
  if (!kase?.appointment || !kind) return false;
  const appointment = kase.appointment;
  const request = turn.text.slice(0, 300);
  turn.updateCase((c) => ({
    ...c,
    appointment: { ...appointment, change: { kind, text: request, at: turn.nowIso } },
    flags: [...new Set([...c.flags, kind === 'move' ? 'reschedule_requested' : 'cancel_requested'])],
  }));
  const what = kind === 'move' ? 'asks to move' : 'asks to cancel';
  const note = `case ${kase.ref}: the customer ${what} the visit of ${appointment.window.start}: "${request}"`;
  const owner = kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? 'onsite'}`;
  for (const to of new Set([appointment.engineer, owner])) {
    turn.effects.push({ type: 'notify_staff', ref: kase.ref, to, text: note });
  }
  turn.event(`appointment_${kind}_requested`, note, { kind, request });
  const texts = bundle.bot.texts;
  turn.say(kind === 'move' ? texts.appointment_move_noted : texts.appointment_cancel_noted, {
    ref: kase.ref,
    engineer: appointment.engineer,
    request,
  });
  return true;
}

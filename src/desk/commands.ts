/** Work item kinds besides inbound messages: staff actions, timers and delivery reports, one line each. */
import * as contracts from './contract-commands.js';
import type { Desk } from './desk.js';
import { emailRecord } from './email-record.js';
import { kbDraft } from './kb-commands.js';
import { recordLinkedIdentity } from './link-identity.js';
import * as onsite from './onsite-commands.js';
import { sendQuote } from './quote-commands.js';
import * as staff from './staff-commands.js';
import * as timers from './timer-commands.js';
import * as visits from './visit-commands.js';

export function registerCaseCommands(desk: Desk): Desk {
  return desk
    .register('staff.claim', staff.claim)
    .register('staff.reply', staff.reply)
    .register('staff.note', staff.note)
    .register('staff.dispatch', staff.dispatch)
    .register('staff.late', staff.late)
    .register('staff.resolve', staff.resolve)
    .register('staff.release', staff.release)
    .register('staff.reassign', staff.reassign)
    .register('staff.start', staff.start)
    .register('staff.email_record', emailRecord)
    .register('staff.kb_draft', kbDraft)
    .register('staff.quote', sendQuote)
    .register('deadline.warn', timers.deadlineWarn)
    .register('deadline.breach', timers.deadlineBreach)
    .register('timer.followup', timers.followUp)
    .register('timer.reminder', timers.reminder)
    .register('outbox.dead', timers.deadLetter)
    .register('delivery.status', timers.deliveryStatus)
    .register('customer.link', recordLinkedIdentity)
    .register('contract.attach', contracts.attach)
    .register('timer.renewal', contracts.renewal)
    .register('timer.visit_invite', visits.visitInviteTimer)
    .register('visitplan.attach', visits.planAttach)
    .register('staff.absent', visits.absent)
    .register('visit.finding', visits.finding)
    .register('staff.take_over', onsite.takeOver)
    .register('staff.onsite', onsite.onSite)
    .register('staff.attach', onsite.attach)
    .register('staff.confirm_code', onsite.confirmCode)
    .register('staff.confirm_onsite', onsite.confirmOnSite);
}

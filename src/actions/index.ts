/**
 * The flow actions, by the name flows use. Adding one: a file in this folder and a line here.
 */
import type { ActionDefinition, ActionRegistry } from '../engine/actions.js';
import type { KnowledgeBase } from '../kb/schema.js';
import type { Policy } from '../policy/schema.js';
import { answerFaqAction } from './answer-faq.js';
import { caseStatusAction } from './case-status.js';
import { detectExclusionsAction } from './detect-exclusions.js';
import { doaStatedAction } from './doa-stated.js';
import { doaWindowAction } from './doa-window.js';
import { followupResultAction } from './followup-result.js';
import { quoteAnswerAction } from './quote-answer.js';
import { rebookVisitAction } from './rebook-visit.js';
import { recordConfirmationAction } from './record-confirmation.js';
import { recordConsentAction } from './record-consent.js';
import { remoteFixAction } from './remote-fix.js';
import { resetConversationAction } from './reset-conversation.js';
import { warrantyDecisionAction } from './warranty-decision.js';
import { warrantyTermsAction } from './warranty-terms.js';

export function createActionRegistry(deps: { policy: Policy; kb: KnowledgeBase }): ActionRegistry {
  const actions: Record<string, ActionDefinition<never>> = {
    reset_conversation: resetConversationAction as ActionDefinition<never>,
    case_status: caseStatusAction as ActionDefinition<never>,
    detect_exclusions: detectExclusionsAction(deps.policy) as ActionDefinition<never>,
    doa_window: doaWindowAction(deps.policy) as ActionDefinition<never>,
    doa_stated: doaStatedAction(deps.policy) as ActionDefinition<never>,
    warranty_decision: warrantyDecisionAction(deps.policy) as ActionDefinition<never>,
    warranty_terms: warrantyTermsAction(deps.policy) as ActionDefinition<never>,
    remote_fix: remoteFixAction() as ActionDefinition<never>,
    record_consent: recordConsentAction as ActionDefinition<never>,
    answer_faq: answerFaqAction as ActionDefinition<never>,
    followup_result: followupResultAction as ActionDefinition<never>,
    record_confirmation: recordConfirmationAction as ActionDefinition<never>,
    rebook_visit: rebookVisitAction as ActionDefinition<never>,
    quote_answer: quoteAnswerAction as ActionDefinition<never>,
  };
  return new Map(Object.entries(actions));
}

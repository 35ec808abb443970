/**
 * `record_consent`: the customer explicitly agreed to a remote session (the plan: remote online service
 * only with the customer's authorisation). Recorded on the case with the time, and in the transcript.
 */
import { z } from 'zod';
import { defineAction } from '../engine/actions.js';

export const recordConsentAction = defineAction({
  args: z.strictObject({ consent: z.literal('remote_session') }),
  async run(turn) {
    await turn.ensureCase();
    turn.updateCase((kase) => ({
      ...kase,
      consent: { ...kase.consent, remoteSession: { granted: true, at: turn.nowIso } },
    }));
    turn.event('consent_recorded', 'the customer authorised a remote session', { consent: 'remote_session' });
    return {};
  },
});

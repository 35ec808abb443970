/**
 * `POST /cases/:ref/reply` (to the customer, in their channel, through the outbox → 202) and
 * `POST /cases/:ref/notes` (internal: recorded as a note, never sent).
 */
import type { CaseView } from '../../desk/views.js';
import { actorOf } from '../access.js';
import { actionId, runStaffCommand } from '../commands.js';
import { noteBody, replyBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const caseMessageRoutes: StaffRoutes = (app, { runtime }) => {
  app.post('/cases/:ref/reply', async (request, reply) => {
    const body = parseInput(replyBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    // The work item id doubles as the outbox message id: one reply, one message, whatever the retries.
    const messageId = actionId(request, 'staff-reply', staff, kase);
    const result = await runStaffCommand<{ messageId: string }>(
      runtime,
      kase,
      'staff.reply',
      { staff: actorOf(staff), text: body.text, messageId },
      messageId,
    );
    return reply.code(202).send({ ref: kase.ref, messageId: result.messageId, status: 'queued' });
  });

  app.post('/cases/:ref/notes', async (request, reply) => {
    const body = parseInput(noteBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.note',
      { staff: actorOf(staff), text: body.text },
      actionId(request, 'staff-note', staff, kase),
    );
    return reply.code(201).send({ ref: view.ref, note: { author: staff.name, text: body.text } });
  });
};

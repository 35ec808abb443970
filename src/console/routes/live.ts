/**
 * `/console/live`: the bot's conversations for supervisors, and `POST /console/live/:ref/take-over`
 * (the desk's `staff.take_over`: the bot goes quiet, the customer is told, the case is the supervisor's).
 */
import { actorOf, assertSupervisor } from '../../staff/access.js';
import { runStaffCommand } from '../../staff/commands.js';
import { formActionId } from '../action-id.js';
import { loadBotConversations } from '../bot-conversations.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { livePage } from '../views/live.js';
import { visibleCase } from './case.js';

export const liveRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;

  app.get('/console/live', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'watch the bot’s conversations');
    return sendPage(reply, livePage(pageContext(request, runtime), await loadBotConversations(runtime)));
  });

  app.post('/console/live/:ref/take-over', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'take a conversation over from the bot');
    const { staff, kase } = await visibleCase(ctx, request);
    const key = (request.body as Record<string, unknown> | undefined)?._key;
    const id = formActionId('staff-take-over', staff.name, kase.ref, key);
    await runStaffCommand(runtime, kase, 'staff.take_over', { staff: actorOf(staff) }, id);
    return reply.redirect(`/console/cases/${kase.ref}?done=takeover`, 303);
  });
};

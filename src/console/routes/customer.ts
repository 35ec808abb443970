/**
 * `GET /console/customers/:id`: the customer page, from the same view as `GET /api/staff/customers/:id`;
 * `POST /console/customers/:id/write`: staff start a conversation on one of the customer's channels (the
 * API's `POST /conversations`), then land on the case it opened.
 */
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import { customerView } from '../../staff/customer-view.js';
import { startConversation } from '../../staff/routes/conversations.js';
import { customerParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { newFormKey } from '../action-id.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { customerPage } from '../views/customer.js';

const writeForm = z.object({
  to: z.string().regex(/^(sms|email):.{3,320}$/, 'choose a phone number or an email address'),
  text: z.string().trim().min(1, 'must not be empty').max(4000),
  _key: z.string().max(200).optional(),
});

export const customerRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/customers/:id', async (request, reply) => {
    const { staff } = signedIn(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    const view = await customerView(runtime, staff, id);
    return sendPage(reply, customerPage(pageContext(request, runtime), view, newFormKey()));
  });

  app.post('/console/customers/:id/write', async (request, reply) => {
    const { staff } = signedIn(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    const form = parseInput(writeForm, request.body, 'body');
    const view = await customerView(runtime, staff, id);
    const [channel, ...rest] = form.to.split(':');
    const to = rest.join(':');
    // Only the customer's own phone or email: the form cannot be turned to write to anyone else.
    if (to !== view.customer.phone && to !== view.customer.email) {
      throw new SupportError('SUPPORT_ERR_VALIDATION', 'to: not one of this customer’s addresses');
    }
    const started = await startConversation(
      runtime,
      staff,
      { channel: channel as 'sms' | 'email', to, text: form.text },
      form._key ? `console-${form._key}` : undefined,
    );
    return reply.redirect(`/console/cases/${started.ref}`, 303);
  });
};

/** `GET /console/customers/:id`: the customer page, from the same view as `GET /api/staff/customers/:id`. */
import { customerView } from '../../staff/customer-view.js';
import { customerParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { customerPage } from '../views/customer.js';

export const customerRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/customers/:id', async (request, reply) => {
    const { staff } = signedIn(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    return sendPage(
      reply,
      customerPage(pageContext(request, runtime), await customerView(runtime, staff, id)),
    );
  });
};

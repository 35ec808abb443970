/**
 * `GET /console/files/:id`: a customer's file (a photo of the fault, an invoice, a voice note), for
 * signed-in staff only — the console's guard turns everyone else away. Served with the type its bytes
 * were checked to be (src/files/store.ts), never sniffed by the browser (`nosniff`), in a sandbox that
 * runs nothing (CSP `sandbox; default-src 'none'`): pictures show inline, anything else downloads.
 */
import type { ConsoleRoutes } from '../context.js';

const INLINE = /^image\/(jpeg|png|gif|webp)$/;

export const fileRoutes: ConsoleRoutes = (app, ctx) => {
  app.get<{ Params: { id: string } }>('/console/files/:id', async (request, reply) => {
    const found = await ctx.runtime.desk.deps.files?.read(request.params.id);
    if (!found)
      return reply.code(404).send({ error: { code: 'SUPPORT_ERR_NOT_FOUND', message: 'no such file' } });
    const { file, content } = found;
    const disposition = INLINE.test(file.contentType) ? 'inline' : 'attachment';
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'")
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(content);
  });
};

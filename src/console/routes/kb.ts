/**
 * Knowledge that grows: a resolved case becomes a draft (`staff.kb_draft` in the customer's inbox, which
 * also records who did it on the case); supervisors edit, approve, reject and retire entries through the
 * desk's `kbEditor`, which checks the role and validates with the `flows/kb/` schema; and export the
 * approved entries as a file `flows:check` accepts. Agents and engineers get 403 on all of it but the
 * draft.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createKbStore, type KbRecord } from '../../cases/kb-store.js';
import { kbEditor } from '../../desk/kb-commands.js';
import { isSupportError, SupportError } from '../../errors.js';
import type { KbEntryFields } from '../../kb/draft.js';
import { actorOf, assertSupervisor } from '../../staff/access.js';
import { runStaffCommand } from '../../staff/commands.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { kbWords } from '../kb-words.js';
import { kbEditPage, kbListPage } from '../views/kb.js';
import { messagePage } from '../views/layout.js';
import { visibleCase } from './case.js';

const idParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,80}$/, 'must be an entry id') });
const text = (max: number) => z.string().max(max).optional().default('');
const editForm = z.object({
  categories: z.union([z.string().max(40), z.array(z.string().max(40)).max(10)]).optional(),
  title_zh: text(200),
  title_en: text(200),
  keywords_zh: text(4000),
  keywords_en: text(4000),
  parts: text(500),
  steps_zh: text(6000),
  steps_en: text(6000),
  next: z.enum(['save', 'approve']).optional().default('save'),
});
const noticeQuery = z.object({ done: z.enum(['saved', 'approved', 'drafted']).optional() });

/** One per line (commas, "，" and "、" too for keywords); blank lines dropped. */
const list = (value: string, separators: RegExp) =>
  value
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);

/** Steps pair by line: line n of the Chinese box and line n of the English box are one step. */
function steps(zh: string, en: string): KbEntryFields['steps'] {
  const rows = (value: string) => {
    const all = value.replace(/\r\n?/g, '\n').split('\n');
    while (all.length && all.at(-1)!.trim() === '') all.pop();
    return all.map((line) => line.trim());
  };
  const a = rows(zh);
  const b = rows(en);
  return Array.from({ length: Math.max(a.length, b.length) }, (_, n) => ({ zh: a[n] ?? '', en: b[n] ?? '' }));
}

export function fieldsFromForm(body: unknown): { fields: KbEntryFields; next: 'save' | 'approve' } {
  const form = parseInput(editForm, body, 'body');
  const categories = form.categories === undefined ? [] : [form.categories].flat();
  return {
    next: form.next,
    fields: {
      categories,
      title: { zh: form.title_zh.trim(), en: form.title_en.trim() },
      keywords: { zh: list(form.keywords_zh, /[\n,，、]/), en: list(form.keywords_en, /[\n,]/) },
      parts: list(form.parts, /[\s,，、]+/),
      steps: steps(form.steps_zh, form.steps_en),
    },
  };
}

export const kbRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const prefix = runtime.config.REDIS_KEY_PREFIX;
  const store = createKbStore(runtime.redis, prefix);
  const editor = kbEditor({ store, files: runtime.content.kb, clock: runtime.clock });

  const supervisor = (request: FastifyRequest, what: string) => {
    const { staff } = signedIn(request);
    assertSupervisor(staff, what);
    return actorOf(staff);
  };
  const recordOf = async (request: FastifyRequest): Promise<KbRecord> => {
    const { id } = parseInput(idParams, request.params, 'params');
    const record = await store.get(id);
    if (!record) throw new SupportError('SUPPORT_ERR_NOT_FOUND', `no knowledge-base entry ${id}`);
    return record;
  };
  /** A refusal with the schema's problems: the form again, with what was typed and every problem. */
  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    record: KbRecord,
    fields: KbEntryFields,
    error: unknown,
    heading?: string,
  ) => {
    if (!isSupportError(error, 'SUPPORT_ERR_VALIDATION') || !Array.isArray(error.extra?.problems))
      throw error;
    const page = pageContext(request, runtime);
    return sendPage(reply, kbEditPage(page, record, fields, error.extra.problems as string[], heading), 400);
  };

  app.post('/console/cases/:ref/kb-draft', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const key = (request.body as Record<string, unknown> | undefined)?._key;
    const id = formActionId('staff-kb-draft', staff.name, kase.ref, key);
    const result = await runStaffCommand<{ id: string }>(
      runtime,
      kase,
      'staff.kb_draft',
      { staff: actorOf(staff) },
      id,
    );
    if (staff.role === 'supervisor') return reply.redirect(`/console/kb/${result.id}?done=drafted`, 303);
    return reply.redirect(`/console/cases/${kase.ref}?done=kb`, 303);
  });

  app.get('/console/kb', async (request, reply) => {
    supervisor(request, 'manage the knowledge base');
    const page = pageContext(request, runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    const notice = done === 'approved' ? kbWords[page.lang].approvedNow : done ? page.w.done : undefined;
    return sendPage(reply, kbListPage(page, await store.list(), notice));
  });

  app.get('/console/kb/export', async (request, reply) => {
    const yaml = await editor.exportYaml(supervisor(request, 'export the knowledge base'));
    if (yaml === null) {
      const page = pageContext(request, runtime);
      const w = kbWords[page.lang];
      return sendPage(reply, messagePage(page, w.nav, w.noExport), 404);
    }
    return reply
      .type('application/yaml; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="console-approved.yaml"')
      .send(yaml);
  });

  app.get('/console/kb/:id', async (request, reply) => {
    supervisor(request, 'edit knowledge-base entries');
    const record = await recordOf(request);
    const page = pageContext(request, runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    const w = kbWords[page.lang];
    const notice = done === 'drafted' ? w.drafted : done ? w.saved : undefined;
    return sendPage(reply, kbEditPage(page, record, record.fields, [], undefined, notice));
  });

  app.post('/console/kb/:id', async (request, reply) => {
    const actor = supervisor(request, 'edit knowledge-base entries');
    const record = await recordOf(request);
    const { fields, next } = fieldsFromForm(request.body);
    try {
      await editor.save(actor, record.id, fields);
      if (next === 'approve') await editor.approve(actor, record.id);
    } catch (error) {
      return refused(request, reply, record, fields, error);
    }
    return next === 'approve'
      ? reply.redirect('/console/kb?done=approved', 303)
      : reply.redirect(`/console/kb/${record.id}?done=saved`, 303);
  });

  for (const action of ['approve', 'reject', 'retire'] as const) {
    app.post(`/console/kb/:id/${action}`, async (request, reply) => {
      const actor = supervisor(request, `${action} knowledge-base entries`);
      const record = await recordOf(request);
      try {
        await editor[action](actor, record.id);
      } catch (error) {
        return refused(request, reply, record, record.fields, error, kbWords[request.consoleLang].notValid);
      }
      return reply.redirect(`/console/kb?done=${action === 'approve' ? 'approved' : 'saved'}`, 303);
    });
  }
};

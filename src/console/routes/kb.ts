/**
 * Knowledge that grows: a resolved case becomes a draft (`staff.kb_draft` in the customer's inbox, which
 * also records who did it on the case); supervisors edit, approve, reject and retire entries through the
 * desk's `kbEditor`, which checks the role and validates with the `flows/kb/` schema; and export the
 * approved entries as a file `flows:check` accepts. Agents and engineers get 403 on all of it but the
 * draft.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createKbStore, type KbRecord, type KbStore } from '../../cases/kb-store.js';
import { type KbEditor, kbEditor } from '../../desk/kb-commands.js';
import { isSupportError, SupportError } from '../../errors.js';
import type { KbEntryFields } from '../../kb/draft.js';
import { actorOf, assertSupervisor } from '../../staff/access.js';
import { runStaffCommand } from '../../staff/commands.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
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
  staff_steps_zh: text(6000),
  staff_steps_en: text(6000),
  /** Steps drafted from the engineer's actions: can a customer follow them, or are they for staff? */
  steps_for: z.enum(['customer', 'staff']).optional(),
  /** The steps still wait for that decision (the draft's flag, kept until it is made). */
  from_actions: z.enum(['1', '']).optional(),
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
  const drafted = steps(form.steps_zh, form.steps_en);
  const staffOnly = [...steps(form.staff_steps_zh, form.staff_steps_en)];
  const forStaff = form.steps_for === 'staff';
  if (forStaff) staffOnly.push(...drafted);
  return {
    next: form.next,
    fields: {
      categories,
      title: { zh: form.title_zh.trim(), en: form.title_en.trim() },
      keywords: { zh: list(form.keywords_zh, /[\n,，、]/), en: list(form.keywords_en, /[\n,]/) },
      parts: list(form.parts, /[\s,，、]+/),
      steps: forStaff ? [] : drafted,
      ...(staffOnly.length ? { staffSteps: staffOnly } : {}),
      ...(form.from_actions && !form.steps_for ? { stepsFromActions: true } : {}),
    },
  };
}

/** What the supervisors' pages share: the store, the editor, and how a request is checked. */
interface KbPages {
  ctx: ConsoleContext;
  store: KbStore;
  editor: KbEditor;
}

/** The signed-in supervisor as the editor's actor; anyone else gets 403 saying what they tried. */
function supervisor(request: FastifyRequest, what: string) {
  const { staff } = signedIn(request);
  assertSupervisor(staff, what);
  return actorOf(staff);
}

async function recordOf(pages: KbPages, request: FastifyRequest): Promise<KbRecord> {
  const { id } = parseInput(idParams, request.params, 'params');
  const record = await pages.store.get(id);
  if (!record) throw new SupportError('SUPPORT_ERR_NOT_FOUND', `no knowledge-base entry ${id}`);
  return record;
}

/** A refusal with the schema's problems: the form again, with what was typed and every problem. */
function refused(
  pages: KbPages,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: { record: KbRecord; fields: KbEntryFields; heading?: string },
  error: unknown,
) {
  if (!isSupportError(error, 'SUPPORT_ERR_VALIDATION') || !Array.isArray(error.extra?.problems)) throw error;
  const page = pageContext(request, pages.ctx.runtime);
  const problems = error.extra.problems as string[];
  return sendPage(reply, kbEditPage(page, entry.record, entry.fields, problems, entry.heading), 400);
}

/** Any member of staff who may see a case turns it into a draft; a supervisor goes on to edit it. */
function draftRoute(app: FastifyInstance, ctx: ConsoleContext): void {
  app.post('/console/cases/:ref/kb-draft', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const key = (request.body as Record<string, unknown> | undefined)?._key;
    const id = formActionId('staff-kb-draft', staff.name, kase.ref, key);
    const result = await runStaffCommand<{ id: string }>(
      ctx.runtime,
      kase,
      'staff.kb_draft',
      { staff: actorOf(staff) },
      id,
    );
    if (staff.role === 'supervisor') return reply.redirect(`/console/kb/${result.id}?done=drafted`, 303);
    return reply.redirect(`/console/cases/${kase.ref}?done=kb`, 303);
  });
}

/** The list of entries, and the approved ones exported as a file `flows:check` accepts. */
function listRoutes(app: FastifyInstance, pages: KbPages): void {
  const { runtime } = pages.ctx;
  app.get('/console/kb', async (request, reply) => {
    supervisor(request, 'manage the knowledge base');
    const page = pageContext(request, runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    const notice = done === 'approved' ? kbWords[page.lang].approvedNow : done ? page.w.done : undefined;
    return sendPage(reply, kbListPage(page, await pages.store.list(), notice));
  });

  app.get('/console/kb/export', async (request, reply) => {
    const yaml = await pages.editor.exportYaml(supervisor(request, 'export the knowledge base'));
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
}

/** One entry: its form, saving it (and approving it), and approve / reject / retire. */
function entryRoutes(app: FastifyInstance, pages: KbPages): void {
  const { editor } = pages;
  app.get('/console/kb/:id', async (request, reply) => {
    supervisor(request, 'edit knowledge-base entries');
    const record = await recordOf(pages, request);
    const page = pageContext(request, pages.ctx.runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    const w = kbWords[page.lang];
    const notice = done === 'drafted' ? w.drafted : done ? w.saved : undefined;
    return sendPage(reply, kbEditPage(page, record, record.fields, [], undefined, notice));
  });

  app.post('/console/kb/:id', async (request, reply) => {
    const actor = supervisor(request, 'edit knowledge-base entries');
    const record = await recordOf(pages, request);
    const { fields, next } = fieldsFromForm(request.body);
    try {
      await editor.save(actor, record.id, fields);
      if (next === 'approve') await editor.approve(actor, record.id);
    } catch (error) {
      return refused(pages, request, reply, { record, fields }, error);
    }
    return next === 'approve'
      ? reply.redirect('/console/kb?done=approved', 303)
      : reply.redirect(`/console/kb/${record.id}?done=saved`, 303);
  });

  for (const action of ['approve', 'reject', 'retire'] as const) {
    app.post(`/console/kb/:id/${action}`, async (request, reply) => {
      const actor = supervisor(request, `${action} knowledge-base entries`);
      const record = await recordOf(pages, request);
      try {
        await editor[action](actor, record.id);
      } catch (error) {
        const heading = kbWords[request.consoleLang].notValid;
        return refused(pages, request, reply, { record, fields: record.fields, heading }, error);
      }
      return reply.redirect(`/console/kb?done=${action === 'approve' ? 'approved' : 'saved'}`, 303);
    });
  }
}

export const kbRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const store = createKbStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const pages: KbPages = {
    ctx,
    store,
    editor: kbEditor({ store, files: runtime.content.kb, clock: runtime.clock }),
  };
  draftRoute(app, ctx);
  listRoutes(app, pages);
  entryRoutes(app, pages);
};

// Page routes of 区分处理 (decision 120): the redaction view of a disclosed file, its page images, and one form
// route for every operation (each the twin of its API operation, applications.redaction.routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError, isAppError, type FieldError } from '../shared/errors.ts';
import { adminShell, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { disclosureParams, runRedactionOp } from './applications.redaction.routes.ts';
import { REDACTION_ROUTES, redactionOpSchemas, type RedactionOpName } from './applications.redaction.schema.ts';
import { RedactionPage, type RedactionFormState } from './applications.redaction.views.tsx';
import { t } from '../../ui/i18n.ts';

const zodErrors = (e: z.ZodError): FieldError[] => e.issues.map((i) => ({ field: String(i.path[0] ?? 'version'), message: i.message }));

export function registerRedactionPages(app: FastifyInstance, services: Services): void {
  const staff = requireStaff();
  const s = services.applications;

  async function page(request: FastifyRequest, reply: FastifyReply, id: number, disclosureId: number, formState?: RedactionFormState, status = 200) {
    const actor = actorOf(request);
    const v = await s.redaction.view(actor, id, disclosureId);
    const d = await s.get(actor, id);
    return sendPage(reply, <RedactionPage shell={adminShell(request, takeFlash(request, reply))} v={v} caseCode={d.queryCode} {...(formState ? { formState } : {})} />, status);
  }

  app.get('/admin/applications/:id/disclosures/:disclosureId/redaction', { preHandler: staff, schema: { hide: true, params: disclosureParams } }, async (request, reply) => {
    const { id, disclosureId } = request.params as { id: number; disclosureId: number };
    return page(request, reply, id, disclosureId);
  });

  app.get('/admin/applications/:id/disclosures/:disclosureId/pages/:page', {
    preHandler: staff,
    schema: { hide: true, params: disclosureParams.extend({ page: z.coerce.number().int().positive().max(10000) }), querystring: z.object({ variant: z.enum(['original', 'redacted']).default('original'), v: z.string().max(20).optional() }) },
  }, async (request, reply) => {
    const { id, disclosureId, page: n } = request.params as { id: number; disclosureId: number; page: number };
    const { variant } = request.query as { variant: 'original' | 'redacted' };
    const png = await s.redaction.pageImage(actorOf(request), id, disclosureId, n, variant);
    return reply.type('image/png').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(png);
  });

  app.post('/admin/applications/:id/disclosures/:disclosureId/redaction/:op', {
    preHandler: staff,
    schema: { hide: true, params: disclosureParams.extend({ op: z.string().max(40) }) },
  }, async (request, reply) => {
    const { id, disclosureId, op: opName } = request.params as { id: number; disclosureId: number; op: string };
    if (!(opName in REDACTION_ROUTES)) throw new AppError('not_found');
    const op = opName as RedactionOpName;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') fields[k] = v;
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (v.trim() !== '') input[k] = v;
    if (op === 'setTerms') input.terms = (fields.terms ?? '').split(/\r?\n/).map((t) => t.trim()).filter(Boolean);
    const formKey = op === 'addBox' || op === 'addText' ? `${op}:${fields.page ?? ''}` : op === 'acceptSuggestion' ? `acceptSuggestion:${fields.key ?? ''}` : op;
    const refused = (errors: FieldError[], status: number) => page(request, reply, id, disclosureId, { form: formKey, values: fields, errors }, status);
    const parsed = redactionOpSchemas[op].safeParse(input);
    if (!parsed.success) return refused(zodErrors(parsed.error), 400);
    try {
      await runRedactionOp(services, actorOf(request), id, disclosureId, op, parsed.data as Record<string, unknown>);
    } catch (e) {
      if (!isAppError(e) || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
      return refused(e.fieldErrors.length ? e.fieldErrors : [{ field: 'version', message: e.detail ?? e.title }], e.status);
    }
    setFlash(reply, 'success', t(request.locale, `redaction.flash.${op}`));
    return seeOther(reply, `/admin/applications/${id}/disclosures/${disclosureId}/redaction`);
  });
}

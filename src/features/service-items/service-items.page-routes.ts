// Back-office pages of the service-item catalogue: list, item, create / edit / status forms, the three-level check with
// the must-match set. Each form calls the same service operation as its API twin (createServiceItem,
// updateServiceItem, setServiceItemMustMatch); field problems come back as an error summary on the page, a stale save
// (409) with the user's input kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { adminShell, sendPage, seeOther, setFlash, takeFlash } from '../shared/pages.ts';
import { isAppError, notFound } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import { ITEM_STATUSES, type ItemStatus } from '../../core/service-items/index.ts';
import { ServiceItemListPage, ServiceItemPage } from './service-items.pages.tsx';
import { ConsistencyPage, ServiceItemFormPage } from './service-items.form-pages.tsx';
import { formErrors, formToValues, valuesToForm, type FormFields } from './service-items.forms.ts';
import { levelOfKind } from './service-items.service.ts';
import { dateProblem } from '../../core/validation/index.ts';
import { siT } from './service-items.i18n.ts';

type Errors = { field: string; message: string }[];
const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Urlencoded or multipart fields as strings (a repeated field — checkboxes — joined with commas). */
function readFields(request: FastifyRequest): FormFields {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: FormFields = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || k.length > 80) continue;
    const parts = (Array.isArray(v) ? v : [v]).map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' && 'value' in p && typeof (p as { value: unknown }).value === 'string' ? (p as { value: string }).value : null)).filter((p): p is string => p !== null);
    if (parts.length) out[k] = parts.join(',');
  }
  return out;
}

/** A refusal the page answers itself: field problems (400) — anything else (403, 404) propagates. */
function fieldProblems(e: unknown): Errors | null {
  if (isAppError(e) && e.code === 'validation_failed') return formErrors(e.fieldErrors.length ? e.fieldErrors : [{ field: 'form', message: e.detail ?? e.title }]);
  return null;
}

export function registerServiceItemPages(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const si = services.serviceItems;

  r.get('/admin/services', {
    preHandler: requireStaff(),
    schema: { hide: true, querystring: z.object({ q: z.string().trim().max(100).optional(), page: z.coerce.number().int().min(1).max(10_000).default(1) }) },
  }, async (request, reply) => {
    const q = request.query;
    const actor = actorOf(request);
    const list = await si.list(actor, { ...(q.q ? { q: q.q } : {}), page: q.page, pageSize: 50 });
    return sendPage(reply, ServiceItemListPage({ shell: adminShell(request, takeFlash(request, reply)), ...list, q: q.q ?? '', canCreate: actor.role === 'officer' || actor.role === 'leader' }));
  });

  // ── create ──
  async function createMode(request: FastifyRequest) {
    const actor = actorOf(request);
    const agency = await services.agencies.get(actor.agencyId);
    const level = levelOfKind(agency?.kind ?? 'department');
    return { kind: 'create' as const, level, parents: level === 'district' ? [] : await si.implementable(actor) };
  }
  r.get('/admin/services/new', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, ServiceItemFormPage({ shell: adminShell(request), schema: await si.schema(), fields: {}, mode: await createMode(request) }));
  });
  r.post('/admin/services', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const fields = readFields(request);
    const schema = await si.schema();
    const mode = await createMode(request);
    const render = (errors: Errors) => sendPage(reply, ServiceItemFormPage({ shell: adminShell(request), schema, fields, errors, mode }), 400);
    const T = siT(request.locale);
    const pre: Errors = [];
    const parentId = fields.parentId ? Number(fields.parentId) : null;
    if (mode.level !== 'district' && (!parentId || !mode.parents.some((p) => p.id === parentId))) pre.push({ field: 'parentId', message: T('errors.parent') });
    if (fields.statusOn?.trim() && !DATE.test(fields.statusOn.trim())) pre.push({ field: 'statusOn', message: T('errors.startOnFormat') });
    if ((fields.reason ?? '').length > 500) pre.push({ field: 'reason', message: T('errors.noteTooLong') });
    if (pre.length) return render(pre);
    try {
      const d = await si.create(actor, {
        ...(parentId ? { parentId } : {}), values: formToValues(schema, fields, false),
        ...(fields.statusOn?.trim() ? { statusOn: fields.statusOn.trim() } : {}), ...(fields.reason?.trim() ? { reason: fields.reason.trim() } : {}),
      });
      setFlash(reply, 'success', T('flash.created', { name: d.name }));
      return seeOther(reply, `/admin/services/${d.id}`);
    } catch (e) {
      const errs = fieldProblems(e);
      if (errs) return render(errs);
      throw e;
    }
  });

  // ── the item ──
  r.get('/admin/services/:id', { preHandler: requireStaff(), schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const item = await si.get(actor, request.params.id);
    const storedFiles = new Set((await si.files(actor, item.id)).map((f) => f.filename));
    return sendPage(reply, ServiceItemPage({ shell: adminShell(request, takeFlash(request, reply)), item, canEdit: si.canEdit(actor, item), storedFiles }));
  });

  // ── edit elements ──
  const editPage = async (request: FastifyRequest, reply: FastifyReply, id: number, fields: FormFields, status: number, errors?: Errors, stale?: { detail: string }) => {
    const actor = actorOf(request);
    const item = await si.get(actor, id);
    if (!si.canEdit(actor, item)) throw notFound();
    return sendPage(reply, ServiceItemFormPage({ shell: adminShell(request), schema: item.schema, fields, ...(errors ? { errors } : {}), ...(stale ? { stale } : {}), mode: { kind: 'edit', id, name: item.name, version: item.version } }), status);
  };
  r.get('/admin/services/:id/edit', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true, params: idParams } }, async (request, reply) => {
    const item = await si.get(actorOf(request), request.params.id);
    return editPage(request, reply, item.id, valuesToForm(item.schema, item.values), 200);
  });
  r.post('/admin/services/:id/edit', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const fields = readFields(request);
    const item = await si.get(actor, id);
    if (!si.canEdit(actor, item)) throw notFound();
    const T = siT(request.locale);
    const version = /^\d{1,9}$/.test(fields.version ?? '') ? Number(fields.version) : 0;
    if (version < 1) return editPage(request, reply, id, fields, 400, [{ field: 'form', message: T('errors.noVersionEdit') }]);
    try {
      await si.update(actor, id, { version, values: formToValues(item.schema, fields, true), reason: (fields.reason ?? '').slice(0, 2000) });
      setFlash(reply, 'success', T('flash.updated'));
      return seeOther(reply, `/admin/services/${id}`);
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') {
        // someone saved meanwhile: the form comes back with this user's input and the newer version, so a second
        // save is a conscious decision after looking at the newer content
        return editPage(request, reply, id, fields, 409, [{ field: 'form', message: T('errors.staleEdit') }], { detail: e.detail ?? e.title });
      }
      const errs = fieldProblems(e);
      if (errs) return editPage(request, reply, id, fields, 400, errs);
      throw e;
    }
  });

  // ── status ──
  r.post('/admin/services/:id/status', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const fields = readFields(request);
    const item = await si.get(actor, id);
    if (!si.canEdit(actor, item)) throw notFound();
    const storedFiles = new Set((await si.files(actor, item.id)).map((f) => f.filename));
    const render = (errors: Errors, code: number) => sendPage(reply, ServiceItemPage({ shell: adminShell(request), item, canEdit: true, storedFiles, status: { fields, errors } }), code);
    const T = siT(request.locale);
    const pre: Errors = [];
    const status = fields.status as ItemStatus | undefined;
    if (!status || !(ITEM_STATUSES as readonly string[]).includes(status)) pre.push({ field: 'status', message: T('errors.status') });
    if (!fields.statusOn?.trim()) pre.push({ field: 'statusOn', message: T('errors.statusOnMissing') });
    else if (!DATE.test(fields.statusOn.trim())) pre.push({ field: 'statusOn', message: T('errors.statusOnFormat') });
    else { const p = dateProblem(fields.statusOn.trim(), T('statusForm.on')); if (p) pre.push({ field: 'statusOn', message: p }); }
    const version = /^\d{1,9}$/.test(fields.version ?? '') ? Number(fields.version) : 0;
    if (version < 1) pre.push({ field: 'form', message: T('errors.noVersion') });
    if (pre.length) return render(pre, 400);
    try {
      await si.update(actor, id, { version, status: status!, statusOn: fields.statusOn!.trim(), reason: (fields.reason ?? '').slice(0, 2000) });
      setFlash(reply, 'success', T('flash.status'));
      return seeOther(reply, `/admin/services/${id}`);
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') return render([{ field: 'form', message: T('errors.staleStatus') }], 409);
      const errs = fieldProblems(e);
      if (errs) return render(errs, 400);
      throw e;
    }
  });

  // ── the three-level check and the must-match set ──
  const checkQuery = z.object({ agency: z.string().trim().max(40).optional() });
  const checkPage = async (request: FastifyRequest, reply: FastifyReply, code: string | undefined, extra: { fields?: FormFields; errors?: Errors; stale?: string }, status: number) => {
    const actor = actorOf(request);
    const agency = code ? await services.agencies.getByCreditCode(code) : await services.agencies.get(actor.agencyId);
    if (!agency) throw notFound();
    const [result, settings, schema] = await Promise.all([si.consistency(actor, agency.id), si.settings(), si.schema()]);
    return sendPage(reply, ConsistencyPage({ shell: adminShell(request, takeFlash(request, reply)), agency: agency.name, result, schema, mustMatch: settings.mustMatch, mustMatchVersion: settings.mustMatchVersion, canEditSet: actor.role === 'supervisor', ...extra }), status);
  };
  r.get('/admin/services/check', { preHandler: requireStaff(), schema: { hide: true, querystring: checkQuery } }, async (request, reply) => checkPage(request, reply, request.query.agency, {}, 200));
  r.post('/admin/services/must-match', { preHandler: requireStaff('supervisor'), schema: { hide: true } }, async (request, reply) => {
    const fields = readFields(request);
    const keys = (fields.keys ?? '').split(',').map((k) => k.trim()).filter(Boolean).slice(0, 100);
    const T = siT(request.locale);
    const version = /^\d{1,9}$/.test(fields.version ?? '') ? Number(fields.version) : -1;
    if (version < 0) return checkPage(request, reply, undefined, { fields, errors: [{ field: 'form', message: T('errors.noVersion') }] }, 400);
    try {
      await si.setMustMatch(actorOf(request), keys, version);
      setFlash(reply, 'success', T('flash.mustMatch'));
      return seeOther(reply, '/admin/services/check');
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') return checkPage(request, reply, undefined, { fields, errors: [{ field: 'form', message: e.detail ?? e.title }], stale: T('check.staleKept') }, 409);
      const errs = fieldProblems(e);
      if (errs) return checkPage(request, reply, undefined, { fields, errors: errs }, 400);
      throw e;
    }
  });
}

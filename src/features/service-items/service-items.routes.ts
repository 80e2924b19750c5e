// Doors of the service-item catalogue (JSON API): list / get / create / update with optimistic locking, the
// must-match check across 区 / 街道 / 社区 with completeness scores, and the must-match setting. Thin handlers:
// validate (zod) → one service call → present; the service authorises (scope, roles, separation of duties).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { notFound } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import { ITEM_STATUSES, ITEM_TYPES } from '../../core/service-items/index.ts';
import { LEVELS } from './service-items.service.ts';
import { registerServiceItemPages } from './service-items.page-routes.ts';
import { readCaseTable } from './service-items.table.ts';
import { catalogueXlsx } from './service-items.export.ts';
import { registerServiceItemPortal } from './service-items.portal.ts';
import { registerServiceItemImports } from './service-items.import-routes.ts';
import { registerServiceItemFiles } from './service-items.file-routes.ts';

const summary = z.object({
  id: z.number().int(), name: z.string(), code: z.string().describe('实施编码'), basicCode: z.string().describe('基本编码'), type: z.string().describe('事项类型'),
  level: z.enum(LEVELS).describe('district 区 / street 街道 / community 社区'), levelLabel: z.string(), agency: z.string(), agencyId: z.number().int(),
  status: z.enum(ITEM_STATUSES).describe('active 在用 / suspended 暂停 / cancelled 取消'), statusLabel: z.string(), parentId: z.number().int().nullable(), version: z.number().int(),
});
const values = z.record(z.string().max(40), z.unknown()).describe('要素代码 → 值（见 GET /api/service-items/elements）');
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').meta({ format: 'date' });
const agencyCode = z.string().trim().min(1).max(40).describe('机构的统一社会信用代码');

export function registerServiceItemsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const si = services.serviceItems;
  const agencyByCode = async (code: string) => {
    const a = await services.agencies.getByCreditCode(code);
    if (!a) throw notFound('没有这个统一社会信用代码的机构');
    return a;
  };

  r.get('/api/service-items', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'listServiceItems', summary: '政务服务事项（实施清单）列表：按机构、检索词、事项类型、层级筛选，分页', tags: ['service-items'],
      querystring: z.object({
        agency: agencyCode.optional(), q: z.string().trim().max(100).optional(), type: z.enum(ITEM_TYPES).optional(), level: z.enum(LEVELS).optional(), status: z.enum(ITEM_STATUSES).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(summary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => {
    const q = request.query;
    const agencyId = q.agency ? (await agencyByCode(q.agency)).id : undefined;
    return si.list(actorOf(request), { ...(agencyId !== undefined ? { agencyId } : {}), ...(q.q ? { q: q.q } : {}), ...(q.type ? { type: q.type } : {}), ...(q.level ? { level: q.level } : {}), ...(q.status ? { status: q.status } : {}), page: q.page, pageSize: q.pageSize });
  });

  r.get('/api/service-items/elements', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'getServiceItemElements', summary: '事项要素目录（基本目录、实施清单要素，含管理员增加的要素）和必须一致的要素', tags: ['service-items'],
      response: { 200: z.object({ elements: z.array(z.object({ key: z.string(), label: z.string(), group: z.string(), kind: z.string(), options: z.array(z.string()).optional(), required: z.boolean().optional(), builtin: z.boolean() }).passthrough()), mustMatch: z.array(z.string()), mustMatchVersion: z.number().int(), elementsVersion: z.number().int() }), ...problemSchemas(401) },
    },
  }, async () => {
    const s = await si.settings();
    return { elements: (await si.schema()).map((e) => ({ ...e, options: e.options ? [...e.options] : undefined })), mustMatch: s.mustMatch, mustMatchVersion: s.mustMatchVersion, elementsVersion: s.elementsVersion };
  });

  r.put('/api/service-items/must-match', {
    preHandler: requireStaff('supervisor'),
    schema: {
      operationId: 'setServiceItemMustMatch', summary: '设置各级必须一致的要素（政务公开主管部门）', tags: ['service-items'],
      body: z.object({ keys: z.array(z.string().max(40)).max(100), version: z.number().int().min(0) }),
      response: { 204: z.null(), ...problemSchemas(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    await si.setMustMatch(actorOf(request), request.body.keys, request.body.version);
    return reply.code(204).send(null);
  });

  r.post('/api/service-items/elements', {
    preHandler: requireStaff('admin'),
    schema: {
      operationId: 'addServiceItemElement', summary: '增加事项要素（系统管理员）', tags: ['service-items'],
      body: z.object({ key: z.string().max(40), label: z.string().max(40), group: z.enum(['basic', 'impl']), kind: z.enum(['text', 'longtext', 'choice', 'integer', 'yesno', 'url']), options: z.array(z.string().max(40)).max(50).optional(), version: z.number().int().min(0) }),
      response: { 204: z.null(), ...problemSchemas(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const { version, ...def } = request.body;
    await si.addElement(actorOf(request), def, version);
    return reply.code(204).send(null);
  });

  r.get('/api/service-items/consistency', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'checkServiceItemConsistency', summary: '三级一致性检查：必须一致的要素在区、街道、社区之间的差异，各单位的要素完整度得分', tags: ['service-items'],
      description: 'agency 为区级机构时检查它和它下面的每个单位；省略时为本单位。',
      querystring: z.object({ agency: agencyCode.optional() }),
      response: {
        200: z.object({
          mustMatch: z.array(z.object({ key: z.string(), label: z.string() })),
          differences: z.array(z.object({ item: z.number().int(), itemName: z.string(), element: z.string(), label: z.string(), values: z.array(z.object({ agency: z.string(), agencyId: z.number().int(), itemId: z.number().int(), value: z.string(), differs: z.boolean() })) })),
          scores: z.array(z.object({ agency: z.string(), agencyId: z.number().int(), score: z.number().int(), items: z.number().int(), incomplete: z.number().int() })),
        }),
        ...problemSchemas(400, 401, 404),
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const agencyId = request.query.agency ? (await agencyByCode(request.query.agency)).id : actor.agencyId;
    return si.consistency(actor, agencyId);
  });

  r.get('/api/service-items/:id', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'getServiceItem', summary: '一个事项：全部要素、变更历史、完整度问题和各级实施情况', tags: ['service-items'],
      params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
      response: { 200: summary.extend({ statusSince: z.string(), values, schema: z.array(z.object({ key: z.string(), label: z.string() }).passthrough()), history: z.array(z.object({ version: z.number().int(), kind: z.string(), status: z.string().nullable(), effectiveOn: z.string().nullable(), changes: z.array(z.object({ key: z.string(), label: z.string(), before: z.string(), after: z.string() })), reason: z.string().nullable(), actor: z.string(), at: z.string() })), completeness: z.array(z.object({ rule: z.string(), element: z.string(), message: z.string() })), score: z.number().int(), implementations: z.array(summary) }), ...problemSchemas(401, 404) },
    },
  }, async (request) => {
    const d = await si.get(actorOf(request), request.params.id);
    return { ...d, schema: d.schema.map((e) => ({ ...e })) as { key: string; label: string }[] };
  });

  r.post('/api/service-items', {
    preHandler: requireStaff('officer', 'leader', 'admin'),
    schema: {
      operationId: 'createServiceItem', summary: '新增事项（区级部门确定基本目录和实施清单），或由街道、社区实施区级部门的事项（parentId）', tags: ['service-items'],
      body: z.object({ agency: agencyCode.optional(), parentId: z.number().int().min(1).nullable().optional(), values, status: z.enum(ITEM_STATUSES).optional(), statusOn: dateText.optional(), reason: z.string().max(500).optional() }),
      response: { 201: z.object({ id: z.number().int(), version: z.number().int() }), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const b = request.body;
    const agencyId = b.agency ? (await agencyByCode(b.agency)).id : undefined;
    const d = await si.create(actorOf(request), { ...(agencyId !== undefined ? { agencyId } : {}), ...(b.parentId ? { parentId: b.parentId } : {}), values: b.values as never, ...(b.status ? { status: b.status } : {}), ...(b.statusOn ? { statusOn: b.statusOn } : {}), ...(b.reason ? { reason: b.reason } : {}) });
    return reply.code(201).send({ id: d.id, version: d.version });
  });

  r.put('/api/service-items/:id', {
    preHandler: requireStaff('officer', 'leader', 'admin'),
    schema: {
      operationId: 'updateServiceItem', summary: '修改事项要素或状态（在用/暂停/取消）：须带当前版本号（否则 409）和变更原因', tags: ['service-items'],
      description: 'values 中给出的要素替换原值，值为 null 或空字符串时清空；未给出的要素不变。',
      params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
      body: z.object({ version: z.number().int().min(1), values: values.optional(), status: z.enum(ITEM_STATUSES).optional(), statusOn: dateText.optional(), reason: z.string().max(500) }),
      response: { 200: z.object({ id: z.number().int(), version: z.number().int() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const b = request.body;
    const d = await si.update(actorOf(request), request.params.id, { version: b.version, ...(b.values ? { values: b.values as never } : {}), ...(b.status ? { status: b.status } : {}), ...(b.statusOn ? { statusOn: b.statusOn } : {}), reason: b.reason });
    return { id: d.id, version: d.version };
  });

  r.post('/api/service-items/cases/import', {
    preHandler: requireStaff('officer', 'leader', 'admin'),
    schema: {
      operationId: 'importServiceCases', summary: '导入办件（CSV 或 XLSX）：按办件编号幂等，dryRun 时只检查并列出每一行的问题', tags: ['service-items'],
      description: '第一行为表头：办件编号、办结日期、实施编码、决定类型（可空：按事项类型归入表二类别）、办理结果。任何一行有问题时不导入任何一行。已导入的办件编号再次导入时，内容相同则不变，不同则更新。',
      body: z.object({ agency: agencyCode.optional(), filename: z.string().trim().min(1).max(200).regex(/\.(csv|xlsx)$/i, '文件应为 .csv 或 .xlsx'), contentBase64: z.string().min(1).max(40_000_000).regex(/^[A-Za-z0-9+/=\s]+$/, '文件内容应为 base64'), dryRun: z.boolean().default(false) }),
      response: {
        200: z.object({
          dryRun: z.boolean(), total: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
          problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
          summary: z.array(z.object({ year: z.number().int(), category: z.string(), count: z.number().int() })),
        }),
        ...problemSchemas(400, 401, 403, 404, 409, 422),
      },
    },
  }, async (request) => {
    const b = request.body;
    const actor = actorOf(request);
    const agencyId = b.agency ? (await agencyByCode(b.agency)).id : actor.agencyId;
    const table = await readCaseTable(b.filename, Buffer.from(b.contentBase64, 'base64'));
    return si.importCases(actor, agencyId, table, { dryRun: b.dryRun });
  });

  r.get('/api/service-items/export', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'exportServiceItems', summary: '导出事项目录（XLSX）：实施单位、层级、状态、状态生效日期，然后按要素目录顺序的全部要素，每个实施单位一行', tags: ['service-items'],
      querystring: z.object({ agency: agencyCode.optional().describe('只导出该机构及其下级单位；省略时为本人可见的全部单位') }),
      response: { 200: z.any().describe('XLSX 文件'), ...problemSchemas(400, 401, 404) },
    },
  }, async (request, reply) => {
    const agencyId = request.query.agency ? (await agencyByCode(request.query.agency)).id : undefined;
    const { schema, rows } = await si.exportRows(actorOf(request), agencyId);
    const buf = await catalogueXlsx(schema, rows);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('政务服务事项目录.xlsx')}`).send(buf);
  });

  registerServiceItemImports(app, services);
  registerServiceItemFiles(app, services);
  registerServiceItemPages(app, services);
  registerServiceItemPortal(app, services);
}

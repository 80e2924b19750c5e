import { z } from 'zod';
import { dateField } from '../shared/fields.ts';

const ymd = dateField('日期', { future: true });

const emptyToUndef = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Filters of the audit log (query string of GET /api/audit-events and /admin/audit). */
export const auditFiltersSchema = z.object({
  actor: z.preprocess(emptyToUndef, z.string().max(100).optional()).describe('操作人用户名显示名'),
  action: z.preprocess(emptyToUndef, z.string().max(100).optional()).describe('操作，例如 user.create'),
  entity: z.preprocess(emptyToUndef, z.string().max(100).optional()).describe('对象类型，例如 user'),
  agencyId: z.preprocess(emptyToUndef, z.coerce.number().int().positive().optional()).describe('机构 id'),
  from: z.preprocess(emptyToUndef, ymd.optional()).describe('起始日期（含）'),
  to: z.preprocess(emptyToUndef, ymd.optional()).describe('截止日期（含）'),
  sort: z.preprocess(emptyToUndef, z.enum(['at', 'actor', 'action']).optional()).describe('排序列'),
  dir: z.preprocess(emptyToUndef, z.enum(['asc', 'desc']).optional()).describe('排序方向'),
  page: z.preprocess(emptyToUndef, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndef, z.coerce.number().int().min(1).max(200).default(50)),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actorName: z.string(),
  agencyId: z.number().int().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export const auditChainVerificationSchema = z.object({
  ok: z.boolean().describe('true：审计链完整'),
  checked: z.number().int().describe('校验的事件数'),
  lastSeq: z.number().int().describe('链头序号（可抄录到数据库以外，用于发现整链重写）'),
  lastHash: z.string().describe('链头哈希（SHA-256，十六进制）'),
  verifiedAt: z.string().describe('校验时间（UTC）'),
  problemCount: z.number().int().describe('发现的问题数'),
  problems: z
    .array(
      z.object({
        kind: z.enum(['changed', 'removed', 'inserted', 'head']).describe('changed 被修改 · removed 被删除 · inserted 被插入 · head 链头不符'),
        eventId: z.number().int().nullable().describe('涉及的事件 id（删除时为其后的事件）'),
        at: z.string().nullable(),
        action: z.string().nullable(),
        chainSeq: z.number().int().nullable(),
        message: z.string().describe('中文说明，指明事件'),
      }),
    )
    .describe('前 100 处问题，按链的顺序'),
});

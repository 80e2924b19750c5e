// Input schemas (zod) for catalogue drafts, actions and queries. Messages say what to fix, in Chinese.
import { z } from 'zod';
import { ITEM_KIND_KEYS } from '../../core/catalogue/categories.ts';
import { dateField, meaningful } from '../shared/fields.ts';

// 成文日期 and 形成或变更日期 are real calendar dates from 1949-10-01 to today (the service checks "today" with its
// clock); a 废止/失效 date may be announced ahead.
const date = (label: string, future = false) => dateField(label, { future });
const optText = (max: number, label = '该项') => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), meaningful(z.string().trim().max(max, { error: `${label}不能超过${max}个字` }), label).nullable().optional());

/** Roles that draft catalogue items (and import them): the forms are offered to these only (not the administrator: decision 061). */
export const DRAFTER_ROLES = ['officer'] as const;
/** Roles that edit the agency's 公开指南 / 公开制度 pages. */
export const PORTAL_PAGE_EDITOR_ROLES = ['officer', 'leader'] as const;

export const draftInput = z.object({
  title: meaningful(z.string({ error: '请填写标题' }).trim().min(2, '请填写标题（至少 2 个字）').max(300, '标题不能超过 300 个字'), '标题', 2),
  docNumber: optText(100, '文号'),
  publisher: optText(200, '发布机构'),
  madeOn: z.preprocess((v) => (v === '' ? null : v), date('成文日期').nullable().optional()),
  formedOn: z.preprocess((v) => (v === '' ? undefined : v), date('形成或变更日期').optional()),
  kind: z.enum(ITEM_KIND_KEYS, { error: '请选择信息类型' }),
  category: z.coerce.number({ error: '请选择第二十条类别' }).int().min(1, '请选择第二十条类别').max(15, '请选择第二十条类别'),
  subject: optText(100, '主题分类'),
  disclosure: z.enum(['proactive', 'on_request', 'withheld'], { error: '请选择公开属性' }),
  withholdReason: optText(50, '不予公开的理由'),
  summary: optText(1000, '内容概述'),
  body: z.string().max(500_000, '正文太长（不超过 50 万字）').default(''),
  /** 'html' when the body is rich text from the editor; 'text' (default) for plain paragraphs */
  bodyFormat: z.enum(['html', 'text']).default('text'),
  changeNote: optText(500, '变更说明'),
});
export type DraftInput = z.infer<typeof draftInput>;

/** The item version the editor saw (optimistic locking: a save over a newer version answers 409). */
const itemVersion = z.coerce.number({ error: '缺少版本号 version（用于防止覆盖他人的修改），请刷新页面后重试' }).int().positive({ error: '版本号 version 不正确，请刷新页面后重试' });

/** updateCatalogueDraft: the draft fields plus the version the editor loaded. */
export const draftUpdateInput = draftInput.extend({ version: itemVersion });
export type DraftUpdateInput = z.infer<typeof draftUpdateInput>;

export const actionInput = z.object({
  action: z.enum(['submit', 'record_review', 'approve', 'return', 'publish', 'revise', 'withdraw', 'abolish', 'delete']),
  reviewResult: z.enum(['pass', 'fail']).optional(),
  basis: optText(1000, '审查依据'),
  reason: optText(1000, '理由'),
  validity: z.enum(['abolished', 'expired']).optional(),
  effectiveOn: z.preprocess((v) => (v === '' ? undefined : v), date('废止或失效日期', true).optional()),
  /** The item version the user saw; when given, an action on a newer version answers 409. */
  version: z.preprocess((v) => (v === '' ? undefined : v), itemVersion.optional()),
});
export type ActionInput = z.infer<typeof actionInput>;

export const searchQuery = z.object({
  q: z.string().max(200).optional().default(''),
  agency: z.string().max(40).optional(),
  category: z.coerce.number().int().min(1).max(15).optional(),
  kind: z.enum(ITEM_KIND_KEYS).optional(),
  year: z.coerce.number().int().min(1949).max(2200).optional(),
  validity: z.enum(['valid', 'abolished', 'expired']).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional().default(1),
});
export type SearchParams = z.infer<typeof searchQuery>;

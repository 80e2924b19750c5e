// Bulk import of ratings exported by 评价器 devices and the provincial 好差评 platform (CSV or XLSX; the columns in
// IMPORT_COLUMNS, Chinese or English headers): every row checked with all its problems listed (a dry run writes
// nothing), idempotent by the row's source id (a row whose source id is stored already counts as a duplicate), 差评
// open their work orders like any other 差评 (国办发〔2019〕51号: 每个差评都要整改). The rating window of the public
// form does not apply: the device or platform recorded the rating when it was given.
import { createHash } from 'node:crypto';
import { excelJs } from '../shared/libraries.ts';
import iconv from 'iconv-lite';
import type { Insertable, Kysely } from 'kysely';
import type { Database, EvaluationsTable } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import { CHANNELS, CHANNEL_LABELS, LEVEL_LABELS, TARGET_LABELS, TARGET_TYPES, isBad, onceKey, orderDue, type Channel, type EvaluationSettings, type Level, type TargetType } from '../../core/evaluations/index.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import { phoneProblem } from '../../core/validation/index.ts';
import * as repo from './evaluations.repository.ts';
import { IMPORT_COLUMNS } from './evaluations.columns.ts';
import { parseCsv, XLSX_LIMITS } from '../catalogue/catalogue.import.ts';
import { safeArchive } from '../shared/archive.ts';

export { IMPORT_COLUMNS } from './evaluations.columns.ts';
export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

export interface ImportProblem { row: number; problems: string[] }
export interface ImportResult { rows: number; accepted: number; duplicates: number; rejected: ImportProblem[] }

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const CHANNEL_ALIASES: Record<string, Channel> = {
  ...Object.fromEntries(CHANNELS.map((c) => [c, c])), ...Object.fromEntries(Object.entries(CHANNEL_LABELS).map(([k, v]) => [norm(v), k as Channel])),
  评价器: 'window_device', 窗口: 'window_device', 二维码: 'qr', 小程序: 'qr', 随机问卷: 'survey', 问卷调查: 'survey', 电话: 'phone_visit', 网站: 'online', 终端: 'kiosk',
};
const TARGET_ALIASES: Record<string, TargetType> = { ...Object.fromEntries(TARGET_TYPES.map((t) => [t, t])), ...Object.fromEntries(Object.entries(TARGET_LABELS).map(([k, v]) => [norm(v), k as TargetType])), 事项: 'service_item', 工号: 'staff' };
const LEVEL_ALIASES: Record<string, Level> = { ...Object.fromEntries(([5, 4, 3, 2, 1] as Level[]).map((l) => [norm(LEVEL_LABELS[l]), l])), 好评: 5, 差评: 1 };

/** Column index of each key in the header row; the missing required columns. */
export function mapHeader(header: readonly string[]): { index: Partial<Record<ImportKey, number>>; missing: string[] } {
  const index: Partial<Record<ImportKey, number>> = {};
  const h = header.map(norm);
  for (const c of IMPORT_COLUMNS) {
    const i = h.findIndex((x) => (c.headers as readonly string[]).some((name) => norm(name) === x));
    if (i >= 0) index[c.key] = i;
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map((c) => c.headers[0]);
  return { index, missing };
}

export interface CheckedRow {
  sourceId: string; agency: string; ratedOn: string; level: Level; channel: Channel; targetType: TargetType; targetRef: string | null;
  serviceItemCode: string | null; comment: string | null; name: string | null; phone: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function dateProblem(v: string, today: string): string | null {
  const m = DATE.exec(v);
  if (!m) return `评价日期“${v}”应为 YYYY-MM-DD`;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.toISOString().slice(0, 10) !== v) return `评价日期“${v}”不是有效日期`;
  if (v > today) return `评价日期 ${v} 晚于今天`;
  if (v < '2008-05-01') return `评价日期 ${v} 太早`;
  return null;
}

/** One row: the values or every problem of the row (pure). */
export function checkRow(cells: readonly string[], index: Partial<Record<ImportKey, number>>, today: string): { row: CheckedRow | null; problems: string[] } {
  const g = (k: ImportKey) => (index[k] === undefined ? '' : String(cells[index[k]!] ?? '').trim());
  const problems: string[] = [];
  const sourceId = g('sourceId');
  if (!sourceId) problems.push('缺少来源编号');
  else if (sourceId.length > 100) problems.push('来源编号超过100个字符');
  const agency = g('agency').toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(agency)) problems.push(agency ? `统一社会信用代码“${agency}”应为18位数字或大写字母` : '缺少机构统一社会信用代码');
  const ratedOn = g('ratedOn');
  const dp = ratedOn ? dateProblem(ratedOn, today) : '缺少评价日期';
  if (dp) problems.push(dp);
  const lv = g('level');
  const level = /^[1-5]$/.test(lv) ? (Number(lv) as Level) : LEVEL_ALIASES[norm(lv)];
  if (!level) problems.push(lv ? `评价等级“${lv}”应为1至5或“非常满意”至“非常不满意”` : '缺少评价等级');
  const ch = g('channel');
  const channel = CHANNEL_ALIASES[norm(ch)] ?? CHANNEL_ALIASES[ch];
  if (!channel) problems.push(ch ? `评价渠道“${ch}”无法识别` : '缺少评价渠道');
  const tt = g('targetType');
  const targetType = tt ? (TARGET_ALIASES[norm(tt)] ?? TARGET_ALIASES[tt]) : 'agency';
  if (!targetType) problems.push(`评价对象类型“${tt}”无法识别`);
  const refRaw = g('targetRef') || null;
  const targetRef = refRaw && targetType === 'case' ? refRaw.toUpperCase() : refRaw;
  if (targetType && targetType !== 'agency' && !targetRef) problems.push(`评价对象为${TARGET_LABELS[targetType]}时须填写对象编号`);
  if (targetRef && targetRef.length > 100) problems.push('评价对象编号超过100个字符');
  const comment = g('comment') || null;
  if (comment && comment.length > 1000) problems.push('评价内容超过1000字');
  const name = g('name') || null;
  const phone = g('phone') || null;
  if ((name && !phone) || (!name && phone)) problems.push('实名评价须同时填写评价人姓名和电话');
  if (name && name.length > 50) problems.push('评价人姓名超过50个字');
  const pp = phone ? phoneProblem(phone, '评价人电话') : null;
  if (pp) problems.push(pp);
  const serviceItemCode = g('serviceItemCode') || null;
  if (serviceItemCode && serviceItemCode.length > 100) problems.push('事项编码超过100个字符');
  if (problems.length) return { row: null, problems };
  return { row: { sourceId, agency, ratedOn, level: level!, channel: channel!, targetType: targetType!, targetRef, serviceItemCode, comment, name, phone }, problems };
}

/** A receipt code for an imported rating, derived from its source id (unique with it; the rater never saw one). */
export function importedReceipt(sourceId: string): string {
  const h = createHash('sha256').update(sourceId).digest();
  const A = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 12; i++) s += A[h[i]! % 32];
  return `IM${s}`;
}

export interface ImportDeps {
  audit: AuditService;
  cipher: PersonalDataCipher;
  /** ids of the agencies with these 统一社会信用代码 (the unknown ones are missing) */
  agencyIdsByCodes: (codes: readonly string[]) => Promise<Map<string, number>>;
  settings: () => Promise<EvaluationSettings>;
  calendar: () => Promise<Calendar>;
  today: () => string;
  clock: () => Date;
  nameField: string;
  phoneField: string;
}

export const IMPORT_BATCH = 1000;

/**
 * Imports the data rows of a table (header first). The file's row numbers (header = row 1) name each rejected row;
 * `onProgress(done, total)` after every batch.
 */
export async function importRatings(db: Kysely<Database>, deps: ImportDeps, grid: readonly (readonly string[])[], opts: { dryRun?: boolean; actor?: AuditActor; onProgress?: (done: number, total: number) => void } = {}): Promise<ImportResult> {
  const [header, ...body] = grid;
  const result: ImportResult = { rows: body.length, accepted: 0, duplicates: 0, rejected: [] };
  if (!header) return result;
  const { index, missing } = mapHeader(header);
  if (missing.length) {
    result.rejected.push({ row: 1, problems: [`缺少必填列：${missing.join('、')}（列名见 gongkai evaluations import --help）`] });
    return result;
  }
  const today = deps.today();
  const at = nowIso(deps.clock);
  const agencyIds = new Map<string, number | null>();
  const seen = new Set<string>();
  const seenOnce = new Set<string>();
  const settings = await deps.settings();
  const calendar = await deps.calendar();
  for (let start = 0; start < body.length; start += IMPORT_BATCH) {
    const batch = body.slice(start, start + IMPORT_BATCH);
    const checked: { rowNo: number; row: CheckedRow; agencyId: number; key: string | null }[] = [];
    const results = batch.map((cells) => checkRow(cells, index, today));
    const unknown = [...new Set(results.flatMap((r) => (r.row && !agencyIds.has(r.row.agency) ? [r.row.agency] : [])))];
    if (unknown.length) {
      const found = await deps.agencyIdsByCodes(unknown);
      for (const c of unknown) agencyIds.set(c, found.get(c) ?? null);
    }
    for (let i = 0; i < batch.length; i++) {
      const rowNo = start + i + 2;
      const { row, problems } = results[i]!;
      if (row) {
        const agencyId = agencyIds.get(row.agency);
        if (!agencyId) problems.push(`找不到统一社会信用代码为“${row.agency}”的机构`);
        else if (seen.has(row.sourceId)) result.duplicates++;
        else {
          seen.add(row.sourceId);
          checked.push({ rowNo, row, agencyId, key: onceKey(agencyId, row.targetType, row.targetRef, row.channel) });
          continue;
        }
      }
      if (problems.length) result.rejected.push({ row: rowNo, problems });
    }
    const known = await repo.knownSourceIds(db, checked.map((c) => c.row.sourceId));
    const fresh = checked.filter((c) => !known.has(c.row.sourceId));
    result.duplicates += checked.length - fresh.length;
    // one rating per 办件 and channel (“一次一评”): a second one, stored or earlier in the file, is a problem of its row
    const knownKeys = await repo.knownOnceKeys(db, fresh.flatMap((c) => (c.key ? [c.key] : [])));
    const rows: Insertable<EvaluationsTable>[] = [];
    const accepted: typeof fresh = [];
    for (const c of fresh) {
      if (c.key && (knownKeys.has(c.key) || seenOnce.has(c.key))) {
        result.rejected.push({ row: c.rowNo, problems: [`办件“${c.row.targetRef}”已经通过“${CHANNEL_LABELS[c.row.channel]}”评价过，每个办件每个渠道只能评价一次`] });
        continue;
      }
      if (c.key) seenOnce.add(c.key);
      accepted.push(c);
      const r = c.row;
      const named = Boolean(r.name && r.phone);
      rows.push({
        agency_id: c.agencyId, receipt_code: importedReceipt(r.sourceId), level: r.level, channel: r.channel, target_type: r.targetType, target_ref: r.targetRef,
        service_item_code: r.serviceItemCode ?? (r.targetType === 'service_item' ? r.targetRef : null), comment: r.comment, indicators_json: null, real_name: named ? 1 : 0,
        rater_name: named ? deps.cipher.seal(deps.nameField, r.name) : null, rater_phone: named ? deps.cipher.seal(deps.phoneField, r.phone) : null,
        phone_hash: named ? deps.cipher.hash('phone', r.phone) : null, rated_on: r.ratedOn, created_at: at, once_key: c.key, source_id: r.sourceId,
      });
    }
    result.accepted += accepted.length;
    if (!opts.dryRun && rows.length) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('evaluations').values(rows).execute();
        const bad = rows.filter((r) => isBad(r.level as number));
        if (bad.length) {
          // the work orders of the batch's 差评, as submit opens them one by one (state 核实, due verifyDays after the 差评)
          const stored = await trx.selectFrom('evaluations').select(['id', 'agency_id', 'rated_on']).where('source_id', 'in', bad.map((b) => b.source_id as string)).execute();
          await trx.insertInto('evaluation_orders').values(stored.map((e) => ({
            agency_id: e.agency_id, evaluation_id: e.id, state: 'verifying', classification: null, opened_on: e.rated_on, classified_on: null,
            due_on: orderDue({ openedOn: e.rated_on, classifiedOn: null, classification: null }, settings, calendar),
            rectification: null, rectified_on: null, feedback: null, feedback_on: null, closed_on: null, outcome: null, updated_at: at,
          }))).execute();
          const opened = await trx.selectFrom('evaluation_orders').select(['id', 'agency_id', 'opened_on']).where('evaluation_id', 'in', stored.map((e) => e.id)).execute();
          await trx.insertInto('evaluation_order_events').values(opened.map((o) => ({ agency_id: o.agency_id, order_id: o.id, kind: 'opened', on_date: o.opened_on, at, actor_user_id: null, actor_name: '系统（评价导入）', data_json: null }))).execute();
        }
      });
    }
    opts.onProgress?.(Math.min(start + IMPORT_BATCH, body.length), body.length);
  }
  if (!opts.dryRun && result.accepted) {
    await deps.audit.record(db, { actor: opts.actor ?? { userId: null, displayName: '系统（评价导入）' }, agencyId: null, action: 'evaluation.import', entity: 'evaluation', entityId: null, after: { rows: result.rows, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length } });
  }
  result.rejected.sort((a, b) => a.row - b.row);
  return result;
}

/** The cells of a CSV (UTF-8 with or without BOM, else GB18030) or of the first sheet of an XLSX file. */
export async function readGrid(filename: string, buf: Buffer): Promise<string[][]> {
  if (/\.xlsx$/i.test(filename)) {
    const wb = new (excelJs().Workbook)();
    // the archive is rebuilt within XLSX_LIMITS first (a zip bomb fails before exceljs allocates)
    await wb.xlsx.load(safeArchive(buf, XLSX_LIMITS) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const grid: string[][] = [];
    ws?.eachRow({ includeEmpty: false }, (r) => {
      const vals: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = r.getCell(c).value;
        vals.push(v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : typeof v === 'object' && 'result' in v ? String((v as { result: unknown }).result) : String(v));
      }
      grid.push(vals);
    });
    return grid;
  }
  const utf8 = buf.toString('utf8');
  return parseCsv(utf8.includes('\ufffd') ? iconv.decode(buf, 'gb18030') : utf8.replace(/^\ufeff/, ''));
}

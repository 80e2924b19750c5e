// 办件 import into the decisions register (use case of the service-item catalogue): rows of a CSV / XLSX checked
// against the unit's items (core/service-items/cases.ts), a dry run listing every row's problem, and an idempotent
// write keyed by 办件编号 per agency (a row already there is updated when it changed, else left alone), so importing
// the same export twice counts nothing twice. Each 办件 is a decision_entries row with count 1: 处理决定数量 of
// table 二 is their sum, and its drill-down lists them.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import { parseCaseRows, type CaseParse } from '../../core/service-items/index.ts';
import { assertNotAdmin, assertRole, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';

export interface CaseImportResult extends Omit<CaseParse, 'rows'> {
  dryRun: boolean;
  /** rows read (without blank lines) */
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export type YearLock = (trx: Transaction<Database> | Kysely<Database>, agencyId: number, date: string | null) => Promise<void>;

const CHUNK = 500;

/** A 办件's 收费金额 is kept in 万元, the unit of decision_entries.amount for 行政事业性收费 (2021 format 表二). */
function feeWan(yuan: number | null): number | null {
  return yuan === null ? null : Math.round(yuan * 100) / 1_000_000;
}
/** The stored amount as read back (PostgreSQL numeric/real may come back as a string). */
function amountOf(v: number | string | null): number | null {
  return v === null ? null : Math.round(Number(v) * 1_000_000) / 1_000_000;
}

export function createCaseImport(db: Kysely<Database>, deps: { audit: AuditService; assertYearUnlocked?: YearLock; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  return async function importCases(actor: Actor, agencyId: number, table: readonly Record<string, string>[], opts: { dryRun: boolean; onProgress?: (done: number, total: number) => void }): Promise<CaseImportResult> {
    assertVisible(actor, agencyId);
    assertNotAdmin(actor, '登记各机关的办件');
    assertRole(actor, 'officer', 'leader');
    const itemRows = await db.selectFrom('service_items').select(['code', 'type', 'name']).where('agency_id', '=', agencyId).execute();
    const parsed = parseCaseRows(table, new Map(itemRows.map((r) => [r.code, { type: r.type, name: r.name }])));
    const total = parsed.rows.length + new Set(parsed.problems.map((p) => p.line)).size;
    if (total === 0) throw new AppError('validation_failed', { detail: '文件中没有办件：第一行为表头（办件编号、办结日期、实施编码、决定类型、办理结果），以下每行一件', fieldErrors: [{ field: 'file', message: '文件中没有办件' }] });
    // what is there already, by 办件编号
    const existing = new Map<string, { id: number; year: number; category: string; decided_on: string | null; item_code: string | null; result: string | null; decision_type: string | null; amount: number | null }>();
    // the agency's 办件编号 read once (one indexed column): only numbers already there are looked up in full, so a
    // first import of a large file costs no lookups at all
    const known = new Set<string>();
    for (const e of await db.selectFrom('decision_entries').select('case_no').where('agency_id', '=', agencyId).where('case_no', 'is not', null).execute()) known.add(e.case_no!);
    const again = parsed.rows.filter((r) => known.has(r.caseNo));
    for (let i = 0; i < again.length; i += CHUNK) {
      const part = again.slice(i, i + CHUNK).map((r) => r.caseNo);
      if (!part.length) continue;
      for (const e of await db.selectFrom('decision_entries').select(['id', 'case_no', 'year', 'category', 'decided_on', 'item_code', 'result', 'decision_type', 'amount']).where('agency_id', '=', agencyId).where('case_no', 'in', part).execute()) existing.set(e.case_no!, e);
    }
    const fresh = parsed.rows.filter((r) => !existing.has(r.caseNo));
    const changed = parsed.rows.filter((r) => {
      const e = existing.get(r.caseNo);
      return e && (e.year !== r.year || e.category !== r.category || e.decided_on !== r.decidedOn || e.item_code !== r.itemCode || (e.result ?? '') !== r.result || (e.decision_type ?? '') !== r.decisionType || amountOf(e.amount) !== feeWan(r.feeYuan));
    });
    const base = { problems: parsed.problems, summary: parsed.summary, total, inserted: fresh.length, updated: changed.length, unchanged: parsed.rows.length - fresh.length - changed.length };
    if (opts.dryRun || parsed.problems.length > 0) return { ...base, dryRun: true };
    const at = nowIso(clock);
    await db.transaction().execute(async (trx) => {
      if (deps.assertYearUnlocked) for (const y of new Set([...fresh, ...changed].map((r) => r.year))) await deps.assertYearUnlocked(trx, agencyId, `${y}-12-31`);
      let done = 0;
      for (let i = 0; i < fresh.length; i += CHUNK) {
        await trx.insertInto('decision_entries').values(fresh.slice(i, i + CHUNK).map((r) => ({
          agency_id: agencyId, year: r.year, category: r.category, decided_on: r.decidedOn, item_name: r.itemName, decision_type: r.decisionType || null, count: 1, amount: feeWan(r.feeYuan),
          source: 'case', note: null, created_by: actor.userId, created_at: at, updated_at: at, case_no: r.caseNo, item_code: r.itemCode, result: r.result || null,
        }))).execute();
        done += Math.min(CHUNK, fresh.length - i);
        opts.onProgress?.(done, fresh.length + changed.length);
      }
      for (const r of changed) {
        await trx.updateTable('decision_entries').set({ year: r.year, category: r.category, decided_on: r.decidedOn, item_name: r.itemName, decision_type: r.decisionType || null, item_code: r.itemCode, result: r.result || null, amount: feeWan(r.feeYuan), updated_at: at, version: sql<number>`version + 1` })
          .where('id', '=', existing.get(r.caseNo)!.id).execute();
        if (++done % CHUNK === 0) opts.onProgress?.(done, fresh.length + changed.length);
      }
      await deps.audit.record(trx, { actor, agencyId, action: 'decision.import_cases', entity: 'decision_entry', entityId: null, after: { inserted: fresh.length, updated: changed.length, summary: parsed.summary } });
    });
    return { ...base, dryRun: false };
  };
}

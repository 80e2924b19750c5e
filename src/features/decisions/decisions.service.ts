// The decisions register: counts of decisions per year and category (entered, or imported from a CSV of 办件 with a
// dry run), amounts (2021 行政事业性收费 万元; 2019 政府集中采购 采购总金额), and the 2019 item counts
// (上一年项目数量 / 本年增/减). Feeds table 二 of the annual report. Entries of a year whose report is published are
// read-only (the report locks the year; an administrator unlocks it with a reason).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import { CATEGORY_LABELS, isDecisionCategory, parseDecisionsCsv, type CsvParse, type DecisionCategory } from '../../core/annual-report/index.ts';
import { dateProblem } from '../../core/validation/index.ts';
import { assertNotAdmin, assertRole, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../shared/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './decisions.repository.ts';

export interface DecisionEntry {
  id: number;
  agencyId: number;
  year: number;
  category: DecisionCategory;
  categoryLabel: string;
  decidedOn: string | null;
  itemName: string | null;
  decisionType: string | null;
  count: number;
  amount: number | null;
  source: string;
  note: string | null;
  version: number;
}

export interface EntryInput {
  year: number;
  category: DecisionCategory;
  count: number;
  amount?: number | null;
  itemName?: string | null;
  decidedOn?: string | null;
  note?: string | null;
}

export interface ItemCountInput {
  year: number;
  category: DecisionCategory;
  previous: number;
  change: number;
}

export interface CsvImportResult extends CsvParse {
  dryRun: boolean;
  inserted: number;
}

/** A year-lock check, provided by the annual report (assertYearUnlocked). */
export type YearLockCheck = (trx: Transaction<Database> | Kysely<Database>, agencyId: number, date: string | null) => Promise<void>;

export interface DecisionsService {
  list(actor: Actor, agencyId: number, year: number, category?: DecisionCategory): Promise<{ entries: DecisionEntry[]; items: { category: DecisionCategory; previous: number; change: number }[] }>;
  add(actor: Actor, agencyId: number, input: EntryInput): Promise<DecisionEntry>;
  remove(actor: Actor, id: number, version: number): Promise<void>;
  setItems(actor: Actor, agencyId: number, input: ItemCountInput): Promise<void>;
  importCsv(actor: Actor, agencyId: number, text: string, opts: { dryRun: boolean }): Promise<CsvImportResult>;
}

function present(r: repo.EntryRow): DecisionEntry {
  const category = r.category as DecisionCategory;
  return {
    id: r.id, agencyId: r.agency_id, year: r.year, category, categoryLabel: CATEGORY_LABELS[category]?.zh ?? r.category,
    decidedOn: r.decided_on, itemName: r.item_name, decisionType: r.decision_type, count: r.count, amount: r.amount,
    source: r.source, note: r.note, version: r.version,
  };
}

/** Largest count the database's integer columns hold (PostgreSQL integer). */
const MAX_INT = 2_147_483_647;
/** Largest amount accepted (万元 or 元). */
const MAX_AMOUNT = 1e12;

export function createDecisionsService(db: Kysely<Database>, deps: { audit: AuditService; assertYearUnlocked: YearLockCheck; clock?: () => Date }): DecisionsService {
  const clock = deps.clock ?? (() => new Date());
  // The agency's own staff keep the register; the administrator does not (separation of duties, decision 061).
  const editorRoles = ['officer', 'leader'] as const;

  function checkInput(i: EntryInput) {
    const errs = [];
    if (!Number.isInteger(i.year) || i.year < 2008 || i.year > 2100) errs.push({ field: 'year', message: '请填写年度，例如 2025' });
    if (!isDecisionCategory(i.category)) errs.push({ field: 'category', message: '请选择类别' });
    if (!Number.isInteger(i.count) || i.count < 0 || i.count > MAX_INT) errs.push({ field: 'count', message: '数量应为 0 至 2147483647 之间的整数' });
    if (i.amount !== undefined && i.amount !== null && (!Number.isFinite(i.amount) || i.amount < 0 || i.amount > MAX_AMOUNT)) errs.push({ field: 'amount', message: '金额应为 0 至 1000000000000 之间的数字' });
    if (i.decidedOn) {
      // a real calendar date (no 2025-02-30), inside the year it is counted in
      const p = dateProblem(i.decidedOn, '决定日期');
      if (p) errs.push({ field: 'decidedOn', message: p });
      else if (Number(i.decidedOn.slice(0, 4)) !== i.year) errs.push({ field: 'decidedOn', message: '决定日期应在所填年度内（YYYY-MM-DD）' });
    }
    if (errs.length) throw validationFailed(errs);
  }

  return {
    async list(actor, agencyId, year, category) {
      assertVisible(actor, agencyId);
      const [entries, items] = await Promise.all([repo.listEntries(db, agencyId, year, category), repo.itemCounts(db, agencyId, year)]);
      return {
        entries: entries.map(present),
        items: items.map((r) => ({ category: r.category as DecisionCategory, previous: r.previous_items, change: r.items_change })),
      };
    },

    async add(actor, agencyId, input) {
      assertVisible(actor, agencyId);
      assertNotAdmin(actor, '登记各机关的行政决定');
      assertRole(actor, ...editorRoles);
      checkInput(input);
      const at = nowIso(clock);
      const id = await db.transaction().execute(async (trx) => {
        await deps.assertYearUnlocked(trx, agencyId, `${input.year}-12-31`);
        const id = await repo.insertEntry(trx, {
          agency_id: agencyId, year: input.year, category: input.category, decided_on: input.decidedOn ?? null, item_name: input.itemName ?? null,
          decision_type: null, count: input.count, amount: input.amount ?? null, source: 'manual', note: input.note ?? null, created_by: actor.userId, created_at: at, updated_at: at,
        });
        await deps.audit.record(trx, { actor, agencyId, action: 'decision.add', entity: 'decision_entry', entityId: id, after: { ...input } });
        return id;
      });
      return present((await repo.findEntry(db, id))!);
    },

    async remove(actor, id, version) {
      const row = await repo.findEntry(db, id);
      if (!row) throw notFound();
      assertVisible(actor, row.agency_id);
      assertNotAdmin(actor, '登记各机关的行政决定');
      assertRole(actor, ...editorRoles);
      await db.transaction().execute(async (trx) => {
        await deps.assertYearUnlocked(trx, row.agency_id, `${row.year}-12-31`);
        if (!(await repo.deleteEntry(trx, id, version))) throw conflict();
        await deps.audit.record(trx, { actor, agencyId: row.agency_id, action: 'decision.remove', entity: 'decision_entry', entityId: id, before: present(row) });
      });
    },

    async setItems(actor, agencyId, input) {
      assertVisible(actor, agencyId);
      assertNotAdmin(actor, '登记各机关的行政决定');
      assertRole(actor, ...editorRoles);
      const errs = [];
      if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) errs.push({ field: 'year', message: '请填写年度，例如 2019' });
      if (!isDecisionCategory(input.category)) errs.push({ field: 'category', message: '请选择类别' });
      if (!Number.isInteger(input.previous) || input.previous < 0 || input.previous > MAX_INT) errs.push({ field: 'previous', message: '上一年项目数量应为 0 至 2147483647 之间的整数' });
      if (!Number.isInteger(input.change) || Math.abs(input.change) > MAX_INT) errs.push({ field: 'change', message: '本年增/减应为整数（减少填负数），绝对值不超过 2147483647' });
      if (errs.length) throw validationFailed(errs);
      await db.transaction().execute(async (trx) => {
        await deps.assertYearUnlocked(trx, agencyId, `${input.year}-12-31`);
        await repo.upsertItemCount(trx, { agency_id: agencyId, year: input.year, category: input.category, previous_items: input.previous, items_change: input.change, updated_at: nowIso(clock) });
        await deps.audit.record(trx, { actor, agencyId, action: 'decision.items', entity: 'decision_item_counts', entityId: null, after: { ...input } });
      });
    },

    async importCsv(actor, agencyId, text, opts) {
      assertVisible(actor, agencyId);
      assertNotAdmin(actor, '登记各机关的行政决定');
      assertRole(actor, ...editorRoles);
      const parsed = parseDecisionsCsv(text);
      if (parsed.rows.length === 0 && parsed.problems.length === 0) throw new AppError('validation_failed', { detail: 'CSV 文件是空的：每行写一件办件（日期,事项名称,决定类型）', fieldErrors: [{ field: 'file', message: 'CSV 文件是空的' }] });
      if (opts.dryRun || parsed.problems.length > 0) return { ...parsed, dryRun: true, inserted: 0 };
      const at = nowIso(clock);
      const inserted = await db.transaction().execute(async (trx) => {
        for (const y of new Set(parsed.rows.map((r) => r.year))) await deps.assertYearUnlocked(trx, agencyId, `${y}-12-31`);
        const n = await repo.insertEntries(trx, parsed.rows.map((r) => ({
          agency_id: agencyId, year: r.year, category: r.category, decided_on: r.decidedOn, item_name: r.itemName || null, decision_type: r.decisionType || null,
          count: 1, amount: null, source: 'csv', note: null, created_by: actor.userId, created_at: at, updated_at: at,
        })));
        await deps.audit.record(trx, { actor, agencyId, action: 'decision.import', entity: 'decision_entry', entityId: null, after: { rows: n, summary: parsed.summary } });
        return n;
      });
      return { ...parsed, dryRun: false, inserted };
    },
  };
}

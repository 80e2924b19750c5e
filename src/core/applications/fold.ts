// Table 三 (收到和处理政府信息公开申请情况) as a fold over application records.
// Each received application is counted once in 一 (received this year) or 二 (carried over), and once in
// a result row (concluded this year) or 四 (carried forward). So E1 (一+二 = （七）+四, per column),
// I1 (总计 column = sum of the six applicant columns) and I2 (（七）总计 = sum of the result rows) hold by
// construction (ogi-domain §2.1–§2.2). 区分处理 counts only as （二）部分公开 (I3) through the taxonomy.
import { layoutOf, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, TABLE3_COLUMNS, type LayoutId } from '../report/formats.ts';
import type { Table3 } from '../report/model.ts';
import { APPLICANT_COLUMN, type ApplicantType } from './applicants.ts';
import { outcomeRow, type OutcomeCode } from './outcomes.ts';

export interface FoldRecord {
  id?: string | number;
  applicantType: ApplicantType;
  /** 收到申请之日 (第三十一条), YYYY-MM-DD; null = never received (online, not confirmed): not counted. */
  receivedOn: string | null;
  /** Date first concluded (reply issued, lapse, withdrawal); null = still open. */
  concludedOn: string | null;
  outcome: OutcomeCode | null;
}

export class FoldError extends Error {
  constructor(message: string, readonly records: (string | number | undefined)[]) {
    super(message);
    this.name = 'FoldError';
  }
}

export interface Table3Fold {
  table: Table3;
  /** For each row and column, the ids of the records counted in that cell (总计 column / row included). */
  cells: Record<string, Record<string, (string | number)[]>>;
}

/** Fold applications into table 三 for `year` in a report layout, with each cell's records. */
export function foldTable3Detailed(records: readonly FoldRecord[], year: number, format: LayoutId): Table3Fold {
  const { table3Rows } = layoutOf(format);
  const columns = [...TABLE3_COLUMNS];
  const totalCol = columns.length - 1;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const counts: Record<string, number[]> = {};
  const cells: Record<string, Record<string, (string | number)[]>> = {};
  for (const r of table3Rows) {
    counts[r] = columns.map(() => 0);
    cells[r] = Object.fromEntries(columns.map((c) => [c, [] as (string | number)[]]));
  }
  const add = (row: string, col: string, id: string | number | undefined) => {
    const ci = columns.indexOf(col as (typeof columns)[number]);
    counts[row]![ci]! += 1;
    counts[row]![totalCol]! += 1; // I1: 总计 column
    if (id !== undefined) {
      cells[row]![col]!.push(id);
      cells[row]!['总计']!.push(id);
    }
  };
  const bad: (string | number | undefined)[] = [];
  const problems: string[] = [];
  for (const rec of records) {
    if (!rec.receivedOn) continue;
    if (rec.concludedOn && rec.concludedOn < rec.receivedOn) { bad.push(rec.id); problems.push(`办结日期早于收到日期`); continue; }
    if (rec.concludedOn && !rec.outcome) { bad.push(rec.id); problems.push('已办结但没有办理结果'); continue; }
    if (rec.receivedOn > last) continue; // received after the year
    if (rec.concludedOn && rec.concludedOn < first) continue; // concluded before the year
    const col = APPLICANT_COLUMN[rec.applicantType];
    add(rec.receivedOn >= first ? T3_RECEIVED : T3_CARRIED_IN, col, rec.id);
    if (rec.concludedOn && rec.concludedOn <= last) {
      const row = outcomeRow(rec.outcome!, format);
      if (!counts[row]) { bad.push(rec.id); problems.push(`办理结果“${rec.outcome}”不在该格式的表三中`); continue; }
      add(row, col, rec.id);
      add(T3_TOTAL, col, rec.id); // I2: （七）总计 = sum of result rows
    } else {
      add(T3_CARRIED_OUT, col, rec.id);
    }
  }
  if (bad.length > 0) throw new FoldError(`有${bad.length}件申请的记录不一致，无法统计：${[...new Set(problems)].join('；')}`, bad);
  return { table: { columns, rows: counts }, cells };
}

/** Table 三 for `year` in `format` (2019, 2021 or the hybrid layout). */
export function foldTable3(records: readonly FoldRecord[], year: number, format: LayoutId): Table3 {
  return foldTable3Detailed(records, year, format).table;
}

/** 结转: applications received by 31 December of `year` and not concluded by then (四、结转下年度继续办理). */
export function carriedForward<T extends Pick<FoldRecord, 'receivedOn' | 'concludedOn'>>(records: readonly T[], year: number): T[] {
  const last = `${year}-12-31`;
  return records.filter((r) => r.receivedOn !== null && r.receivedOn <= last && (r.concludedOn === null || r.concludedOn > last));
}

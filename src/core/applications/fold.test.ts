import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FORMATS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL } from '../report/formats.ts';
import { APPLICANT_TYPES } from './applicants.ts';
import { carriedForward, FoldError, foldTable3, foldTable3Detailed, type FoldRecord } from './fold.ts';
import { OUTCOME_CODES } from './outcomes.ts';
import { emptyReport } from '../report/fixture.ts';
import { checkReport, type Finding } from '../report/rules.ts';
import type { LayoutId } from '../report/formats.ts';
import type { Table3 } from '../report/model.ts';

/** The report rule catalogue's table-三 arithmetic (E1, I1, I2) over a folded table — the same check the report runs. */
function table3Findings(t: Table3, format: LayoutId): Finding[] {
  return checkReport({ ...emptyReport(format), table3: t }).filter((f) => ['E1', 'I1', 'I2'].includes(f.rule));
}

const zero = () => [0, 0, 0, 0, 0, 0, 0];

describe('foldTable3 — concrete year', () => {
  // The 2019 record of the demo agency: one application from a 商业企业, answered 予以公开.
  const records: FoldRecord[] = [
    { id: 1, applicantType: 'commercial', receivedOn: '2019-06-10', concludedOn: '2019-06-20', outcome: 'disclose' },
    { id: 2, applicantType: 'natural_person', receivedOn: '2018-12-20', concludedOn: '2019-01-10', outcome: 'partial' },
    { id: 3, applicantType: 'natural_person', receivedOn: '2019-12-25', concludedOn: '2020-01-08', outcome: 'other_correction_lapsed' },
    { id: 4, applicantType: 'research', receivedOn: '2019-03-01', concludedOn: '2019-03-05', outcome: 'other_fee_unpaid' },
    { id: 5, applicantType: 'social', receivedOn: null, concludedOn: null, outcome: null }, // never confirmed: not counted
    { id: 6, applicantType: 'legal_service', receivedOn: '2018-01-02', concludedOn: '2018-02-01', outcome: 'disclose' }, // before the year
    { id: 7, applicantType: 'other', receivedOn: '2020-01-02', concludedOn: null, outcome: null }, // after the year
  ];
  it('2019 format', () => {
    const t = foldTable3(records, 2019, '2019');
    expect(t.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(t.rows[T3_RECEIVED]).toEqual([1, 1, 1, 0, 0, 0, 3]);
    expect(t.rows[T3_CARRIED_IN]).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(t.rows['（一）予以公开']).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(t.rows['（二）部分公开']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(t.rows['（六）其他处理']).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(t.rows[T3_TOTAL]).toEqual([1, 1, 1, 0, 0, 0, 3]);
    expect(t.rows[T3_CARRIED_OUT]).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(Object.keys(t.rows)).toEqual(FORMATS['2019'].table3Rows);
    expect(table3Findings(t, '2019')).toEqual([]);
  });
  it('2021 format splits （六） and the hybrid layout does not', () => {
    const t = foldTable3(records, 2019, '2021');
    expect(t.rows['（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请']).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(Object.keys(t.rows)).toEqual(FORMATS['2021'].table3Rows);
    expect(foldTable3(records, 2019, 'hybrid').rows['（六）其他处理']).toEqual([0, 0, 1, 0, 0, 0, 1]);
  });
  it('empty year prints 0, never blank', () => {
    const t = foldTable3([], 2024, '2021');
    for (const r of FORMATS['2021'].table3Rows) expect(t.rows[r]).toEqual(zero());
  });
  it('lists the records of each cell', () => {
    const d = foldTable3Detailed(records, 2019, '2019');
    expect(d.cells[T3_RECEIVED]!['总计']).toEqual([1, 3, 4]);
    expect(d.cells[T3_CARRIED_OUT]!['自然人']).toEqual([3]);
  });
  it('refuses inconsistent records', () => {
    expect(() => foldTable3([{ id: 9, applicantType: 'other', receivedOn: '2019-02-01', concludedOn: '2019-01-01', outcome: 'disclose' }], 2019, '2019')).toThrow(FoldError);
    expect(() => foldTable3([{ id: 9, applicantType: 'other', receivedOn: '2019-02-01', concludedOn: '2019-03-01', outcome: null }], 2019, '2019')).toThrow(/没有办理结果/);
  });
  it('carriedForward gives the 结转 applications', () => {
    expect(carriedForward(records, 2019).map((r) => r.id)).toEqual([3]);
  });
});

const date = (from: number, to: number) => fc.integer({ min: from, max: to }).map((d) => new Date(Date.UTC(2017, 0, 1) + d * 86400000).toISOString().slice(0, 10));
const recordArb: fc.Arbitrary<FoldRecord> = fc.record({
  id: fc.nat(),
  applicantType: fc.constantFrom(...APPLICANT_TYPES),
  received: fc.option(date(0, 365 * 6), { nil: null }),
  span: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  outcome: fc.constantFrom(...OUTCOME_CODES),
}).map(({ id, applicantType, received, span, outcome }) => {
  const concludedOn = received && span !== null ? new Date(Date.parse(received) + span * 86400000).toISOString().slice(0, 10) : null;
  return { id, applicantType, receivedOn: received, concludedOn, outcome: concludedOn ? outcome : null };
});

describe('foldTable3 — properties on generated records', () => {
  it('every year and format satisfies E1, I1, I2', () => {
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 60 }), fc.integer({ min: 2017, max: 2023 }), fc.constantFrom('2019' as const, '2021' as const, 'hybrid' as const), (recs, year, format) => {
      const t = foldTable3(recs, year, format);
      expect(table3Findings(t, format)).toEqual([]);
    }), { numRuns: 300 });
  });
  it("the report engine's checkReport finds no table 三 error (E1/I1/I2/X1) in any generated year", () => {
    const tableRules = new Set(['E1', 'I1', 'I2', 'X1']);
    const model = (recs: FoldRecord[], year: number, format: LayoutId) => ({ ...emptyReport(format, { agency: '测试机关', year }), table3: foldTable3(recs, year, format) });
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 60 }), fc.integer({ min: 2018, max: 2023 }), fc.constantFrom('2019' as const, '2021' as const), (recs, year, format) => {
      const findings = checkReport(model(recs, year, format), { previous: model(recs, year - 1, format) });
      expect(findings.filter((f) => tableRules.has(f.rule))).toEqual([]);
    }), { numRuns: 200 });
  });
  it('X1: 结转下年度 of year Y equals 上年结转 of Y+1, per column', () => {
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 60 }), fc.integer({ min: 2017, max: 2022 }), (recs, year) => {
      expect(foldTable3(recs, year + 1, '2021').rows[T3_CARRIED_IN]).toEqual(foldTable3(recs, year, '2019').rows[T3_CARRIED_OUT]);
    }), { numRuns: 200 });
  });
  it('2021 （六）1+2+3 equal 2019 （六）其他处理 for the same records', () => {
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 60 }), fc.integer({ min: 2017, max: 2023 }), (recs, year) => {
      const a = foldTable3(recs, year, '2021');
      const b = foldTable3(recs, year, '2019');
      const sum = zero().map((_, i) => FORMATS['2021'].table3ResultRows.filter((r) => r.startsWith('（六）')).reduce((s, r) => s + (a.rows[r]![i] ?? 0), 0));
      expect(sum).toEqual(b.rows['（六）其他处理']);
    }), { numRuns: 200 });
  });
  it('the rule catalogue catches a broken folded table (E1 in the columns that no longer balance)', () => {
    const t = foldTable3([], 2020, '2021');
    t.rows[T3_RECEIVED] = [1, 0, 0, 0, 0, 0, 1];
    expect(table3Findings(t, '2021').map((f) => [f.rule, f.message.slice(0, 8)])).toEqual([['E1', '表三 自然人列:'], ['E1', '表三 总计列: ']]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES } from '../applications/applicants.ts';
import { OUTCOMES } from '../applications/outcomes.ts';
import { T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL } from '../report/formats.ts';
import { checkReport, narrativeFiguresOf } from '../report/rules.ts';
import {
  applyOverrides, availableActions, compileReport, daysLeft, groupApplications, listState, makeOverride, OverrideError, parseDecisionsCsv,
  reminderDue, transition, WorkflowError, type CompileInput, type WorkflowActor,
} from './index.ts';

const base = (over: Partial<CompileInput> = {}): CompileInput => ({
  agency: '烟台市芝罘区行政审批服务局', year: 2025, format: '2021', table3: [], table4: [], catalogue: {},
  register: { decisions: {}, items: {} }, fees: { amountYuan: 0, count: 0 }, ...over,
});

const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const recordArb = fc.record({
  applicantType: fc.constantFrom(...APPLICANT_TYPES),
  receivedOn: dateArb,
  lag: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  outcome: fc.constantFrom(...OUTCOMES),
}).map((r) => {
  const concludedOn = r.lag === null ? null : new Date(Date.parse(r.receivedOn) + r.lag * 86_400_000).toISOString().slice(0, 10);
  return { applicantType: r.applicantType, receivedOn: r.receivedOn, concludedOn, outcomeRow2019: r.outcome.row2019, outcomeRow2021: r.outcome.row2021 };
});
const appealArb = fc.record({
  kind: fc.constantFrom('review' as const, 'litigation_direct' as const, 'litigation_after_review' as const),
  result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
  n: fc.integer({ min: 1, max: 5 }),
});

describe('compileReport', () => {
  it('folds generated records into tables that pass every error rule, with narrative figures equal to the tables', () => {
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 60 }), fc.array(appealArb, { maxLength: 6 }), fc.constantFrom('2019' as const, '2021' as const, 'hybrid' as const), fc.integer({ min: 0, max: 500 }),
      (records, appeals, format, fee) => {
        const m = compileReport(base({ year: 2024, format, table3: groupApplications(records, 2024, format), table4: appeals, fees: { amountYuan: fee, count: fee > 0 ? 1 : 0 } }));
        const findings = checkReport(m);
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(findings.filter((f) => f.rule === 'N1' || f.rule === 'N2')).toEqual([]);
      }), { numRuns: 150 });
  });

  it('carries over: 上年结转 of year Y+1 equals 结转下年度 of year Y, column by column', () => {
    fc.assert(fc.property(fc.array(recordArb, { maxLength: 80 }), (records) => {
      const y24 = compileReport(base({ year: 2024, table3: groupApplications(records, 2024, '2021') }));
      const y25 = compileReport(base({ year: 2025, table3: groupApplications(records, 2025, '2021') }));
      expect(y25.table3.rows[T3_CARRIED_IN]).toEqual(y24.table3.rows[T3_CARRIED_OUT]);
      expect(checkReport(y25, { previous: y24 }).filter((f) => f.rule === 'X1')).toEqual([]);
    }), { numRuns: 100 });
  });

  it('counts concrete records in the right cells (2019 format, 芝罘区 seed year)', () => {
    const recs = [
      { applicantType: 'commercial' as const, receivedOn: '2019-05-06', concludedOn: '2019-05-20', outcomeRow2019: '（一）予以公开', outcomeRow2021: '（一）予以公开' },
      { applicantType: 'natural_person' as const, receivedOn: '2018-12-20', concludedOn: '2019-01-10', outcomeRow2019: '（六）其他处理', outcomeRow2021: '（六）其他处理/3.其他' },
      { applicantType: 'natural_person' as const, receivedOn: '2019-12-25', concludedOn: null, outcomeRow2019: null, outcomeRow2021: null },
      { applicantType: 'research' as const, receivedOn: '2018-03-01', concludedOn: '2018-03-10', outcomeRow2019: '（一）予以公开', outcomeRow2021: '（一）予以公开' },
    ];
    const m = compileReport(base({ year: 2019, format: '2019', table3: groupApplications(recs, 2019, '2019') }));
    expect(m.table3.rows[T3_RECEIVED]).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(m.table3.rows[T3_CARRIED_IN]).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(m.table3.rows['（一）予以公开']).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(m.table3.rows['（六）其他处理']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(m.table3.rows[T3_TOTAL]).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(m.table3.rows[T3_CARRIED_OUT]).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // the suggested sentences state the figures: the N1 extractor finds them (not a vacuous consistency check)
    const figs = narrativeFiguresOf(m).filter((f) => f.tableRef);
    expect(figs.length).toBeGreaterThanOrEqual(20);
    expect(figs.find((f) => f.meaning.startsWith('本年新收') && f.value === 2)).toBeDefined();
  });

  it('fills table 二 from the register: 2019 items and decisions, 2021 fee amount in 万元', () => {
    const register = { decisions: { license: { count: 82, amount: 0 }, other_service: { count: 28, amount: 0 }, fee: { count: 3, amount: 1.25 } }, items: { license: { previous: 0, change: 4 }, other_service: { previous: 0, change: 1 } } };
    const m19 = compileReport(base({ year: 2019, format: '2019', register }));
    expect(m19.table2['第二十条第（五）项']).toEqual({ 行政许可: { 上一年项目数量: 0, '本年增/减': 4, 处理决定数量: 82 }, 其他对外管理服务事项: { 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 28 } });
    const m21 = compileReport(base({ year: 2021, format: '2021', register }));
    expect(m21.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）']).toBe(1.25);
    expect(m21.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量']).toBe(82);
  });

  it('states fees collected in 其他需要报告的事项', () => {
    expect(compileReport(base({ fees: { amountYuan: 120, count: 2 } })).sections.find((s) => s.key === 'other')!.text).toContain('收取信息处理费120元（涉及申请2件）');
    expect(compileReport(base()).sections.find((s) => s.key === 'other')!.text).toBe('本年度未收取信息处理费。');
  });
});

describe('overrides', () => {
  const computed = compileReport(base({ table3: [{ applicantType: 'natural_person', receivedInYear: true, outcomeRow: '（一）予以公开', n: 3 }] }));
  it.each([['', '缺少理由'], ['  改 ', '太短']])('refuses an override without a written reason (%j: %s)', (reason) => {
    expect(() => makeOverride(computed, `table3|${T3_RECEIVED}|自然人`, 4, reason, '王经办', '2026-01-05T00:00:00Z')).toThrow(OverrideError);
  });
  it('keeps the computed value beside the override and applies it to a copy', () => {
    const o = makeOverride(computed, `table3|${T3_RECEIVED}|自然人`, 4, '纸质登记簿漏录一件', '王经办', '2026-01-05T00:00:00Z');
    expect(o.computed).toBe(3);
    const m = applyOverrides(computed, { [`table3|${T3_RECEIVED}|自然人`]: o });
    expect(m.table3.rows[T3_RECEIVED]![0]).toBe(4);
    expect(computed.table3.rows[T3_RECEIVED]![0]).toBe(3);
    expect(checkReport(m).filter((f) => f.severity === 'error').map((f) => f.rule).sort()).toEqual(['E1', 'I1']);
  });
  it('refuses an unknown cell', () => {
    expect(() => makeOverride(computed, 'table3|不存在的行|自然人', 1, '理由写得足够长', 'x', 'y')).toThrow(OverrideError);
  });
});

describe('workflow', () => {
  const officer: WorkflowActor = { role: 'officer', ownAgency: true, supervisesAgency: false };
  const supervisor: WorkflowActor = { role: 'supervisor', ownAgency: false, supervisesAgency: true };
  const admin: WorkflowActor = { role: 'admin', ownAgency: false, supervisesAgency: false };
  const leader: WorkflowActor = { role: 'leader', ownAgency: true, supervisesAgency: false };
  const ok = { errors: 0, publishedVersion: 0 };
  it.each([
    ['draft', 'approve', leader, ok, 'approved'],
    ['returned', 'approve', leader, ok, 'approved'],
    ['approved', 'save', officer, ok, 'draft'],
    ['draft', 'save', officer, ok, 'draft'],
    ['approved', 'submit', officer, ok, 'submitted'],
    ['approved', 'submit', leader, ok, 'submitted'],
    ['submitted', 'return', supervisor, { ...ok, comment: '请补充复议情况说明' }, 'returned'],
    ['submitted', 'accept', supervisor, ok, 'accepted'],
    ['accepted', 'publish', officer, ok, 'published'],
    ['published', 'unlock', admin, { ...ok, comment: '更正表二行政许可数量' }, 'draft'],
    ['accepted', 'publish', supervisor, { errors: 0, publishedVersion: 1, comment: '更正表二行政许可数量' }, 'published'],
  ] as const)('%s --%s--> %s', (state, action, actor, input, next) => {
    expect(transition(state, action, actor, input)).toBe(next);
  });
  it.each([
    ['draft', 'save', admin, ok, '经办人或负责人'],
    ['draft', 'submit', admin, ok, '经办人或负责人'],
    ['submitted', 'accept', admin, ok, '上级政务公开主管部门'],
    ['submitted', 'return', admin, { ...ok, comment: '请补充复议情况说明' }, '上级政务公开主管部门'],
    ['submitted', 'accept', { ...supervisor, hasEdited: true }, ok, '职责分离'],
    ['submitted', 'return', { ...supervisor, hasEdited: true }, { ...ok, comment: '请补充复议情况说明' }, '职责分离'],
    ['draft', 'save', { role: 'officer', ownAgency: false, supervisesAgency: false } as WorkflowActor, ok, '经办人或负责人'],
  ] as const)('separation of duties: refuses %s --%s--> by %o', (state, action, actor, input, message) => {
    expect(() => transition(state, action, actor, input)).toThrow(message);
  });
  it('offers the administrator only the unlock of a published report; the editor no approval', () => {
    expect(availableActions('draft', admin)).toEqual([]);
    expect(availableActions('submitted', admin)).toEqual([]);
    expect(availableActions('published', admin)).toEqual(['unlock']);
    expect(availableActions('submitted', { ...supervisor, hasEdited: true })).toEqual([]);
    expect(availableActions('submitted', supervisor)).toEqual(['return', 'accept']);
  });
  it('offers 审定 to a leader who did not edit, 报送 only once approved', () => {
    expect(availableActions('draft', officer)).toEqual(['save']);
    expect(availableActions('draft', leader)).toEqual(['save', 'approve']);
    expect(availableActions('returned', leader)).toEqual(['save', 'approve']);
    expect(availableActions('draft', { ...leader, hasEdited: true })).toEqual(['save']);
    expect(availableActions('approved', officer)).toEqual(['save', 'submit']);
    expect(availableActions('approved', leader)).toEqual(['save', 'submit']);
    expect(availableActions('approved', supervisor)).toEqual([]);
  });
  it.each([
    ['approved', 'submit', officer, { errors: 2, publishedVersion: 0 }, '2处错误'],
    ['draft', 'submit', officer, ok, '须先经本机关负责人审定'],
    ['returned', 'submit', officer, ok, '须先经本机关负责人审定'],
    ['draft', 'approve', officer, ok, '只有本机关的负责人可以审定'],
    ['draft', 'approve', { ...leader, ownAgency: false }, ok, '只有本机关的负责人可以审定'],
    ['draft', 'approve', supervisor, ok, '只有本机关的负责人可以审定'],
    ['draft', 'approve', { ...leader, hasEdited: true }, ok, '职责分离'],
    ['draft', 'approve', leader, { errors: 1, publishedVersion: 0 }, '1处错误'],
    ['approved', 'approve', leader, ok, '负责人已审定待报送'],
    ['submitted', 'approve', leader, ok, '已报送待审'],
    ['submitted', 'return', supervisor, { errors: 0, publishedVersion: 0, comment: '' }, '写明需要修改的意见'],
    ['submitted', 'accept', officer, ok, '上级政务公开主管部门'],
    ['draft', 'submit', { role: 'supervisor', ownAgency: false, supervisesAgency: true } as WorkflowActor, ok, '经办人或负责人'],
    ['published', 'unlock', officer, { ...ok, comment: '理由理由' }, '系统管理员'],
    ['published', 'unlock', admin, ok, '写明原因'],
    ['accepted', 'publish', officer, { errors: 0, publishedVersion: 1 }, '说明更正了什么'],
    ['published', 'save', officer, ok, '已发布'],
  ] as const)('refuses %s --%s-->', (state, action, actor, input, message) => {
    expect(() => transition(state, action, actor, input)).toThrow(WorkflowError);
    expect(() => transition(state, action, actor, input)).toThrow(message);
  });
});

describe('deadline (第四十九条)', () => {
  it.each([
    ['2026-01-01', 2025, '烟台市芝罘区行政审批服务局', 30],
    ['2026-01-31', 2025, '烟台市芝罘区行政审批服务局', 0],
    ['2026-02-02', 2025, '烟台市芝罘区行政审批服务局', -2],
    ['2026-01-01', 2025, '烟台市芝罘区人民政府', 89],
  ])('on %s the %s report of %s has %i days left', (today, year, agency, left) => {
    expect(daysLeft(today, year, agency)).toBe(left);
  });
  it('reminds from 1 January until published', () => {
    expect(reminderDue('2025-12-31', 2025, false)).toBe(false);
    expect(reminderDue('2026-01-01', 2025, false)).toBe(true);
    expect(reminderDue('2026-01-10', 2025, true)).toBe(false);
  });
  it.each([
    [null, '2026-01-10', 'not_started'], ['returned', '2026-01-10', 'draft'], ['accepted', '2026-01-10', 'submitted'],
    ['published', '2026-03-01', 'published'], ['draft', '2026-02-01', 'late'], [null, '2026-02-01', 'late'],
    // submitted: waiting on the supervisor, not 逾期未发布 by the agency, even after 31 January
    ['submitted', '2026-01-10', 'submitted'], ['submitted', '2026-02-01', 'submitted'], ['returned', '2026-02-01', 'late'], ['accepted', '2026-02-01', 'late'],
    // approved by the 负责人, not yet submitted: shown as such, late after the deadline
    ['approved', '2026-01-10', 'approved'], ['approved', '2026-02-01', 'late'],
  ] as const)('list state of %s on %s is %s', (state, today, expected) => {
    expect(listState(state, today, 2025, '某某局')).toBe(expected);
  });
});

describe('decisions CSV', () => {
  it('reads 办件 lines with a header, maps types to table 二 rows, and reports bad lines', () => {
    const csv = '办结日期,事项名称,决定类型\n2025-03-01,食品经营许可,行政许可\n2025/3/2,"户外广告设置,审批",准予许可\n2025年12月31日,违法建设,行政处罚\n2025-02-30,x,行政许可\n2025-04-01,咨询,答复\n';
    const r = parseDecisionsCsv(csv);
    expect(r.rows.map((x) => [x.decidedOn, x.category])).toEqual([['2025-03-01', 'license'], ['2025-03-02', 'license'], ['2025-12-31', 'penalty']]);
    expect(r.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(r.summary).toEqual([{ year: 2025, category: 'license', count: 2 }, { year: 2025, category: 'penalty', count: 1 }]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ELEMENTS, DEFAULT_MUST_MATCH, completenessProblems, customElementProblems, diffValues, elementSchema, itemScore, mustMatchDifferences,
  statusChangeProblems, statusOn, unitScores, valueProblems, yearCounts, type ElementValues, type LevelItem, type Material, type StatusEvent,
} from './index.ts';

const mat = (name: string, over: Partial<Material> = {}): Material => ({ name, necessity: '必要', form: '纸质', source: '申请人自备', copies: 1, blankForm: '', sample: '', basis: '', ...over });
const base: ElementValues = {
  name: '食品经营许可', basicCode: '370602001000', type: '行政许可', implCode: '11370602MB0000000X4000112001',
  legalBasis: '《中华人民共和国食品安全法》第三十五条', materials: [mat('食品经营许可申请书')],
  legalLimit: { amount: '20', unit: '工作日' }, promisedLimit: { amount: '5', unit: '工作日' }, charged: '否',
};

describe('element values', () => {
  it.each<[string, ElementValues, string[]]>([
    ['complete values', base, []],
    ['missing name', { ...base, name: '  ' }, ['el.name:请填写事项名称']],
    ['unknown type', { ...base, type: '行政审批' }, ['el.type:事项类型请从下列选项中选择']],
    ['visits not a number', { ...base, visits: '两次' }, ['el.visits:到办事现场次数应为 0 至 9999 的整数']],
    ['bad unit', { ...base, legalLimit: { amount: '20', unit: '周' } }, ['el.legalLimit:法定办结时限的单位请选择']],
    ['material without name', { ...base, materials: [mat('')] }, ['el.materials:材料目录第 1 项请填写材料名称']],
    ['material copies', { ...base, materials: [mat('申请书', { copies: -1 })] }, ['el.materials:材料目录第 1 项的份数应为 0 至 99 的整数']],
    ['bad url', { ...base, onlineUrl: 'www.example.cn' }, ['el.onlineUrl:网办地址应为以 http:// 或 https:// 开头的网址']],
    ['unknown element', { ...base, colour: '红' }, ['el.colour:没有名为 colour 的要素']],
  ])('%s', (_n, values, expected) => {
    const got = valueProblems(BUILTIN_ELEMENTS, values).map((p) => `${p.field}:${p.message}`);
    expect(got.length).toBe(expected.length);
    expected.forEach((e, i) => expect(got[i]!.startsWith(e)).toBe(true));
  });

  it('an added element is validated like a built-in one and cannot shadow one', () => {
    const schema = elementSchema([{ key: 'x_window', label: '窗口号', group: 'impl', kind: 'integer', builtin: false }, { key: 'name', label: '假', group: 'basic', kind: 'text', builtin: false }]);
    expect(schema.filter((e) => e.key === 'name')).toHaveLength(1);
    expect(valueProblems(schema, { ...base, x_window: '12' })).toEqual([]);
    expect(valueProblems(schema, { ...base, x_window: 'A' })[0]!.message).toBe('窗口号应为 0 至 9999 的整数');
  });

  it.each<[string, { key: string; label: string; kind: string; options?: string[] }, number]>([
    ['good', { key: 'x_window', label: '窗口号', kind: 'integer' }, 0],
    ['no prefix', { key: 'window', label: '窗口号', kind: 'integer' }, 1],
    ['label taken', { key: 'x_name', label: '事项名称', kind: 'text' }, 1],
    ['choice with one option', { key: 'x_c', label: '分类', kind: 'choice', options: ['甲'] }, 1],
    ['materials kind not allowed', { key: 'x_m', label: '附表', kind: 'materials' }, 1],
  ])('custom element %s', (_n, def, n) => {
    expect(customElementProblems(def, BUILTIN_ELEMENTS)).toHaveLength(n);
  });

  it('diff lists changed elements with display values', () => {
    const after = { ...base, promisedLimit: { amount: '3', unit: '工作日' }, materials: [mat('食品经营许可申请书'), mat('营业执照', { necessity: '容缺后补' })] };
    expect(diffValues(BUILTIN_ELEMENTS, base, after)).toEqual([
      { key: 'promisedLimit', label: '承诺办结时限', before: '5 工作日', after: '3 工作日' },
      { key: 'materials', label: '材料目录', before: '1. 食品经营许可申请书（必要，纸质，申请人自备，1 份）', after: '1. 食品经营许可申请书（必要，纸质，申请人自备，1 份）；2. 营业执照（容缺后补，纸质，申请人自备，1 份）' },
    ]);
    expect(diffValues(BUILTIN_ELEMENTS, base, { ...base })).toEqual([]);
  });
});

describe('status history and year counts', () => {
  const ev = (...p: [StatusEvent['status'], string][]): StatusEvent[] => p.map(([status, on]) => ({ status, on }));
  it.each<[string, StatusEvent[], string, string | null]>([
    ['before the first event', ev(['active', '2019-03-01']), '2019-02-28', null],
    ['on the day', ev(['active', '2019-03-01']), '2019-03-01', 'active'],
    ['suspended later', ev(['active', '2019-03-01'], ['suspended', '2020-05-01']), '2020-12-31', 'suspended'],
    ['cancelled', ev(['active', '2019-03-01'], ['cancelled', '2021-01-10']), '2021-06-30', 'cancelled'],
  ])('statusOn %s', (_n, events, date, expected) => expect(statusOn(events, date)).toBe(expected));

  it.each<[string, StatusEvent[], StatusEvent, number]>([
    ['a real change', ev(['active', '2019-03-01']), { status: 'suspended', on: '2020-01-01' }, 0],
    ['back-dated', ev(['active', '2019-03-01']), { status: 'suspended', on: '2019-01-01' }, 1],
    ['same status', ev(['active', '2019-03-01']), { status: 'active', on: '2020-01-01' }, 1],
    ['after cancellation', ev(['active', '2019-03-01'], ['cancelled', '2020-01-01']), { status: 'active', on: '2021-01-01' }, 1],
  ])('status change %s', (_n, events, next, n) => expect(statusChangeProblems(events, next)).toHaveLength(n));

  // the demo agency: 4 licences and 1 other item from 2019, one licence suspended in 2020 (still listed), one cancelled in 2021
  const items = [
    { id: 1, type: '行政许可', events: ev(['active', '2019-04-01']) },
    { id: 2, type: '行政许可', events: ev(['active', '2019-05-10'], ['suspended', '2020-06-01']) },
    { id: 3, type: '行政许可', events: ev(['active', '2019-05-10'], ['cancelled', '2021-03-01']) },
    { id: 4, type: '行政许可', events: ev(['active', '2019-09-01']) },
    { id: 5, type: '公共服务', events: ev(['active', '2019-09-01']) },
    { id: 6, type: '行政确认', events: ev(['active', '2021-02-01']) },
    { id: 7, type: '行政处罚', events: ev(['active', '2022-01-01']) },
  ];
  it.each<[number, Record<string, [number, number]>]>([
    [2018, {}],
    [2019, { license: [0, 4], other_service: [0, 1] }],
    [2020, { license: [4, 0], other_service: [1, 0] }],
    [2021, { license: [4, -1], other_service: [1, 1] }],
    [2022, { license: [3, 0], other_service: [2, 0], penalty: [0, 1] }],
  ])('year %i', (year, expected) => {
    const got = yearCounts(items, year);
    expect(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, [v.previous, v.change]]))).toEqual(expected);
  });
});

describe('must-match check and completeness', () => {
  const schema = BUILTIN_ELEMENTS.filter((e) => DEFAULT_MUST_MATCH.includes(e.key));
  const row = (id: number, parentId: number | null, agencyId: number, values: ElementValues): LevelItem => ({ id, parentId, agencyId, agencyName: `单位${agencyId}`, name: String(values.name), values });
  it('lists each differing element with every unit’s value and marks who differs', () => {
    const diffs = mustMatchDifferences([
      row(1, null, 10, base),
      row(2, 1, 20, { ...base, promisedLimit: { amount: '7', unit: '工作日' } }),
      row(3, 1, 30, { ...base, name: ' 食品经营许可 ' }), // whitespace does not count
      row(4, null, 10, { ...base, name: '公共场所卫生许可' }), // no implementations: nothing to compare
    ], schema);
    expect(diffs).toEqual([{
      itemId: 1, itemName: '食品经营许可', element: 'promisedLimit', label: '承诺办结时限',
      values: [
        { itemId: 1, agencyId: 10, agency: '单位10', value: '5 工作日', differs: false },
        { itemId: 2, agencyId: 20, agency: '单位20', value: '7 工作日', differs: true },
        { itemId: 3, agencyId: 30, agency: '单位30', value: '5 工作日', differs: false },
      ],
    }]);
  });
  it('an element outside the must-match set may differ', () => {
    expect(mustMatchDifferences([row(1, null, 10, base), row(2, 1, 20, { ...base, place: '向阳街道便民服务中心' })], schema)).toEqual([]);
  });

  it.each<[string, ElementValues, string[]]>([
    ['complete', base, []],
    ['no legal basis', { ...base, legalBasis: '' }, ['legal_basis']],
    ['no materials', { ...base, materials: [] }, ['materials']],
    ['limit not a number', { ...base, promisedLimit: { amount: '即时', unit: '工作日' } }, ['promised_limit_number']],
    ['promise longer than the law', { ...base, promisedLimit: { amount: '25', unit: '工作日' } }, ['promised_within_legal']],
    ['hours within days', { ...base, promisedLimit: { amount: '48', unit: '小时' } }, []],
    ['fee without basis', { ...base, charged: '是' }, ['fee_basis']],
    ['fee with basis', { ...base, charged: '是', feeBasis: '鲁价费发〔2013〕75号' }, []],
  ])('completeness: %s', (_n, values, rules) => {
    expect(completenessProblems(values).map((p) => p.rule)).toEqual(rules);
  });

  it('scores: per item share of rules passed, per unit the mean', () => {
    expect(itemScore(base)).toBe(100);
    expect(itemScore({ ...base, legalBasis: '', materials: [] })).toBe(67);
    expect(unitScores([
      { agencyId: 1, agencyName: '甲', values: base },
      { agencyId: 1, agencyName: '甲', values: { ...base, legalBasis: '' } },
      { agencyId: 2, agencyName: '乙', values: base },
    ])).toEqual([{ agencyId: 1, agency: '甲', score: 92, items: 2, incomplete: 1 }, { agencyId: 2, agency: '乙', score: 100, items: 1, incomplete: 0 }]);
  });
});

// The must-match check over stored digests (decision 165) gives what comparing every row's values gives: the same
// differences in the same order and the same scores, on a table of cases — normalisation-only changes, absent
// elements, rows without a digest or with a digest of another format, cancelled rows, a must-match set changed by
// the supervisor to an element added after the rows were written — for a district and for one unit, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { DEFAULT_MUST_MATCH, elementSchema, type ElementDef, type ElementValues, type Material } from '../../src/core/service-items/index.ts';
import { checkTrees, checkTreesByValues, valueColumns } from '../../src/features/service-items/service-items.check.ts';
import { insertItems, type NewItemRow } from '../../src/features/service-items/service-items.repository.ts';

const mat = (name: string, copies = 1): Material => ({ name, necessity: '必要', form: '纸质', source: '申请人自备', copies, blankForm: '', sample: '', basis: '' });
const base: ElementValues = {
  name: '食品经营许可', basicCode: '000128009000', type: '行政许可', implCode: '', legalBasis: '《中华人民共和国食品安全法》第三十五条',
  conditions: '有与经营的食品品种相适应的经营场所', process: '申请、受理、审查、决定', materials: [mat('食品经营许可申请书'), mat('营业执照')],
  legalLimit: { amount: '20', unit: '工作日' }, promisedLimit: { amount: '5', unit: '工作日' }, charged: '否', resultName: '食品经营许可证', place: '区政务服务中心',
};

/** Each case: the 区 row's changes to `base`, then one override per implementation (街道, 社区, a second 街道). */
interface Case { name: string; root?: ElementValues; kids: (ElementValues & { '@digest'?: 'none' | 'stale'; '@cancelled'?: 'yes' })[] }
const CASES: Case[] = [
  { name: 'copy', kids: [{}, {}] },
  { name: 'spacing', kids: [{ legalBasis: '《中华人民共和国食品安全法》 第三十五条。' }, { name: '食品经营许可 ' }] },
  { name: 'promised', kids: [{ promisedLimit: { amount: '10', unit: '工作日' } }, {}] },
  { name: 'copies', kids: [{}, { materials: [mat('食品经营许可申请书'), mat('营业执照', 2)] }] },
  { name: 'absent', kids: [{ conditions: undefined }, {}] },
  { name: 'blank-vs-absent', kids: [{ feeStandard: '  ' }, {}] },
  { name: 'place', kids: [{ place: '街道便民服务中心' }, {}] },
  { name: 'window', kids: [{ x_window: '12' }, {}] },
  { name: 'no-digest', kids: [{ promisedLimit: { amount: '7', unit: '工作日' }, '@digest': 'none' }, { '@digest': 'none' }] },
  { name: 'stale-digest', root: { process: '申请、受理、决定' }, kids: [{ '@digest': 'stale' }, { process: '申请、受理、审查、决定', '@digest': 'stale' }] },
  { name: 'cancelled', kids: [{ promisedLimit: { amount: '30', unit: '工作日' }, '@cancelled': 'yes' }, {}] },
  { name: 'three', kids: [{}, {}, { resultName: '食品经营许可证（副本）' }] },
  { name: 'incomplete', root: { legalBasis: undefined, promisedLimit: { amount: '即时', unit: '工作日' } }, kids: [{}, { legalBasis: '《食品安全法》' }] },
];

describe.each(engines())('must-match check over digests equals the comparison of all values (%s)', (engine) => {
  let t: TestApp;
  let units: { gov: number; dept: number; streets: number[]; community: number };
  let schema: ElementDef[];
  const caseOf = new Map<number, string>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    const gov = await buildAgency(t.db, { name: '摘要测试区人民政府', kind: 'government' });
    const dept = await buildAgency(t.db, { name: '摘要测试区审批局', parent_id: gov.id, kind: 'department' });
    const s1 = await buildAgency(t.db, { name: '摘要测试一街道', parent_id: gov.id, kind: 'street' });
    const s2 = await buildAgency(t.db, { name: '摘要测试二街道', parent_id: gov.id, kind: 'street' });
    const c1 = await buildAgency(t.db, { name: '摘要测试社区', parent_id: s1.id, kind: 'community' });
    units = { gov: gov.id, dept: dept.id, streets: [s1.id, s2.id], community: c1.id };
    // the rows were written before x_window existed for the 区 rows' schema; the element is added afterwards
    schema = elementSchema([{ key: 'x_window', label: '窗口号', group: 'impl', kind: 'integer', builtin: false }]);
    const at = '2026-01-01T00:00:00Z';
    const row = (v: ElementValues, agencyId: number, level: string, parentId: number | null, status = 'active'): NewItemRow => {
      const values = Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== undefined && !k.startsWith('@'))) as ElementValues;
      const sch = 'x_window' in values ? schema : elementSchema();
      return { parent_id: parentId, agency_id: agencyId, level, code: String(values.implCode), basic_code: String(values.basicCode), name: String(values.name), type: String(values.type), status, status_since: '2024-01-01', ...valueColumns(sch, values), search_text: '', created_by: null, created_at: at, updated_at: at };
    };
    for (const [n, c] of CASES.entries()) {
      const rootValues = { ...base, ...c.root, basicCode: `9000${n}`, implCode: `DG-${n}-D` };
      const [rootId] = await insertItems(t.db, [row(rootValues, dept.id, 'district', null)]);
      caseOf.set(rootId!, c.name);
      const kidUnits = [s1.id, c1.id, s2.id];
      for (const [k, over] of c.kids.entries()) {
        const level = k === 1 ? 'community' : 'street';
        const [id] = await insertItems(t.db, [row({ ...rootValues, ...over, implCode: `DG-${n}-${k}` }, kidUnits[k]!, level, rootId!, over['@cancelled'] ? 'cancelled' : 'active')]);
        if (over['@digest'] === 'none') await t.db.updateTable('service_items').set({ check_digest: null, completeness_score: null }).where('id', '=', id!).execute();
        if (over['@digest'] === 'stale') await t.db.updateTable('service_items').set({ check_digest: 'v0;name=AAAAAAAAAAA;' }).where('id', '=', id!).execute();
      }
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const names = () => new Map<number, string>();
  const MUST_MATCH: [string, string[], string[]][] = [
    ['the default set', [...DEFAULT_MUST_MATCH], ['promised:promisedLimit', 'copies:materials', 'absent:conditions', 'no-digest:promisedLimit', 'stale-digest:process', 'three:resultName', 'incomplete:legalBasis']],
    ['the set with 办理地点', [...DEFAULT_MUST_MATCH, 'place'], ['promised:promisedLimit', 'copies:materials', 'absent:conditions', 'place:place', 'no-digest:promisedLimit', 'stale-digest:process', 'three:resultName', 'incomplete:legalBasis']],
    ['an added element and one built-in', ['x_window', 'promisedLimit', 'feeStandard'], ['promised:promisedLimit', 'window:x_window', 'no-digest:promisedLimit']],
  ];

  it.each(MUST_MATCH)('%s: the district — same differences and scores, these cases differ', async (_n, keys, expected) => {
    const mm = schema.filter((e) => keys.includes(e.key));
    const all = [units.gov, units.dept, ...units.streets, units.community];
    const scope = new Set(all);
    const byDigest = await checkTrees(t.db, all, mm, names(), scope);
    const byValues = await checkTreesByValues(t.db, all, mm, names(), scope);
    expect(byDigest.differences).toEqual(byValues.differences);
    expect(byDigest.scores).toEqual(byValues.scores);
    expect(byDigest.differences.filter((d) => caseOf.has(d.itemId)).map((d) => `${caseOf.get(d.itemId)}:${d.element}`)).toEqual(expected);
  });

  it('one unit (the second 街道): only its trees, the same outcome', async () => {
    const mm = schema.filter((e) => DEFAULT_MUST_MATCH.includes(e.key));
    const scope = new Set([units.streets[1]!]);
    const byDigest = await checkTrees(t.db, [...scope], mm, names(), scope);
    const byValues = await checkTreesByValues(t.db, [...scope], mm, names(), scope);
    expect(byDigest.differences).toEqual(byValues.differences);
    expect(byDigest.scores).toEqual(byValues.scores);
    expect(byDigest.differences.map((d) => `${caseOf.get(d.itemId)}:${d.element}`)).toEqual(['three:resultName']);
    expect(byDigest.scores).toEqual([{ agencyId: units.streets[1], agency: '', score: 100, items: 1, incomplete: 0 }]);
  });

  it('scores: the 区 department has one incomplete item of 13 (mean of 12 × 100 and 67)', async () => {
    const scope = new Set([units.dept]);
    const byDigest = await checkTrees(t.db, [units.dept], [], names(), scope);
    expect(byDigest.scores).toEqual([{ agencyId: units.dept, agency: '', score: 97, items: 13, incomplete: 1 }]);
    expect(byDigest.scores).toEqual((await checkTreesByValues(t.db, [units.dept], [], names(), scope)).scores);
  });
});

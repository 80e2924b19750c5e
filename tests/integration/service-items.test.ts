// 政务服务事项 across 区 / 街道 / 社区: create / update with versioning and a change history (who, when, what, why),
// optimistic locking (409), bad input answered in Chinese, the must-match check and its work-queue item
// (item_mismatch) for the unit that must correct it, completeness scores, year counts from the status history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const mat = (name: string) => ({ name, necessity: '必要', form: '纸质', source: '申请人自备', copies: 1, blankForm: '', sample: '', basis: '' });
const food = {
  name: '食品经营许可（新办）', basicCode: '000128009000', type: '行政许可', implCode: 'T-SPJ-0001', legalBasis: '《中华人民共和国食品安全法》第三十五条',
  conditions: '有与经营的食品品种、数量相适应的经营场所', process: '申请、受理、审查、决定', materials: [mat('食品经营许可申请书'), mat('营业执照复印件')],
  legalLimit: { amount: '20', unit: '工作日' }, promisedLimit: { amount: '5', unit: '工作日' }, charged: '否', resultName: '食品经营许可证',
};

describe.each(engines())('service items (%s)', (engine) => {
  let t: TestApp;
  let dept: { id: number; creditCode: string };
  let gov: { id: number; creditCode: string };
  let street: { id: number; credit_code: string };
  let community: { id: number; credit_code: string };
  let rootId = 0;
  let streetItemId = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // a district of its own (the demo district has items, differences and 办件 of its own)
    const g = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    const d = await buildAgency(t.db, { name: '测试区行政审批服务局', parent_id: g.id, kind: 'department' });
    gov = { id: g.id, creditCode: g.credit_code };
    dept = { id: d.id, creditCode: d.credit_code };
    await buildUser(t.db, { username: 'si-officer', display_name: '王经办', agency_id: dept.id, role: 'officer' });
    await buildUser(t.db, { username: 'si-supervisor', agency_id: gov.id, role: 'supervisor' });
    street = await buildAgency(t.db, { name: '测试街道办事处', parent_id: gov.id, kind: 'street' });
    community = await buildAgency(t.db, { name: '测试社区居民委员会', parent_id: street.id, kind: 'community' });
    await buildUser(t.db, { username: 'si-street', agency_id: street.id, role: 'officer' });
    await buildUser(t.db, { username: 'si-community', agency_id: community.id, role: 'officer' });
  });
  afterAll(async () => t?.close());

  it('the 区 department creates an item; bad values are refused field by field in Chinese', async () => {
    const bad = await t.api('POST', '/api/service-items', { as: 'si-officer', password: TEST_PASSWORD, body: { values: { ...food, implCode: '', type: '行政审批', visits: '两次' } } });
    expect(bad.statusCode).toBe(400);
    const errs = (bad.json() as { errors: { field: string; message: string }[] }).errors;
    expect(errs.map((e) => e.field)).toEqual(['el.type', 'el.implCode', 'el.visits']);
    expect(errs[1]!.message).toBe('请填写实施编码');
    const res = await t.api('POST', '/api/service-items', { as: 'si-officer', password: TEST_PASSWORD, body: { values: food, statusOn: '2019-04-01' } });
    expect(res.statusCode).toBe(201);
    rootId = (res.json() as { id: number }).id;
    const dup = await t.api('POST', '/api/service-items', { as: 'si-officer', password: TEST_PASSWORD, body: { values: food } });
    expect(dup.statusCode).toBe(400);
    expect(JSON.stringify(dup.json())).toContain('实施编码 T-SPJ-0001 已被使用');
  });

  it('a 街道 implements it (copying the elements) and a 社区 too; a 街道 cannot define a base item', async () => {
    const own = await t.api('POST', '/api/service-items', { as: 'si-street', password: TEST_PASSWORD, body: { values: { ...food, implCode: 'T-XY-0009' } } });
    expect(own.statusCode).toBe(400);
    const s = await t.api('POST', '/api/service-items', { as: 'si-street', password: TEST_PASSWORD, body: { parentId: rootId, values: { implCode: 'T-XY-0001', place: '测试街道便民服务中心' }, statusOn: '2019-06-01' } });
    expect(s.statusCode).toBe(201);
    streetItemId = (s.json() as { id: number }).id;
    const c = await t.api('POST', '/api/service-items', { as: 'si-community', password: TEST_PASSWORD, body: { parentId: rootId, values: { implCode: 'T-SQ-0001' } } });
    expect(c.statusCode).toBe(201);
    const list = (await t.api('GET', `/api/service-items?agency=${street.credit_code}`, { as: 'si-street', password: TEST_PASSWORD })).json() as { items: { code: string; level: string; agency: string; status: string }[]; total: number };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ code: 'T-XY-0001', level: 'street', agency: '测试街道办事处', status: 'active' });
    // Chinese search: a 2-character substring of a material name, and an item name fragment
    const q = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('申请书')}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { total: number };
    expect(q.total).toBe(1);
    const none = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('卫生许可')}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { total: number };
    expect(none.total).toBe(0);
    // the street officer does not see another district's scope through the agency filter
    expect((await t.api('GET', `/api/service-items?agency=${dept.creditCode}`, { as: 'si-street', password: TEST_PASSWORD })).statusCode).toBe(404);
  });

  it('the 区 officer changes 承诺时限: a must-match difference for both lower units, in their work queues; correcting removes it', async () => {
    const before = (await t.api('GET', `/api/service-items/consistency?agency=${gov.creditCode}`, { as: 'si-supervisor', password: TEST_PASSWORD })).json() as { differences: unknown[] };
    expect(before.differences).toEqual([]);
    const upd = await t.api('PUT', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, values: { promisedLimit: { amount: '3', unit: '工作日' } }, reason: '压缩承诺时限' } });
    expect(upd.statusCode).toBe(200);
    expect((upd.json() as { version: number }).version).toBe(2);
    // the same stale version again: 409
    const stale = await t.api('PUT', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, values: { promisedLimit: { amount: '2', unit: '工作日' } }, reason: '再次压缩' } });
    expect(stale.statusCode).toBe(409);
    const check = (await t.api('GET', `/api/service-items/consistency?agency=${gov.creditCode}`, { as: 'si-supervisor', password: TEST_PASSWORD })).json() as { differences: { item: number; element: string; values: { agency: string; value: string; differs: boolean }[] }[] };
    expect(check.differences).toEqual([{
      item: rootId, itemName: food.name, element: 'promisedLimit', label: '承诺办结时限',
      values: [
        { agency: '测试区行政审批服务局', agencyId: dept.id, itemId: rootId, value: '3 工作日', differs: false },
        { agency: '测试街道办事处', agencyId: street.id, itemId: streetItemId, value: '5 工作日', differs: true },
        { agency: '测试社区居民委员会', agencyId: community.id, itemId: expect.any(Number), value: '5 工作日', differs: true },
      ],
    }]);
    const work = (await t.api('GET', '/api/my-work?kind=item_mismatch', { as: 'si-street', password: TEST_PASSWORD })).json() as { items: { title: string; url: string }[] };
    expect(work.items).toEqual([expect.objectContaining({ title: `${food.name}：承诺办结时限与区级部门不一致`, url: `/admin/services/${streetItemId}#field-el.promisedLimit` })]);
    // the 区 officer has nothing to correct
    expect(((await t.api('GET', '/api/my-work?kind=item_mismatch', { as: 'si-officer', password: TEST_PASSWORD })).json() as { total: number }).total).toBe(0);
    const fix = await t.api('PUT', `/api/service-items/${streetItemId}`, { as: 'si-street', password: TEST_PASSWORD, body: { version: 1, values: { promisedLimit: { amount: '3', unit: '工作日' } }, reason: '与区级部门一致' } });
    expect(fix.statusCode).toBe(200);
    expect(((await t.api('GET', '/api/my-work?kind=item_mismatch', { as: 'si-street', password: TEST_PASSWORD })).json() as { total: number }).total).toBe(0);
    const after = (await t.api('GET', `/api/service-items/consistency?agency=${street.credit_code}`, { as: 'si-street', password: TEST_PASSWORD })).json() as { differences: { values: { agency: string; differs: boolean }[] }[] };
    // the 社区 still differs (it is below the 街道, so the 街道's check shows it)
    expect(after.differences.flatMap((d) => d.values.filter((v) => v.differs).map((v) => v.agency))).toEqual(['测试社区居民委员会']);
  });

  it('the change history says who, when, what and why; an update without a reason is refused', async () => {
    const noReason = await t.api('PUT', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 2, values: { hours: '工作日 9:00-17:00' }, reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('请填写变更原因');
    const d = (await t.api('GET', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { version: number; history: { version: number; kind: string; actor: string; reason: string; changes: unknown[] }[] };
    expect(d.version).toBe(2);
    expect(d.history[0]).toMatchObject({ version: 2, kind: 'update', actor: '王经办', reason: '压缩承诺时限', changes: [{ key: 'promisedLimit', label: '承诺办结时限', before: '5 工作日', after: '3 工作日' }] });
    expect(d.history[1]).toMatchObject({ version: 1, kind: 'create', reason: '新增事项' });
  });

  it('status changes with dates give 上一年项目数量 / 本年增减 per year; bad dates are refused', async () => {
    const other = await t.api('POST', '/api/service-items', { as: 'si-officer', password: TEST_PASSWORD, body: { values: { ...food, name: '公共场所卫生许可', implCode: 'T-SPJ-0002', type: '公共服务' }, statusOn: '2019-09-01' } });
    const otherId = (other.json() as { id: number }).id;
    const badDate = await t.api('PUT', `/api/service-items/${otherId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, status: 'cancelled', statusOn: '2019-02-30', reason: '取消' } });
    expect(badDate.statusCode).toBe(400);
    const backDated = await t.api('PUT', `/api/service-items/${otherId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, status: 'cancelled', statusOn: '2019-01-01', reason: '取消' } });
    expect(JSON.stringify(backDated.json())).toContain('生效日期不能早于上一次状态变更（2019-09-01）');
    expect((await t.api('PUT', `/api/service-items/${otherId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, status: 'cancelled', statusOn: '2021-03-01', reason: '依据省政府决定取消' } })).statusCode).toBe(200);
    const counts = async (year: number) => Object.fromEntries(Object.entries((await t.services.serviceItems.yearCounts([dept.id], year)).get(dept.id) ?? {}).map(([k, v]) => [k, [v.previous, v.change]]));
    expect(await counts(2019)).toEqual({ license: [0, 1], other_service: [0, 1] });
    expect(await counts(2021)).toEqual({ license: [1, 0], other_service: [1, -1] });
    expect(await counts(2022)).toEqual({ license: [1, 0] });
  });

  it('completeness: an item without legal basis and with a promise longer than the law lowers its unit’s score', async () => {
    await t.api('POST', '/api/service-items', { as: 'si-officer', password: TEST_PASSWORD, body: { values: { ...food, name: '个体工商户开办', implCode: 'T-SPJ-0003', type: '行政确认', legalBasis: '', promisedLimit: { amount: '30', unit: '工作日' } } } });
    const r = (await t.api('GET', `/api/service-items/consistency?agency=${dept.creditCode}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { scores: { agency: string; score: number; items: number; incomplete: number }[] };
    // three items: 100 (food) + 100 (cancelled one is not counted) … the incomplete one passes 4 of 6 rules (67)
    expect(r.scores).toEqual([{ agency: '测试区行政审批服务局', agencyId: dept.id, score: 84, items: 2, incomplete: 1 }]);
  });

  it('must-match set: the supervisor edits it (versioned), an officer may not', async () => {
    expect((await t.api('PUT', '/api/service-items/must-match', { as: 'si-officer', password: TEST_PASSWORD, body: { keys: ['name'], version: 0 } })).statusCode).toBe(403);
    expect((await t.api('PUT', '/api/service-items/must-match', { as: 'si-supervisor', password: TEST_PASSWORD, body: { keys: ['name', 'nosuch'], version: 0 } })).statusCode).toBe(400);
    expect((await t.api('PUT', '/api/service-items/must-match', { as: 'si-supervisor', password: TEST_PASSWORD, body: { keys: ['name', 'type'], version: 0 } })).statusCode).toBe(204);
    expect((await t.api('PUT', '/api/service-items/must-match', { as: 'si-supervisor', password: TEST_PASSWORD, body: { keys: ['name'], version: 0 } })).statusCode).toBe(409);
    const el = (await t.api('GET', '/api/service-items/elements', { as: 'si-officer', password: TEST_PASSWORD })).json() as { mustMatch: string[]; mustMatchVersion: number };
    expect(el).toMatchObject({ mustMatch: ['name', 'type'], mustMatchVersion: 1 });
    // the 社区's different 承诺时限 no longer counts
    const check = (await t.api('GET', `/api/service-items/consistency?agency=${gov.creditCode}`, { as: 'si-supervisor', password: TEST_PASSWORD })).json() as { differences: unknown[] };
    expect(check.differences).toEqual([]);
  });

  it('pages: the list finds the item, the item page shows the anchored elements, the incomplete ones and the history', async () => {
    const { cookie } = await t.login('si-officer', TEST_PASSWORD);
    const list = await t.app.inject({ method: 'GET', url: `/admin/services?q=${encodeURIComponent('食品经营')}`, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/services/${rootId}"`);
    const page = await t.app.inject({ method: 'GET', url: `/admin/services/${rootId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="field-el.promisedLimit"');
    expect(page.body).toContain('承诺办结时限：5 工作日 → 3 工作日');
    expect(page.body).toContain('测试街道办事处（街道');
    // an item of another unit's scope: 404
    const { cookie: c2 } = await t.login('si-community', TEST_PASSWORD);
    expect((await t.app.inject({ method: 'GET', url: `/admin/services/${streetItemId}`, headers: { cookie: c2 } })).statusCode).toBe(404);
  });

  it('page forms: create (errors in a summary), edit with a stale version keeps the input (409), status with a date', async () => {
    const bad = await t.form('/admin/services', { 'el.name': '建设工程规划许可', 'el.type': '行政审批', 'el.legalLimit.amount': '20', 'el.legalLimit.unit': '年' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('请填写基本编码');
    expect(bad.body).toContain('href="#field-el.legalLimit"');
    expect(bad.body).toContain('value="建设工程规划许可"');
    const ok = await t.form('/admin/services', {
      'el.name': '建设工程规划许可', 'el.basicCode': '000117001000', 'el.type': '行政许可', 'el.implCode': 'T-GH-0001', 'el.legalBasis': '《中华人民共和国城乡规划法》第四十条',
      'el.promisedLimit.amount': '10', 'el.promisedLimit.unit': '工作日', 'el.materials.0.name': '建设工程规划许可申请表', 'el.materials.0.necessity': '必要', 'el.materials.0.form': '纸质',
      'el.materials.0.source': '申请人自备', 'el.materials.0.copies': '2', 'el.materials.1.name': '', statusOn: '2019-05-01',
    }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(303);
    const id = Number(/\/admin\/services\/(\d+)/.exec(String(ok.headers.location))![1]);
    const d = (await t.api('GET', `/api/service-items/${id}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { values: Record<string, unknown>; statusSince: string; version: number };
    expect(d.values.materials).toEqual([{ name: '建设工程规划许可申请表', necessity: '必要', form: '纸质', source: '申请人自备', copies: 2, blankForm: '', sample: '', basis: '' }]);
    expect(d.statusSince).toBe('2019-05-01');
    const { cookie } = await t.login('si-officer', TEST_PASSWORD);
    const edit = await t.app.inject({ method: 'GET', url: `/admin/services/${id}/edit`, headers: { cookie } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="el.promisedLimit.amount"');
    expect(edit.body).toContain('value="建设工程规划许可申请表"');
    // the edit form as shown, with 承诺时限 changed
    const form: Record<string, string> = Object.fromEntries([...edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!]));
    for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) form[m[1]!] = m[2]!;
    // the selects as shown (their selected option)
    for (const m of edit.body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/g)) {
      const sel = /<option value="([^"]*)" selected="">/.exec(m[2]!);
      if (sel) form[m[1]!] = sel[1]!;
    }
    expect(form.version).toBe('1');
    // someone else saves first through the API
    expect((await t.api('PUT', `/api/service-items/${id}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: 1, values: { hours: '工作日 9:00-17:00' }, reason: '补充办理时间' } })).statusCode).toBe(200);
    const stale = await t.form(`/admin/services/${id}/edit`, { ...form, 'el.type': '行政许可', 'el.promisedLimit.unit': '工作日', 'el.promisedLimit.amount': '8', reason: '压缩承诺时限' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('gk-error-summary');
    expect(stale.body).toContain('他人已在此期间修改了该事项');
    expect(stale.body).toContain('value="8"');
    expect(stale.body).toContain('>压缩承诺时限</textarea>');
    expect(stale.body).toContain('name="version" value="2"');
    const noReason = await t.form(`/admin/services/${id}/edit`, { ...form, version: '2', 'el.type': '行政许可', 'el.promisedLimit.unit': '工作日', 'el.promisedLimit.amount': '8' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写变更原因');
    const saved = await t.form(`/admin/services/${id}/edit`, { ...form, version: '2', 'el.type': '行政许可', 'el.promisedLimit.unit': '工作日', 'el.promisedLimit.amount': '8', 'el.hours': '工作日 9:00-17:00', reason: '压缩承诺时限' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(saved.statusCode).toBe(303);
    const after = (await t.api('GET', `/api/service-items/${id}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { version: number; values: Record<string, unknown>; history: { changes: { key: string }[] }[] };
    expect(after.version).toBe(3);
    expect(after.values.promisedLimit).toEqual({ amount: '8', unit: '工作日' });
    expect(after.history[0]!.changes.map((c) => c.key)).toEqual(['promisedLimit']);
    // status: a bad date and a missing status answer on the page; then 暂停 from a date
    const badStatus = await t.form(`/admin/services/${id}/status`, { version: '3', statusOn: '2021-3-1', reason: '整改' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.body).toContain('请选择新状态');
    expect(badStatus.body).toContain('生效日期的格式为 YYYY-MM-DD');
    const early = await t.form(`/admin/services/${id}/status`, { version: '3', status: 'suspended', statusOn: '2019-01-01', reason: '整改' }, { as: 'si-officer', password: TEST_PASSWORD });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('生效日期不能早于上一次状态变更（2019-05-01）');
    expect((await t.form(`/admin/services/${id}/status`, { version: '3', status: 'suspended', statusOn: '2021-03-01', reason: '整改' }, { as: 'si-officer', password: TEST_PASSWORD })).statusCode).toBe(303);
    expect(((await t.api('GET', `/api/service-items/${id}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { status: string }).status).toBe('suspended');
  });

  it('page forms: a 街道 implements a 区 item from the list offered; the check page lists a difference with a link to correct it', async () => {
    const { cookie } = await t.login('si-street', TEST_PASSWORD);
    const page = await t.app.inject({ method: 'GET', url: '/admin/services/new', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('实施的区级事项');
    expect(page.body).toContain('建设工程规划许可（T-GH-0001');
    expect(page.body).not.toContain(`<option value="${rootId}"`); // already implemented by the 街道
    const gh = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('规划许可')}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { items: { id: number }[] };
    const none = await t.form('/admin/services', { 'el.implCode': 'T-XY-0002' }, { as: 'si-street', password: TEST_PASSWORD });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择要实施的区级事项');
    const ok = await t.form('/admin/services', { parentId: String(gh.items[0]!.id), 'el.implCode': 'T-XY-0002', 'el.promisedLimit.amount': '9', 'el.promisedLimit.unit': '工作日' }, { as: 'si-street', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(303);
    // the must-match set: only the supervisor's form
    expect((await t.form('/admin/services/must-match', { keys: 'name', version: '0' }, { as: 'si-street', password: TEST_PASSWORD })).statusCode).toBe(403);
    const stale = await t.form('/admin/services/must-match', { keys: 'name', version: '0' }, { as: 'si-supervisor', password: TEST_PASSWORD });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('gk-error-summary');
    const empty = await t.form('/admin/services/must-match', { version: '1' }, { as: 'si-supervisor', password: TEST_PASSWORD });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请至少选择一个必须一致的要素');
    expect((await t.form('/admin/services/must-match', { keys: 'name,type,promisedLimit', version: '1' }, { as: 'si-supervisor', password: TEST_PASSWORD })).statusCode).toBe(303);
    const check = await t.app.inject({ method: 'GET', url: `/admin/services/check?agency=${street.credit_code}`, headers: { cookie } });
    expect(check.body).not.toContain('action="/admin/services/must-match"');
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('建设工程规划许可');
    expect(check.body).toMatch(/测试街道办事处：9 工作日 <strong[^>]*>不一致<\/strong> <a href="\/admin\/services\/\d+\/edit#field-el.promisedLimit">去修改<\/a>/);
  });

  it('the public 办事指南: list with the Chinese search, the guide page with its materials and blank form, the PDF with the embedded font, portal search', async () => {
    const cur = (await t.api('GET', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { version: number; values: { materials: { blankForm: string }[] } };
    const materials = cur.values.materials.map((m, n) => (n === 0 ? { ...m, blankForm: '食品经营许可申请书.pdf', sample: '申请书示例.pdf' } : m));
    expect((await t.api('PUT', `/api/service-items/${rootId}`, { as: 'si-officer', password: TEST_PASSWORD, body: { version: cur.version, values: { materials, faq: [{ q: '可以网上申请吗？', a: '可以，通过山东政务服务网申请。' }] }, reason: '附空白表格' } })).statusCode).toBe(200);
    const pdfBytes = Buffer.from('%PDF-1.4\n% blank form\n');
    const { agency_id: rootAgency } = await t.db.selectFrom('service_items').select('agency_id').where('id', '=', rootId).executeTakeFirstOrThrow();
    await t.db.insertInto('service_item_files').values({ agency_id: rootAgency, item_id: rootId, filename: '食品经营许可申请书.pdf', mime: 'application/pdf', size: pdfBytes.length, content_base64: pdfBytes.toString('base64'), created_at: new Date().toISOString() }).execute();
    const list = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('食品经营')}` });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/services/${rootId}"`);
    expect(list.body).toContain(`href="/services/${streetItemId}"`); // the 街道's guide too
    const page = await t.app.inject({ method: 'GET', url: `/services/${rootId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('食品经营许可申请书');
    expect(page.body).toContain(`href="/services/${rootId}/files/${encodeURIComponent('食品经营许可申请书.pdf')}"`);
    expect(page.body).toContain('示例样表（请到窗口领取）');
    expect(page.body).toContain('可以网上申请吗？');
    expect(page.body).toContain(`href="/services/${rootId}/guide.pdf"`);
    // a 街道's guide serves the 区 department's blank forms by name (its materials start as the 区's)
    const file = await t.app.inject({ method: 'GET', url: `/services/${streetItemId}/files/${encodeURIComponent('食品经营许可申请书.pdf')}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdfBytes)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/services/${rootId}/files/nosuch.pdf` })).statusCode).toBe(404);
    const pdf = await t.app.inject({ method: 'GET', url: `/services/${rootId}/guide.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2/);
    const { pdfTextPages } = await import('../../src/features/shared/pdf-read.ts');
    const text = (await pdfTextPages(new Uint8Array(pdf.rawPayload))).flat().map((i) => i.str).join('');
    expect(text).toContain('食品经营许可（新办）');
    expect(text).toContain('食品经营许可申请书');
    expect(text).toContain('《中华人民共和国食品安全法》第三十五条');
    // portal search lists the guides above the catalogue results
    const search = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('食品经营')}` });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('政务服务事项办事指南');
    expect(search.body).toContain(`href="/services/${rootId}"`);
    // a cancelled item has no public guide
    const cancelled = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('卫生许可')}&status=cancelled`, { as: 'si-officer', password: TEST_PASSWORD })).json() as { items: { id: number }[] };
    expect((await t.app.inject({ method: 'GET', url: `/services/${cancelled.items[0]!.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/services/${cancelled.items[0]!.id}/guide.pdf` })).statusCode).toBe(404);
  });
});

// The assessment completed from Gongkai's own records (规范性文件 with their 解读 the same day, monthly 办理结果公示) and
// the 不定期抽查: a seeded draw of catalogue items and applications of the agencies below, recorded (seed, populations)
// and reproducible from the seed, drawn again only with a reason (409 on a stale draw), audited; 合格 / 不合格 per
// record (409 on a stale version); the scores and the 抽查 results in the run's 通报 PDF. Pages and their API twins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSample } from '../../src/core/supervision/sample.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const PW = { password: TEST_PASSWORD };
interface SampleView { id: number; seed: number; itemsPopulation: number; casesPopulation: number; reason: string | null; earlier: { id: number }[]; score: { checked: number; passed: number; value: number | null }; items: { id: number; kind: string; entityId: number; agency: string; result: string | null; version: number }[] }

describe.each(engines())('assessment records and the 不定期抽查 (%s)', (engine) => {
  let t: TestApp;
  let gov: { id: number }, d1: { id: number; name: string }, d2: { id: number; name: string };
  const at = '2025-01-01T00:00:00.000Z';
  let n = 0;

  async function item(agencyId: number, o: { kind: string; category: number; published: string; title?: string }): Promise<number> {
    n++;
    const r = await t.db.insertInto('catalogue_items').values({
      agency_id: agencyId, index_no: `SA-${agencyId}-${n}`, created_on: o.published, public: 1, title: o.title ?? `抽查测试信息${n}`, kind: o.kind, category: o.category,
      published_on: o.published, first_published_on: o.published, published_version: 1, created_at: at, updated_at: at,
    } as never).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }
  async function application(agencyId: number, concluded: string): Promise<number> {
    n++;
    const r = await t.db.insertInto('applications').values({
      agency_id: agencyId, query_code: `SAQ${engine}${n}`, channel: 'online', submitted_on: concluded, received_on: concluded, applicant_type: 'natural_person', applicant_name: '测试',
      phone: '13800000000', applicant_key: `k${n}`, content: '抽查测试申请', provide_form: '电子邮件', obtain_method: '电子邮件', fee_waiver_requested: 0, state: 'concluded',
      outcome: 'disclosed', concluded_on: concluded, created_at: at, updated_at: at,
    } as never).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    gov = await buildAgency(t.db, { name: '抽查区人民政府', kind: 'government' });
    d1 = await buildAgency(t.db, { name: '抽查区教育局', parent_id: gov.id, kind: 'department' });
    d2 = await buildAgency(t.db, { name: '抽查区民政局', parent_id: gov.id, kind: 'department' });
    await buildUser(t.db, { username: 'sa-supervisor', agency_id: gov.id, role: 'supervisor' });
    await buildUser(t.db, { username: 'sa-supervisor-2', agency_id: gov.id, role: 'supervisor' });
    await buildUser(t.db, { username: 'sa-officer', agency_id: d1.id, role: 'officer' });
    // 教育局 2025: three policy documents — one with its 解读 the same day, one a day late, one without
    const a = await item(d1.id, { kind: 'normative', category: 1, published: '2025-03-10' });
    const ia = await item(d1.id, { kind: 'interpretation', category: 1, published: '2025-03-10' });
    const b = await item(d1.id, { kind: 'normative', category: 1, published: '2025-04-01' });
    const ib = await item(d1.id, { kind: 'interpretation', category: 1, published: '2025-04-02' });
    await item(d1.id, { kind: 'rule', category: 1, published: '2025-05-05' });
    await t.db.insertInto('catalogue_links').values([{ agency_id: d1.id, policy_id: a, interpretation_id: ia }, { agency_id: d1.id, policy_id: b, interpretation_id: ib }]).execute();
    // 办件 decided in January, February and June 2025; one 行政许可结果公示 on 2025-02-05 (shows January's and February's)
    for (const d of ['2025-01-15', '2025-02-10', '2025-06-30']) {
      await t.db.insertInto('decision_entries').values({ agency_id: d1.id, year: 2025, category: '5', decided_on: d, count: 1, source: 'import', created_at: at, updated_at: at } as never).execute();
    }
    await item(d1.id, { kind: 'licensing', category: 5, published: '2025-02-05', title: '2025年1月行政许可结果公示' });
    // 民政局: items and applications to draw from; one item of 2024 (not in the year)
    for (const d of ['2025-07-01', '2025-08-01', '2025-09-01']) await item(d2.id, { kind: 'notice', category: 15, published: d });
    await item(d2.id, { kind: 'notice', category: 15, published: '2024-12-31' });
    for (const d of ['2025-03-03', '2025-04-04', '2025-05-05', '2025-06-06']) await application(d2.id, d);
  });
  afterAll(async () => t?.close());

  it.each([
    { agency: '抽查区教育局', key: 'interpretation_same_day', want: { value: 33.3, basis: '规范性文件 3 件，同日发布解读 1 件' } },
    { agency: '抽查区教育局', key: 'monthly_results', want: { value: 66.7, basis: '有办件的月份 3 个，已公示 2 个' } },
    { agency: '抽查区民政局', key: 'interpretation_same_day', want: null },
    { agency: '抽查区民政局', key: 'monthly_results', want: null },
  ])('2025 assessment of $agency: $key', async ({ agency, key, want }) => {
    const res = await t.api('GET', '/api/supervision/assessment?year=2025', { as: 'sa-supervisor', ...PW });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as { agencies: { name: string; parts: Record<string, unknown> }[]; weights: Record<string, number> };
    expect(a.weights).toMatchObject({ interpretation_same_day: 10, monthly_results: 10 });
    expect(a.agencies.find((x) => x.name === agency)!.parts[key]).toEqual(want);
  });

  let first: SampleView;
  it('a draw: recorded seed and populations, reproducible from the seed, audited; none before', async () => {
    const none = await t.api('GET', '/api/supervision/assessment/sample?year=2025', { as: 'sa-supervisor', ...PW });
    expect(none.json()).toEqual({ year: 2025, sample: null });
    const res = await t.api('POST', '/api/supervision/assessment/sample', { as: 'sa-supervisor', ...PW, body: { year: 2025, items: 3, cases: 2 } });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as SampleView;
    // the year's public items of the agencies below: 教育局 6, 民政局 3 (the 2024 one is not drawn from); applications 4
    expect(first).toMatchObject({ itemsPopulation: 9, casesPopulation: 4, reason: null, earlier: [], score: { checked: 0, passed: 0, value: null } });
    expect(first.items.map((i) => i.kind)).toEqual(['catalogue_item', 'catalogue_item', 'catalogue_item', 'application', 'application']);
    // anyone can check the draw: the same seed over the same records gives the same records
    const items = await t.db.selectFrom('catalogue_items').select('id').where('agency_id', 'in', [d1.id, d2.id]).where('public', '=', 1).where('first_published_on', '>=', '2025-01-01').where('first_published_on', '<=', '2025-12-31').execute();
    const apps = await t.db.selectFrom('applications').select('id').where('agency_id', 'in', [d1.id, d2.id]).where('concluded_on', '>=', '2025-01-01').execute();
    const key = (k: string, id: number) => ({ key: `${k}:${String(id).padStart(12, '0')}`, id });
    expect(first.items.slice(0, 3).map((i) => i.entityId)).toEqual(drawSample(items.map((r) => key('catalogue_item', r.id)), 3, first.seed).map((x) => x.id));
    expect(first.items.slice(3).map((i) => i.entityId)).toEqual(drawSample(apps.map((r) => key('application', r.id)), 2, first.seed + 1).map((x) => x.id));
    const ev = await t.db.selectFrom('audit_events').select(['action', 'after_json']).where('entity', '=', 'supervision_sample').where('entity_id', '=', String(first.id)).execute();
    expect(ev.map((e) => e.action)).toEqual(['supervision.sample.draw']);
    expect(JSON.parse(ev[0]!.after_json!)).toMatchObject({ year: 2025, seed: first.seed });
  });

  it.each([
    { label: 'again without a reason', body: { items: 1, cases: 1, replaces: 'current' }, status: 400, text: '重新抽取须说明理由' },
    { label: 'a reason but not naming the current draw', body: { items: 1, cases: 1, reason: '样本过少' }, status: 409, text: '' },
    { label: 'a negative size', body: { items: -1, cases: 1, reason: '样本过少', replaces: 'current' }, status: 400, text: '不能为负数' },
    { label: 'nothing to draw', body: { items: 0, cases: 0, reason: '样本过少', replaces: 'current' }, status: 400, text: '请至少抽取一条记录' },
  ])('a redraw refused: $label', async ({ body, status, text }) => {
    const b = { year: 2025, ...body, ...(body.replaces ? { replaces: first.id } : {}) };
    const res = await t.api('POST', '/api/supervision/assessment/sample', { as: 'sa-supervisor', ...PW, body: b });
    expect(res.statusCode, res.body).toBe(status);
    if (text) expect(res.body).toContain(text);
  });

  it('results: 不合格 needs a note, 409 on a stale version, audited; the redraw keeps the earlier draw and its results apart', async () => {
    const [x, y] = first.items;
    const url = (id: number) => `/api/supervision/assessment/sample/items/${id}`;
    const noNote = await t.api('PUT', url(x!.id), { as: 'sa-supervisor', ...PW, body: { result: 'fail', version: x!.version } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('不合格须写明问题');
    const fail = await t.api('PUT', url(x!.id), { as: 'sa-supervisor', ...PW, body: { result: 'fail', note: '未按第二十六条在20个工作日内公开', version: x!.version } });
    expect(fail.statusCode, fail.body).toBe(200);
    expect(fail.json()).toMatchObject({ result: 'fail', note: '未按第二十六条在20个工作日内公开', version: x!.version + 1 });
    expect((await t.api('PUT', url(x!.id), { as: 'sa-supervisor-2', ...PW, body: { result: 'pass', version: x!.version } })).statusCode).toBe(409);
    expect((await t.api('PUT', url(y!.id), { as: 'sa-supervisor', ...PW, body: { result: 'pass', version: y!.version } })).statusCode).toBe(200);
    const cur = (await t.api('GET', '/api/supervision/assessment/sample?year=2025', { as: 'sa-supervisor', ...PW })).json() as { sample: SampleView };
    expect(cur.sample.score).toEqual({ checked: 2, passed: 1, value: 50 });
    expect(await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'supervision_sample_item').where('entity_id', '=', String(x!.id)).execute()).toEqual([{ action: 'supervision.sample.result' }]);
    // other roles and other districts
    expect((await t.api('PUT', url(y!.id), { as: 'sa-officer', ...PW, body: { result: 'pass', version: 2 } })).statusCode).toBe(403);
    expect((await t.api('PUT', url(y!.id), { as: 'supervisor', body: { result: 'pass', version: 2 } })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/supervision/assessment/sample?year=2025', { as: 'admin' })).statusCode).toBe(403);
    // redraw with a reason
    const re = await t.api('POST', '/api/supervision/assessment/sample', { as: 'sa-supervisor', ...PW, body: { year: 2025, items: 2, cases: 0, reason: '首次抽取未覆盖民政局', replaces: first.id } });
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json()).toMatchObject({ reason: '首次抽取未覆盖民政局', earlier: [{ id: first.id }], score: { checked: 0 } });
    expect((await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'supervision_sample').where('entity_id', '=', String((re.json() as SampleView).id)).execute())).toEqual([{ action: 'supervision.sample.redraw' }]);
    // the replaced draw takes no more results; its results are kept
    const old = await t.api('PUT', url(y!.id), { as: 'sa-supervisor', ...PW, body: { result: 'fail', note: 'x', version: y!.version + 1 } });
    expect(old.statusCode).toBe(400);
    expect(old.body).toContain('已被重新抽取替换');
    expect(await t.db.selectFrom('supervision_sample_items').select('result').where('id', '=', x!.id).executeTakeFirst()).toEqual({ result: 'fail' });
  });

  it('the 通报 of a 2025 run shows the assessment and the 抽查 results', async () => {
    const now = new Date().toISOString();
    const run = await t.db.insertInto('audit_runs').values({ agency_id: gov.id, title: '抽查区2025年度报告检查', year: 2025, source: 'upload', reports_count: 0, clean_count: 0, findings_count: 0, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '测试', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const cur = (await t.api('GET', '/api/supervision/assessment/sample?year=2025', { as: 'sa-supervisor', ...PW })).json() as { sample: SampleView };
    const it0 = cur.sample.items[0]!;
    await t.api('PUT', `/api/supervision/assessment/sample/items/${it0.id}`, { as: 'sa-supervisor', ...PW, body: { result: 'fail', note: '缺少发布机构', version: it0.version } });
    const res = await t.api('GET', `/api/supervision/runs/${run.id}/notice.pdf`, { as: 'sa-supervisor', ...PW });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const { pdfTextPages } = await import('../../src/features/shared/pdf-read.ts');
    const text = (await pdfTextPages(new Uint8Array(res.rawPayload))).map((p) => p.map((i) => i.str).join('')).join('\n');
    for (const s of ['五、考核情况', '六、抽查情况', '七、有关要求', '抽查区教育局', '抽查区民政局', '规范性文件与解读同步发布', `随机种子 ${cur.sample.seed}`, '缺少发布机构', '不合格']) expect(text).toContain(s);
    await t.db.deleteFrom('audit_runs').where('id', '=', run.id).execute();
  });

  it('the pages: draw, results with an error summary on a refused form, and the link from the assessment', async () => {
    const s = await t.login('sa-supervisor', TEST_PASSWORD);
    const page = await t.app.inject({ method: 'GET', url: '/admin/supervision/assessment/sample?year=2025', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('首次抽取未覆盖民政局');
    const cur = (await t.api('GET', '/api/supervision/assessment/sample?year=2025', { as: 'sa-supervisor', ...PW })).json() as { sample: SampleView };
    const noReason = await t.form('/admin/supervision/assessment/sample', { year: '2025', items: '1', cases: '1', replaces: String(cur.sample.id) }, { as: 'sa-supervisor', password: TEST_PASSWORD });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('gk-error-summary');
    expect(noReason.body).toContain('重新抽取须说明理由');
    const i = cur.sample.items[1]!;
    const bad = await t.form(`/admin/supervision/assessment/sample/items/${i.id}`, { year: '2025', result: 'fail', note: '', version: String(i.version) }, { as: 'sa-supervisor', password: TEST_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不合格须写明问题');
    const ok = await t.form(`/admin/supervision/assessment/sample/items/${i.id}`, { year: '2025', result: 'pass', note: '', version: String(i.version) }, { as: 'sa-supervisor', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(303);
    const redraw = await t.form('/admin/supervision/assessment/sample', { year: '2025', items: '2', cases: '2', reason: '复核', replaces: String(cur.sample.id) }, { as: 'sa-supervisor', password: TEST_PASSWORD });
    expect(redraw.statusCode).toBe(303);
    const assess = await t.app.inject({ method: 'GET', url: '/admin/supervision/assessment?year=2025', headers: { cookie: s.cookie } });
    expect(assess.body).toContain('/admin/supervision/assessment/sample?year=2025');
    expect(assess.body).toContain('国办发〔2016〕80号');
  });
});

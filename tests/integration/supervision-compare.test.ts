// Comparing two audit runs (this year's against last year's): per agency, the findings new, resolved and persisting,
// dismissed ones left out; both runs must be the supervisor's; the page shows the same as the API (compareAuditRuns).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

interface Cmp {
  totals: { added: number; resolved: number; persisting: number };
  agencies: { items: { agency: string; added: { rule: string }[]; resolved: { rule: string }[]; persisting: { rule: string; earlierId: number }[] }[]; total: number; page: number; pageSize: number };
}

describe.each(engines())('supervision: run comparison (%s)', (engine) => {
  let t: TestApp;
  let earlierId = 0, laterId = 0, persistingEarlierFinding = 0, supervisorAgency = 0;

  async function run(title: string, year: number, findings: { agency: string; rule: string; cells: string[]; decision?: string }[]): Promise<number[]> {
    const at = '2026-02-01T00:00:00.000Z';
    const r = await t.db.insertInto('audit_runs').values({ agency_id: supervisorAgency, title, year, source: 'upload', reports_count: 2, clean_count: 0, findings_count: 2, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '测试', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const ids = [r.id];
    for (const f of findings) {
      const row = await t.db.insertInto('audit_findings').values({ agency_id: supervisorAgency, run_id: r.id, report_id: null, scope: 'report', agency_name: f.agency, subject_agency_id: null, year, rule: f.rule, severity: 'error', source: 'rules', message: `${f.rule} 不符`, cells_json: JSON.stringify(f.cells), fingerprint: `${f.agency}|${year}|${f.rule}`, decision: f.decision ?? 'pending', reason: f.decision === 'dismissed' ? '读错' : null, carried_from: null, decided_by_name: null, decided_at: null }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const me = (await t.api('GET', '/api/supervision/runs', { as: 'supervisor' }));
    expect(me.statusCode).toBe(200);
    const sup = await t.db.selectFrom('users').select('agency_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    supervisorAgency = sup.agency_id!;
    const e = await run('2024 年度体检', 2024, [
      { agency: '甲局', rule: 'E1', cells: ['table3|（七）总计|总计'] },
      { agency: '甲局', rule: 'I1', cells: ['table3|（一）予以公开|总计'] },
      { agency: '乙局', rule: 'I2', cells: ['table3|（七）总计|自然人'], decision: 'dismissed' },
    ]);
    earlierId = e[0]!; persistingEarlierFinding = e[1]!;
    laterId = (await run('2025 年度体检', 2025, [
      { agency: '甲局', rule: 'E1', cells: ['table3|（七）总计|总计'] },
      { agency: '乙局', rule: 'I2', cells: ['table3|（七）总计|自然人'] },
      { agency: '丙局', rule: 'X1', cells: ['table3|二、上年结转政府信息公开申请数量|总计'] },
    ]))[0]!;
  });
  afterAll(async () => t?.close());

  it('API: new, resolved and persisting per agency; a finding dismissed last year counts as new', async () => {
    const res = await t.api('GET', `/api/supervision/runs/${laterId}/comparison?with=${earlierId}`, { as: 'supervisor' });
    expect(res.statusCode).toBe(200);
    const c = res.json() as Cmp;
    expect(c.totals).toEqual({ added: 2, resolved: 1, persisting: 1 });
    const by = Object.fromEntries(c.agencies.items.map((a) => [a.agency, { added: a.added.map((x) => x.rule), resolved: a.resolved.map((x) => x.rule), persisting: a.persisting.map((x) => x.rule) }]));
    expect(by).toEqual({
      甲局: { added: [], resolved: ['I1'], persisting: ['E1'] },
      乙局: { added: ['I2'], resolved: [], persisting: [] },
      丙局: { added: ['X1'], resolved: [], persisting: [] },
    });
    expect(c.agencies.items.find((a) => a.agency === '甲局')!.persisting[0]!.earlierId).toBe(persistingEarlierFinding);
    expect(c.agencies.total).toBe(3);
  });

  it('API: agencies paged', async () => {
    const c = (await t.api('GET', `/api/supervision/runs/${laterId}/comparison?with=${earlierId}&page=2&pageSize=2`, { as: 'supervisor' })).json() as Cmp;
    expect(c.agencies).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(c.agencies.items).toHaveLength(1);
    expect(c.totals).toEqual({ added: 2, resolved: 1, persisting: 1 });
  });

  it.each([
    ['with missing', (l: number) => `/api/supervision/runs/${l}/comparison`, 400],
    ['with itself', (l: number) => `/api/supervision/runs/${l}/comparison?with=${l}`, 400],
    ['an unknown run', () => `/api/supervision/runs/2147483000/comparison?with=1`, 404],
  ] as const)('API: %s → %i (problem+json in Chinese)', async (_n, url, status) => {
    const res = await t.api('GET', url(laterId), { as: 'supervisor' });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((res.json() as { title: string }).title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('page: the same counts, the runs to choose from, reached from the run page', async () => {
    const runPage = await t.api('GET', `/admin/supervision/runs/${laterId}`, { as: 'supervisor' });
    expect(runPage.body).toContain(`/admin/supervision/runs/${laterId}/comparison`);
    const choose = await t.api('GET', `/admin/supervision/runs/${laterId}/comparison`, { as: 'supervisor' });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('2024 年度体检');
    const page = await t.api('GET', `/admin/supervision/runs/${laterId}/comparison?with=${earlierId}`, { as: 'supervisor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-summary="added">2</);
    expect(page.body).toMatch(/data-summary="resolved">1</);
    expect(page.body).toMatch(/data-summary="persisting">1</);
    expect(page.body).toContain('丙局');
  });
});

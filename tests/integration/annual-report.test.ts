// Integration: the annual report from live data (issue 7) on SQLite (and PostgreSQL with TEST_DATABASE_URL).
//  - the seed reproduced: the demo's published 2019 report equals zhifu-approval-2019/expected.json (tables 二/三/四,
//    cell for cell) through GET /api/agencies/{creditCode}/reports/2019?format=fixture, and its portal HTML page,
//    imported by the report importer, gives the same tables again;
//  - compile 2025 from records, drill down, override only with a reason, submit → return → resubmit → accept →
//    publish, year lock (applications date check, register refused), unlock with reason, correction = version 2;
//  - supervisor list, decisions CSV dry run / import, other renderings.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENT_CODE } from '../../src/features/demo/demo.data.ts';
import { importReport } from '../../src/features/reports/import/index.ts';
import { assertYearUnlocked } from '../../src/features/annual-report/annual-report.lock.ts';
import { fromFixture } from '../../src/core/report/fixture.ts';
import type { ReportModel } from '../../src/core/report/model.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const expected = JSON.parse(readFileSync(new URL('../fixtures/reports/zhifu-approval-2019/expected.json', import.meta.url), 'utf8'));
const tables = (x: { table2: unknown; table3: unknown; table4: unknown }) => ({ table2: x.table2, table3: x.table3, table4: x.table4 });

describe.each(engines())('annual report from live data (%s)', (engine) => {
  let t: TestApp;
  let dept: number;
  let gov: number;
  beforeAll(async () => {
    // 10 January 2026, 10:00 in Beijing: the 2025 report is due by 31 January (第四十九条).
    t = await createTestApp(engine, { clock: () => new Date('2026-01-10T02:00:00Z') });
    dept = (await t.services.agencies.getByCreditCode(DEMO_DEPARTMENT_CODE))!.id;
    gov = (await t.services.agencies.get(dept))!.parentId!;
  }, 60_000);
  afterAll(() => t?.close());

  it('publishes the demo 2019 report whose tables equal zhifu-approval-2019/expected.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/agencies/${DEMO_DEPARTMENT_CODE}/reports/2019?format=fixture` });
    expect(res.statusCode).toBe(200);
    const got = res.json();
    expect(tables(got)).toEqual(tables(expected));
    expect(got.format).toBe('2019');
    expect(got.known_inconsistencies).toEqual([]);
    // the narrative is the source's: its one figure (受理依申请公开1件) is found and agrees with the table
    expect(got.narrative_figures.map((f: { value: number; table_value: number }) => [f.value, f.table_value])).toEqual([[1, 1]]);
  });

  it('its portal HTML page, imported by the importer, gives the same tables again', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/reports' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/reports/${DEMO_DEPARTMENT_CODE}/2019`);
    const page = await t.app.inject({ method: 'GET', url: `/reports/${DEMO_DEPARTMENT_CODE}/2019` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('受理依申请公开1件');
    const imported = await importReport({ bytes: new TextEncoder().encode(page.body), filename: 'report.html', contentType: 'text/html' });
    expect(tables(imported.model)).toEqual(tables(fromFixture(expected)));
  });

  it.each([
    ['json', 'application/json'], ['html', 'text/html'], ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['pdf', 'application/pdf'], ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('serves the published report as %s', async (format, type) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/agencies/${DEMO_DEPARTMENT_CODE}/reports/2019?format=${format}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.rawPayload.length).toBeGreaterThan(500);
  });

  it('answers 404 for a year without a published report and 400 for a bad format', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/agencies/${DEMO_DEPARTMENT_CODE}/reports/2018` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/agencies/${DEMO_DEPARTMENT_CODE}/reports/2019?format=exe` })).statusCode).toBe(400);
  });

  it('locks 2019 for the seed: a register entry of 2019 is refused with the lock message', async () => {
    const res = await t.form(`/admin/annual/${dept}/decisions`, { year: '2019', category: 'license', count: '1' }, { as: 'officer' });
    expect(res.statusCode).toBe(303);
    const flash = res.cookies.find((c) => c.name === 'gk_flash');
    expect(decodeURIComponent(flash!.value)).toContain('2019年度政府信息公开工作年度报告已经发布');
  });

  describe('2025: compile, drill down, override, submit, return, accept, publish, lock, unlock, correct', () => {
    const ref = (row: string, col: string) => encodeURIComponent(`table3|${row}|${col}`);
    const version = async () => (await t.services.annualReports.get(admin(), dept, 2025))!.version;
    const admin = () => ({ userId: 1, username: 'admin', displayName: '系统管理员', role: 'admin' as const, agencyId: gov, agencyName: '', visibleAgencyIds: [] });

    // Whatever the demo seed already holds for 2024/2025, the records added here must add exactly their own counts.
    let base25: ReportModel;
    let base24: ReportModel;
    const plus = (base: ReportModel, row: string, add: number[]) => base.table3.rows[row]!.map((v, i) => (v ?? 0) + add[i]!);
    beforeAll(async () => {
      base25 = await t.services.annualReports.compileModel(dept, 2025, '2021');
      base24 = await t.services.annualReports.compileModel(dept, 2024, '2021');
      const at = '2026-01-01T00:00:00Z';
      const app = (i: number, type: string, received: string, concluded: string | null, outcome: string | null, r19: string | null, r21: string | null) => ({
        agency_id: dept, query_code: `GKTEST${engine}${i}`.slice(0, 20), channel: 'online' as const, submitted_on: received, received_on: received,
        applicant_type: type as 'natural_person', applicant_name: `申请人${i}`, id_type: null, id_number: null, credit_code: null, legal_representative: null,
        contact_person: null, phone: '13800000000', address: null, postcode: null, email: null, applicant_key: `N:${i}`, content: `申请内容${i}`, doc_number: null,
        provide_form: '纸质', obtain_method: '自行领取', fee_waiver_requested: 0, assigned_user_id: null, state: concluded ? 'closed' : 'received',
        outcome, outcome_row_2019: r19, outcome_row_2021: r21, concluded_on: concluded, created_at: at, updated_at: at,
      });
      await t.db.insertInto('applications').values([
        app(1, 'natural_person', '2025-03-03', '2025-03-20', 'disclose', '（一）予以公开', '（一）予以公开'),
        app(2, 'natural_person', '2025-05-06', '2025-05-30', 'unavailable_not_held', '（四）无法提供/1.本机关不掌握相关政府信息', '（四）无法提供/1.本机关不掌握相关政府信息'),
        app(3, 'commercial', '2025-12-22', null, null, null, null),
        app(4, 'natural_person', '2024-12-20', '2025-01-15', 'disclose', '（一）予以公开', '（一）予以公开'),
      ]).execute();
      await t.db.insertInto('appeal_cases').values({ agency_id: dept, application_id: null, kind: 'review', filed_on: '2025-07-01', body_name: '芝罘区人民政府', case_number: '芝政复〔2025〕1号', result: 'upheld', closed_on: '2025-09-01', notes: null, created_at: at, updated_at: at }).execute();
    });

    it('the officer compiles 2025 from the records; tables fold them and pass the rules', async () => {
      const res = await t.form(`/admin/annual/${dept}/compile`, { year: '2025', format: '' }, { as: 'officer' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/annual/${dept}/2025`);
      const v = (await t.services.annualReports.get(admin(), dept, 2025))!;
      expect(v.format).toBe('2021');
      expect(v.state).toBe('draft');
      expect(v.model.table3.rows['一、本年新收政府信息公开申请数量']).toEqual(plus(base25, '一、本年新收政府信息公开申请数量', [2, 1, 0, 0, 0, 0, 3]));
      expect(v.model.table3.rows['二、上年结转政府信息公开申请数量']).toEqual(plus(base25, '二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]));
      expect(v.model.table3.rows['（一）予以公开']).toEqual(plus(base25, '（一）予以公开', [2, 0, 0, 0, 0, 0, 2]));
      expect(v.model.table3.rows['（四）无法提供/1.本机关不掌握相关政府信息']).toEqual(plus(base25, '（四）无法提供/1.本机关不掌握相关政府信息', [1, 0, 0, 0, 0, 0, 1]));
      expect(v.model.table3.rows['四、结转下年度继续办理']).toEqual(plus(base25, '四、结转下年度继续办理', [0, 1, 0, 0, 0, 0, 1]));
      expect(v.model.table4['行政复议']!['结果维持']).toBe((base25.table4['行政复议']!['结果维持'] ?? 0) + 1);
      expect(v.errors).toBe(0);
      expect(v.findings.filter((f) => f.rule === 'N1')).toEqual([]);
      const page = await t.api('GET', `/admin/annual/${dept}/2025`, { as: 'officer' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`/admin/annual/${dept}/2025/cell?ref=${ref('（一）予以公开', '自然人')}`);
    });

    it('carries over across two consecutive years: 上年结转 of 2025 = 结转下年度 of 2024 (from the same records)', async () => {
      const y24 = await t.services.annualReports.compileModel(dept, 2024, '2021');
      const y25 = await t.services.annualReports.compileModel(dept, 2025, '2021');
      expect(y24.table3.rows['四、结转下年度继续办理']).toEqual(plus(base24, '四、结转下年度继续办理', [1, 0, 0, 0, 0, 0, 1]));
      expect(y25.table3.rows['二、上年结转政府信息公开申请数量']).toEqual(y24.table3.rows['四、结转下年度继续办理']);
    });

    it('drills down from a cell of 表三 to its applications, and from 表四 to its cases', async () => {
      const res = await t.api('GET', `/admin/annual/${dept}/2025/cell?ref=${ref('（一）予以公开', '自然人')}`, { as: 'officer' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`GKTEST${engine}1`.slice(0, 20));
      expect(res.body).toContain(`GKTEST${engine}4`.slice(0, 20));
      expect(res.body).not.toContain(`GKTEST${engine}2`.slice(0, 20));
      const t4 = await t.api('GET', `/admin/annual/${dept}/2025/cell?ref=${encodeURIComponent('table4|行政复议|结果维持')}`, { as: 'officer' });
      expect(t4.body).toContain('芝政复〔2025〕1号');
    });

    it('refuses an override without a written reason; accepts one with a reason, audited and shown', async () => {
      const r1 = `table2|第二十条第（五）项|行政许可|本年处理决定数量`;
      const bad = await t.form(`/admin/annual/${dept}/2025/override`, { ref: r1, value: '12', reason: '', version: String(await version()) }, { as: 'officer' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('必须写明理由');
      const ok = await t.form(`/admin/annual/${dept}/2025/override`, { ref: r1, value: '12', reason: '纸质办件登记簿12件未录入系统', version: String(await version()) }, { as: 'officer' });
      expect(ok.statusCode).toBe(303);
      const v = (await t.services.annualReports.get(admin(), dept, 2025))!;
      expect(v.model.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量']).toBe(12);
      expect(v.overrides[r1]).toMatchObject({ value: 12, computed: 0, reason: '纸质办件登记簿12件未录入系统', by: '王经办' });
      const audit = await t.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', '=', 'annual_report.override').execute();
      expect(audit.length).toBe(1);
      const page = await t.api('GET', `/admin/annual/${dept}/2025`, { as: 'officer' });
      expect(page.body).toContain('纸质办件登记簿12件未录入系统');
    });

    it('submit → the supervisor returns with a comment → the officer fixes and resubmits → accepted → published', async () => {
      // without the 负责人's approval the report cannot be submitted
      const early = await t.form(`/admin/annual/${dept}/2025/submit`, { version: String(await version()) }, { as: 'officer' });
      expect(decodeURIComponent(early.cookies.find((c) => c.name === 'gk_flash')!.value)).toContain('须先经本机关负责人审定');
      expect((await t.form(`/admin/annual/${dept}/2025/approve`, { version: String(await version()) }, { as: 'leader' })).statusCode).toBe(303);
      expect((await t.services.annualReports.get(admin(), dept, 2025))!.state).toBe('approved');
      expect((await t.form(`/admin/annual/${dept}/2025/submit`, { version: String(await version()) }, { as: 'officer' })).statusCode).toBe(303);
      expect((await t.services.annualReports.get(admin(), dept, 2025))!.state).toBe('submitted');
      // the supervisor's list shows it submitted
      const list = await t.services.annualReports.supervisorList(await supervisorActor(), 2025);
      expect(list.find((r) => r.agencyId === dept)!.state).toBe('submitted');
      const noComment = await t.form(`/admin/annual/${dept}/2025/return`, { version: String(await version()), comment: '' }, { as: 'supervisor' });
      expect(decodeURIComponent(noComment.cookies.find((c) => c.name === 'gk_flash')!.value)).toContain('写明需要修改的意见');
      await t.form(`/admin/annual/${dept}/2025/return`, { version: String(await version()), comment: '请在正文中说明行政复议案件情况' }, { as: 'supervisor' });
      const v1 = (await t.services.annualReports.get(admin(), dept, 2025))!;
      expect(v1.state).toBe('returned');
      const page = await t.api('GET', `/admin/annual/${dept}/2025`, { as: 'officer' });
      expect(page.body).toContain('请在正文中说明行政复议案件情况');
      const sections = Object.fromEntries(v1.model.sections.map((s) => [`section_${s.key}`, s.key === 'appeals' ? `${s.text}\n该案经复议维持原答复。` : s.text]));
      await t.form(`/admin/annual/${dept}/2025/save`, { version: String(v1.version), ...sections }, { as: 'officer' });
      expect((await t.services.annualReports.get(admin(), dept, 2025))!.model.sections.find((s) => s.key === 'appeals')!.text).toContain('该案经复议维持原答复');
      await t.form(`/admin/annual/${dept}/2025/approve`, { version: String(await version()) }, { as: 'leader' });
      await t.form(`/admin/annual/${dept}/2025/submit`, { version: String(await version()) }, { as: 'officer' });
      await t.form(`/admin/annual/${dept}/2025/accept`, { version: String(await version()) }, { as: 'supervisor' });
      expect((await t.services.annualReports.get(admin(), dept, 2025))!.state).toBe('accepted');
      await t.form(`/admin/annual/${dept}/2025/publish`, { version: String(await version()) }, { as: 'officer' });
      const v2 = (await t.services.annualReports.get(admin(), dept, 2025))!;
      expect(v2.state).toBe('published');
      expect(v2.locked).toBe(true);
      const pub = await t.app.inject({ method: 'GET', url: `/api/agencies/${DEMO_DEPARTMENT_CODE}/reports/2025?format=fixture` });
      expect(pub.statusCode).toBe(200);
      expect(pub.json().published).toBe('2026-01-10');
      expect((await t.app.inject({ method: 'GET', url: '/reports' })).body).toContain(`/reports/${DEMO_DEPARTMENT_CODE}/2025`);
    });

    it('the year is locked: records dated 2025 are refused with a clear message; 2026 is not', async () => {
      await expect(assertYearUnlocked(t.db, dept, '2025-03-20')).rejects.toThrow('2025年度政府信息公开工作年度报告已经发布');
      await expect(assertYearUnlocked(t.db, dept, '2026-01-05')).resolves.toBeUndefined();
      await expect(assertYearUnlocked(t.db, gov, '2025-03-20')).resolves.toBeUndefined();
      expect(await t.services.annualReports.isYearLocked(dept, 2025)).toBe(true);
    });

    it('only an admin unlocks, with a reason; the correction is published as version 2 with the change noted', async () => {
      const byOfficer = await t.form(`/admin/annual/${dept}/2025/unlock`, { version: String(await version()), comment: '更正' }, { as: 'officer' });
      // a wrong role is a 403 page saying who may (not a flash on the report page)
      expect(byOfficer.statusCode).toBe(403);
      expect(byOfficer.body).toContain('只有系统管理员可以解除锁定');
      await t.form(`/admin/annual/${dept}/2025/unlock`, { version: String(await version()), comment: '表二行政许可数量有误，需更正' }, { as: 'admin' });
      expect(await t.services.annualReports.isYearLocked(dept, 2025)).toBe(false);
      await t.form(`/admin/annual/${dept}/2025/override`, { ref: 'table2|第二十条第（五）项|行政许可|本年处理决定数量', value: '13', reason: '补录1件遗漏的许可决定', version: String(await version()) }, { as: 'officer' });
      await t.form(`/admin/annual/${dept}/2025/approve`, { version: String(await version()) }, { as: 'leader' });
      await t.form(`/admin/annual/${dept}/2025/submit`, { version: String(await version()) }, { as: 'officer' });
      await t.form(`/admin/annual/${dept}/2025/accept`, { version: String(await version()) }, { as: 'supervisor' });
      const noNote = await t.form(`/admin/annual/${dept}/2025/publish`, { version: String(await version()) }, { as: 'officer' });
      expect(decodeURIComponent(noNote.cookies.find((c) => c.name === 'gk_flash')!.value)).toContain('说明更正了什么');
      await t.form(`/admin/annual/${dept}/2025/publish`, { version: String(await version()), comment: '表二行政许可处理决定数量由12更正为13' }, { as: 'officer' });
      const pub = await t.services.annualReports.published(DEMO_DEPARTMENT_CODE, 2025);
      expect(pub!.versionNo).toBe(2);
      expect(pub!.model.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量']).toBe(13);
      expect(pub!.model.notes!.join()).toContain('表二行政许可处理决定数量由12更正为13');
      const page = await t.app.inject({ method: 'GET', url: `/reports/${DEMO_DEPARTMENT_CODE}/2025` });
      expect(page.body).toContain('表二行政许可处理决定数量由12更正为13');
    });
  });

  it('imports a CSV of 办件 with a dry run first', async () => {
    const csv = '日期,事项名称,决定类型\n2024-03-01,食品经营许可,行政许可\n2024-03-02,违法建设,行政处罚\n';
    const dry = await t.services.decisions.importCsv(await officerActor(), dept, csv, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, inserted: 0, problems: [] });
    expect((await t.services.decisions.list(await officerActor(), dept, 2024)).entries).toHaveLength(0);
    const real = await t.services.decisions.importCsv(await officerActor(), dept, csv, { dryRun: false });
    expect(real.inserted).toBe(2);
    const m = await t.services.annualReports.compileModel(dept, 2024);
    expect(m.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量']).toBe(1);
    expect(m.table2['第二十条第（六）项']!['行政处罚']!['本年处理决定数量']).toBe(1);
  });

  it('the supervisor lists the agencies below with state and findings count; others may not', async () => {
    const rows = await t.services.annualReports.supervisorList(await supervisorActor(), 2024);
    expect(rows.map((r) => r.agencyId)).toContain(dept);
    expect(rows.every((r) => r.agencyId !== gov)).toBe(true);
    const page = await t.api('GET', '/admin/annual/agencies?year=2019', { as: 'supervisor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-list-state="published"');
    expect((await t.api('GET', '/admin/annual/agencies?year=2019', { as: 'officer' })).statusCode).toBe(403);
  });

  it('the dashboard shows the days left to 31 January (第四十九条) for the report due', async () => {
    const res = await t.api('GET', '/admin', { as: 'leader' });
    expect(res.statusCode).toBe(200);
    // 10 January 2026: the 2025 report of a department is due on 2026-01-31
    expect(res.body).toContain('2025年度政府信息公开工作年度报告');
    expect(res.body).toContain('法定期限 2026-01-31');
    const sup = await t.api('GET', '/admin', { as: 'supervisor' });
    expect(sup.body).toContain('下级机关2025年度报告');
  });

  it('shows the year-over-year view with server-side SVG charts and a table', async () => {
    const res = await t.api('GET', `/admin/annual/${dept}/trend`, { as: 'officer' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    expect(res.body).not.toMatch(/<script(?![^>]*site\.js)/);
    expect(res.body).toContain('<td');
  });

  async function actorFor(username: string) {
    const u = await t.db.selectFrom('users').select(['id', 'agency_id', 'role', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
    const a = await t.services.agencies.get(u.agency_id);
    return { userId: u.id, username, displayName: u.display_name, role: u.role, agencyId: u.agency_id, agencyName: a!.name, visibleAgencyIds: await t.services.agencies.scope(u.role, u.agency_id) };
  }
  async function supervisorActor() { return actorFor('supervisor'); }
  async function officerActor() { return actorFor('officer'); }
});

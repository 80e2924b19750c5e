// The back office on a 390 px phone and a 1366 px desktop: signed in as an officer, a supervisor and the administrator,
// each of their main pages — the 工作台, 依申请公开, 主动公开, 政务服务事项, the 好差评 tabs, the supervisors' 督查 pages
// (among them a run's result, one report of it, the comparison of two runs and the 差异比对 of two reports, made
// through the API here) — fits the window: the page never scrolls sideways (a wide table scrolls in its own
// gk-table-wrap box, a keyboard stop when it scrolls), and the navigation shows where the user is (the side navigation's
// current entry; on the 督查 and 好差评 pages the current tab too, in bold). The tabbed pages are scanned with axe on the phone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

const WIDTHS = [390, 1366] as const;

test.use({ bypassCSP: true }); // axe-core is injected as a script
const FIXTURES = path.join(process.cwd(), 'tests/fixtures/reports');

/** A page to visit: its address, the side navigation's current entry, and the current tab of its section's tabs. */
interface Visit { url: string; side: string; tab?: { nav: string; current: string } }
const sv = (url: string, current: string): Visit => ({ url, side: '年度报告', tab: { nav: '督查', current } });
const rating = (url: string, current: string): Visit => ({ url, side: '好差评', tab: { nav: '好差评', current } });

const OFFICER: Visit[] = [
  { url: '/admin', side: '工作台' },
  { url: '/admin/applications', side: '依申请公开' },
  { url: '/admin/catalogue', side: '主动公开' },
  { url: '/admin/catalogue/stats', side: '主动公开' },
  { url: '/admin/annual', side: '年度报告' },
  { url: '/admin/services', side: '政务服务事项' },
  { url: '/admin/services/check', side: '政务服务事项' },
  { url: '/admin/services/import', side: '政务服务事项' },
  rating('/admin/ratings', '评价'),
  rating('/admin/ratings/orders', '差评工单'),
  rating('/admin/ratings/visits', '回访'),
  rating('/admin/ratings/stats?from=2019-01-01&to=2019-12-31', '统计'),
  rating('/admin/suggestions', '意见建议'),
  rating('/admin/ratings/cards', '评价二维码'),
  // the agency's side of 整改: the list without the supervisors' tabs
  { url: '/admin/supervision/rectifications', side: '年度报告' },
  { url: '/admin/audit', side: '审计日志' },
];

const ADMIN: Visit[] = [
  { url: '/admin', side: '工作台' },
  { url: '/admin/users', side: '用户管理' },
  { url: '/admin/audit', side: '审计日志' },
  { url: '/admin/calendar', side: '工作日历' },
  { url: '/admin/catalogue', side: '主动公开' },
  { url: '/admin/applications', side: '依申请公开' },
  { url: '/admin/services', side: '政务服务事项' },
  rating('/admin/ratings', '评价'),
];

function supervisorPages(run: { earlier: number; later: number; reports: number[] }): Visit[] {
  return [
    { url: '/admin', side: '工作台' },
    { url: '/admin/annual/agencies', side: '年度报告' },
    sv('/admin/supervision', '督查体检'),
    sv(`/admin/supervision/runs/${run.later}`, '督查体检'),
    sv(`/admin/supervision/reports/${run.reports[0]}`, '督查体检'),
    sv(`/admin/supervision/runs/${run.later}/comparison?with=${run.earlier}`, '督查体检'),
    sv('/admin/supervision/rectifications', '整改'),
    sv('/admin/supervision/report-comparison', '差异比对'),
    sv(`/admin/supervision/report-comparison?left=audit:${run.reports[0]}&right=audit:${run.reports[1]}`, '差异比对'),
    sv('/admin/supervision/overview?year=2019', '总览与督促'),
    sv('/admin/supervision/assessment?year=2019', '考核排名'),
    sv('/admin/supervision/assessment/sample?year=2019', '不定期抽查'),
    sv('/admin/supervision/rankings?year=2019', '比较与排名'),
    sv('/admin/supervision/heatmap?year=2019', '规则热力图'),
    sv('/admin/supervision/hierarchy', '汇总核对设定'),
    { url: '/admin/services', side: '政务服务事项' },
    { url: '/admin/services/check', side: '政务服务事项' },
    rating('/admin/ratings', '评价'),
    rating('/admin/ratings/stats?from=2019-01-01&to=2019-12-31', '统计'),
  ];
}

/** The page's width against the window's, with what sticks out past the window's right edge (outside a table's box). */
async function widths(page: Page) {
  return page.evaluate(() => {
    const over = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.gk-table-wrap'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, over };
  });
}

async function check(page: Page, v: Visit, width: number): Promise<void> {
  const where = `${v.url} at ${width} px`;
  const res = await page.goto(v.url);
  expect(res?.status(), where).toBe(200);
  const w = await widths(page);
  expect(w.scrollWidth, `${where} scrolls sideways: ${w.over.join(', ')}`).toBeLessThanOrEqual(w.innerWidth);
  // every table of these pages sits in its scrolling box; a box that scrolls is a keyboard stop (site.js)
  await expect(page.locator('main table.gk-table:not(.gk-table-wrap table)'), where).toHaveCount(0);
  const unreachable = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.gk-table-wrap'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.tabIndex < 0)
    .map((e) => e.querySelector('table')?.outerHTML.slice(0, 120) ?? ''));
  expect(unreachable, `${where}: a table box scrolls without being a keyboard stop`).toEqual([]);
  const side = page.locator('nav.gk-sidenav a[aria-current="page"]');
  await expect(side, where).toHaveText(v.side);
  await expect(side, where).toBeVisible();
  if (v.tab) {
    const tabs = page.getByRole('navigation', { name: v.tab.nav, exact: true });
    await expect(tabs, where).toBeVisible();
    const current = tabs.locator('a[aria-current="page"]');
    await expect(current, where).toHaveText(v.tab.current);
    expect(Number(await current.evaluate((e) => getComputedStyle(e).fontWeight)), `${where}: the current tab in bold`).toBeGreaterThanOrEqual(700);
    // on the phone, where the tables scroll in their boxes: no axe violation (keyboard access to the boxes among them)
    if (width < 500) {
      const v = await axeScan(page);
      expect(v, `${where}: ${describeViolations(v)}`).toEqual([]);
    }
  }
}

async function visitAll(page: Page, pages: readonly Visit[], width: number): Promise<void> {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  for (const v of pages) await check(page, v, width);
}

for (const width of WIDTHS) {
  test.describe(`${width} px`, () => {
    test('officer: 工作台, 依申请公开, 主动公开, 政务服务事项, 好差评, 整改', async ({ page }) => {
      test.setTimeout(180_000);
      await signInAs(page, 'officer');
      await visitAll(page, OFFICER, width);
    });

    test('administrator: 工作台, users, audit log, calendar, 主动公开, 依申请公开, 政务服务事项, 好差评', async ({ page }) => {
      test.setTimeout(180_000);
      await signInAs(page, 'admin');
      await visitAll(page, ADMIN, width);
    });

    test('supervisor: the 督查 pages (a run, its report, two runs compared, 差异比对), 政务服务事项, 好差评', async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      await signInAs(page, 'supervisor');
      await page.goto('/admin/supervision');
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      // two years of the 平潭 fixture report, audited twice (the second run compared with the first)
      const file = (slug: string) => ({ name: `${slug}.html`, mimeType: 'text/html', buffer: readFileSync(path.join(FIXTURES, slug, 'source.html')) });
      const createRun = async (title: string) => {
        const r = await page.request.post('/api/supervision/runs', {
          headers: { 'x-csrf-token': csrf },
          multipart: { title, a: file('pingtan-2021'), b: file('pingtan-2023') },
        });
        expect(r.status(), await r.text()).toBe(201);
        return ((await r.json()) as { id: number }).id;
      };
      const earlier = await createRun(`版式检查（${width} px，第一次）`);
      const later = await createRun(`版式检查（${width} px，第二次）`);
      const listed = await page.request.get(`/api/supervision/runs/${later}/reports`);
      expect(listed.status()).toBe(200);
      const reports = ((await listed.json()) as { items: { id: number }[] }).items.map((x) => x.id);
      expect(reports).toHaveLength(2);

      await visitAll(page, supervisorPages({ earlier, later, reports }), width);
      await page.goto('/admin/supervision/overview?year=2019');
      await page.screenshot({ path: testInfo.outputPath(`supervision-overview-${width}.png`), fullPage: true });
    });
  });
}

// Journey (issue 3): an open reply deadline runs into 2027, whose holiday notice is not yet known
// (provisional). The administrator opens the working calendar, imports the 2027 notice (pasted
// holiday-cn JSON) and sees the deadline move; the calendar page then computes the same due date.
import { expect, test, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { SignInPage } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';
import { computeDeadline } from '../../src/core/deadlines/index.ts';
import { shippedCalendar } from '../../src/core/calendar/index.ts';

const Y2027 = {
  year: 2027,
  papers: ['国办发明电〔2026〕测试号'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: false },
    ...['2027-02-05', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({ name: '春节', date, isOffDay: true })),
  ],
};
const ENTITY_ID = `E2E-${process.pid}`;

// axe is injected by the test: the test context bypasses CSP (the pages themselves are unchanged).
test.use({ bypassCSP: true });

/** Test setup: one open deadline in the server's database (what the applications feature records through deadlines.track). */
function seedDeadline(): string {
  const file = (process.env.GONGKAI_E2E_DB ?? '').replace(/^file:/, '');
  const db = new SQLite(file);
  try {
    db.pragma('busy_timeout = 5000');
    const agency = db.prepare('select id from agencies order by id limit 1').get() as { id: number };
    const ledger = { received: '2027-01-25', events: [] };
    const r = computeDeadline(ledger, shippedCalendar(), null, '2027-01-25', { explain: false });
    db.prepare(
      `insert into deadlines (agency_id, entity, entity_id, kind, ledger_json, settings_json, due, provisional, status, open, updated_at)
       values (?, 'application', ?, 'reply', ?, null, ?, ?, ?, 1, ?)`,
    ).run(agency.id, ENTITY_ID, JSON.stringify(ledger), r.due, r.provisional ? 1 : 0, r.status, '2026-11-27T00:00:00.000Z');
    return r.due as string;
  } finally {
    db.close();
  }
}

async function signInAsAdmin(page: Page) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('admin', 'demo12345');
  await expect(page.locator('main h1')).toHaveText('工作台');
}

test('the administrator imports the 2027 notice and sees a deadline move', async ({ page }) => {
  // provisional 2027 (fixed-date holidays only): 1/26–29 (4), 2/1–5 (9), 2/8–12 (14), 2/15–19 (19), 2/22 (20)
  expect(seedDeadline()).toBe('2027-02-22');
  await signInAsAdmin(page);

  await page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '工作日历', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/calendar/);
  await page.goto('/admin/calendar?year=2027');
  await expect(page.locator('main h1')).toHaveText('2027年工作日历');
  await expect(page.locator('main')).toContainText('2027年的放假安排尚未公布');
  await expect(page.locator('td[data-date="2027-02-08"]')).not.toContainText('休'); // 春节 2027 not estimated

  const violations = await axeScan(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // a mistake first: the error summary names the problem in Chinese
  await page.getByLabel('或粘贴 JSON').fill('{"year": 2027, "papers": [], "days": []}');
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.locator('.gk-error-summary')).toBeVisible();
  await expect(page.locator('.gk-error-summary')).toContainText('“papers”为空');

  await page.getByLabel('或粘贴 JSON').fill(JSON.stringify(Y2027));
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.locator('main')).toContainText('已导入2027年的放假安排');
  const moved = page.locator('#moved-deadlines tr', { hasText: ENTITY_ID });
  await expect(moved).toContainText('2027-02-22');
  // 2/5 and 2/8–2/11 off, Saturday 2/6 works: 1/26–29 (4), 2/1–4 (8), 2/6 (9), 2/12 (10), 2/15–19 (15), 2/22–26 (20)
  await expect(moved).toContainText('→ 2027-02-26');

  await expect(page.locator('main')).not.toContainText('2027年的放假安排尚未公布');
  await expect(page.locator('td[data-date="2027-02-06"]')).toContainText('班');
  await expect(page.locator('td[data-date="2027-02-08"]')).toContainText('休');
  await expect(page.locator('#notices')).toHaveText('国办发明电〔2026〕测试号');

  // the 计算期限 form gives the same date and explains it
  await page.getByLabel('收到申请日期').fill('2027-01-25');
  await page.getByRole('button', { name: '计算', exact: true }).click();
  await expect(page.locator('#explain-result')).toContainText('答复期限：2027-02-26');
  await expect(page.locator('#explain-result')).toContainText('2月6日为调休上班日');
});

// Journey (issue 7): an officer compiles the demo agency's 2025 report from its records, drills down from a cell
// to its applications; the 负责人 approves it and the officer submits; the supervisor returns it with a comment; the officer fixes the text and
// resubmits after the 负责人 approves again; the supervisor accepts and publishes; the report appears on the portal; editing an application counted
// in the published year is refused with a clear message.
import { expect, test, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { signInAs } from './pages/SignInPage.ts';

const DEPT_CODE = '12370602780795309E';
const RUN = String(process.pid).slice(-5);
const CODES = [`GKE2E${RUN}A`, `GKE2E${RUN}B`, `GKE2E${RUN}C`];

/** Test setup: three 2025 applications of the demo agency in the server's database (two concluded, one open). */
function seedRecords(): { deptId: number; concludedId: number } {
  const db = new SQLite((process.env.GONGKAI_E2E_DB ?? '').replace(/^file:/, ''));
  try {
    db.pragma('busy_timeout = 5000');
    const dept = db.prepare('select id from agencies where credit_code = ?').get(DEPT_CODE) as { id: number };
    const at = '2026-01-05T00:00:00.000Z';
    const ins = db.prepare(`insert into applications (agency_id, query_code, channel, submitted_on, received_on, applicant_type, applicant_name, phone, applicant_key, content,
      provide_form, obtain_method, fee_waiver_requested, state, outcome, outcome_row_2019, outcome_row_2021, concluded_on, created_at, updated_at, version)
      values (?, ?, 'in_person', ?, ?, ?, ?, '13800000000', ?, ?, '纸质', '自行领取', 0, ?, ?, ?, ?, ?, ?, ?, 1)`);
    const ev = db.prepare(`insert into application_events (agency_id, application_id, seq, kind, on_date, at, actor_user_id, actor_name, data_json) values (?, ?, ?, ?, ?, ?, null, '王经办', ?)`);
    const rows: [string, string, string, string | null, string | null, string | null][] = [
      [CODES[0]!, 'natural_person', '2025-03-10', '2025-03-25', 'disclose', '（一）予以公开'],
      [CODES[1]!, 'commercial', '2025-06-02', '2025-06-20', 'partial', '（二）部分公开'],
      [CODES[2]!, 'natural_person', '2025-12-29', null, null, null],
    ];
    const ids: number[] = [];
    for (const [code, type, received, concluded, outcome, row] of rows) {
      const r = ins.run(dept.id, code, received, received, type, `申请人${code}`, `K:${code}`, `申请公开 ${code} 相关信息`, concluded ? 'closed' : 'received', outcome, row, row, concluded, at, at);
      const id = Number(r.lastInsertRowid);
      ids.push(id);
      ev.run(dept.id, id, 1, 'registered', received, at, JSON.stringify({ channel: 'in_person', receivedOn: received, basis: '当面提交', submittedOn: received }));
      if (concluded) {
        ev.run(dept.id, id, 2, 'reply_drafted', concluded, at, JSON.stringify({ outcome }));
        ev.run(dept.id, id, 3, 'reply_approved', concluded, at, JSON.stringify({ outcome }));
        ev.run(dept.id, id, 4, 'delivered', concluded, at, JSON.stringify({ method: '自行领取' }));
        ev.run(dept.id, id, 5, 'closed', concluded, at, '{}');
      }
    }
    return { deptId: dept.id, concludedId: ids[0]! };
  } finally {
    db.close();
  }
}

const flash = (page: Page) => page.locator('.gk-notice, .gk-flash, [role="status"], [role="alert"]');

test('annual report 2025: compile, drill down, approve, submit, return, resubmit, accept, publish, portal, lock', async ({ page }) => {
  const { deptId, concludedId } = seedRecords();
  const reportUrl = `/admin/annual/${deptId}/2025`;

  // the officer compiles 2025 from the records
  await signInAs(page, 'officer');
  await page.goto('/admin/annual');
  await page.getByLabel('年度', { exact: true }).selectOption('2025');
  await page.getByRole('button', { name: '从业务数据生成报告' }).click();
  await expect(page).toHaveURL(reportUrl);
  await expect(page.locator('[data-state]')).toHaveText('草稿');

  // drill down from 一、本年新收 总计 to the applications behind it
  await page.locator('td[data-cell="table3|一、本年新收政府信息公开申请数量|总计"] a').click();
  await expect(page.locator('h1')).toContainText('一、本年新收政府信息公开申请数量');
  for (const code of CODES) await expect(page.getByRole('link', { name: code })).toBeVisible();
  // and from （二）部分公开 · 商业企业 to exactly its one application
  await page.goto(reportUrl);
  await page.locator('td[data-cell="table3|（二）部分公开|商业企业"] a').click();
  await expect(page.getByRole('link', { name: CODES[1]! })).toBeVisible();
  await expect(page.getByRole('link', { name: CODES[0]! })).toHaveCount(0);

  // the 负责人 approves it (审定); only then can it be submitted
  await page.goto(reportUrl);
  await expect(page.getByRole('button', { name: '报送上级审核' })).toHaveCount(0);
  await signInAs(page, 'leader');
  await page.goto(reportUrl);
  await page.getByRole('button', { name: '负责人审定' }).click();
  await expect(page.locator('[data-state]')).toHaveText('负责人已审定待报送');

  // submit to the supervisor
  await signInAs(page, 'officer');
  await page.goto(reportUrl);
  await page.getByRole('button', { name: '报送上级审核' }).click();
  await expect(page.locator('[data-state]')).toHaveText('已报送待审');

  // the supervisor finds it in the 工作台 queue (review_annual_report) and in the list of agencies below, and returns it with a comment
  await signInAs(page, 'supervisor');
  await page.goto('/admin');
  const queued = page.getByTestId('work-queue').locator('tr[data-kind="review_annual_report"]', { hasText: '烟台市芝罘区行政审批服务局' });
  await expect(queued).toHaveCount(1);
  await queued.locator('td').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(reportUrl);
  await page.goto('/admin/annual/agencies?year=2025');
  await page.getByRole('link', { name: '烟台市芝罘区行政审批服务局' }).click();
  await expect(page).toHaveURL(reportUrl);
  await page.getByLabel('退回意见（写明需要修改什么）').fill('请在“存在的主要问题及改进情况”中写明改进措施');
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.locator('[data-state]')).toHaveText('已退回修改');

  // the officer reads the comment, fixes the text and resubmits
  await signInAs(page, 'officer');
  await page.goto(reportUrl);
  await expect(page.locator('[data-return-comment]')).toHaveText('请在“存在的主要问题及改进情况”中写明改进措施');
  await page.getByLabel('五、存在的主要问题及改进情况').fill('依申请公开答复的说理还不够充分。下一步将加强答复书审核，逐件说明理由和依据。');
  await page.getByRole('button', { name: '保存正文' }).click();
  await expect(page.getByLabel('五、存在的主要问题及改进情况')).toHaveValue(/加强答复书审核/);
  await signInAs(page, 'leader');
  await page.goto(reportUrl);
  await page.getByRole('button', { name: '负责人审定' }).click();
  await expect(page.locator('[data-state]')).toHaveText('负责人已审定待报送');
  await signInAs(page, 'officer');
  await page.goto(reportUrl);
  await page.getByRole('button', { name: '报送上级审核' }).click();
  await expect(page.locator('[data-state]')).toHaveText('已报送待审');

  // the supervisor accepts and publishes
  await signInAs(page, 'supervisor');
  await page.goto(reportUrl);
  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.locator('[data-state]')).toHaveText('审核通过待发布');
  await page.getByRole('button', { name: '发布到门户网站' }).click();
  await expect(page.locator('[data-state]')).toHaveText('已发布');

  // the report appears on the portal's 政府信息公开年报 column
  await page.context().clearCookies();
  await page.goto('/reports');
  await page.getByRole('link', { name: /烟台市芝罘区行政审批服务局2025年政府信息公开工作年度报告/ }).click();
  await expect(page.locator('h1')).toContainText('2025');
  await expect(page.getByText('加强答复书审核')).toBeVisible();
  await expect(page.getByRole('link', { name: '下载 Word（DOCX）' })).toBeVisible();

  // editing an application counted in the published year is refused with a clear message
  await signInAs(page, 'officer');
  await page.goto(`/admin/applications/${concludedId}`);
  const reopen = page.locator('form[data-action="reopen"]');
  await reopen.getByLabel('重新打开的原因（补充答复）').fill('申请人要求补充答复');
  await reopen.getByRole('button').click();
  await expect(flash(page).filter({ hasText: '2025年度政府信息公开工作年度报告已经发布' }).first()).toBeVisible();
});

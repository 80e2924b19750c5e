// Journey (督查体检, the supervisor of 芝罘区): corrections and 差异比对 in the browser. A run of three files — a damaged
// copy of the 芝罘区 2019 fixture (（七）总计's first two cells run together: the row unread) and the 平潭 2021 and 2023
// fixtures. On the damaged report the supervisor corrects the whole row at once with one reason — first with a bad
// value and no reason (the error summary in plain Chinese, the rows kept as typed), then as printed: the report turns
// clean, the reading problem leaves the findings and the seven cells are listed as corrected; one correction is
// withdrawn and the cell is unread again. Then 平潭 2021 and 2023 side by side: the cell deltas and the narrative with
// the changed characters marked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

const ROOT = process.cwd();
const fixture = (slug: string, file: string) => readFileSync(path.join(ROOT, 'tests/fixtures/reports', slug, file), 'utf8');
const MERGED = fixture('zhifu-approval-2019', 'source.txt').replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');
const PRINTED = ['0', '1', '0', '0', '0', '0', '1'];

test.use({ bypassCSP: true, actionTimeout: 15_000 }); // axe-core is injected as a script

async function accessible(page: Page): Promise<void> {
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toEqual([]);
}

test('supervision: correct a row of cells at once, withdraw one, 差异比对 of one agency across two years', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-corrections-'));
  try {
    const files = [
      path.join(dir, 'zhifu-2019-damaged.txt'), path.join(dir, 'pingtan-2021.html'), path.join(dir, 'pingtan-2023.html'),
    ];
    writeFileSync(files[0]!, MERGED);
    writeFileSync(files[1]!, fixture('pingtan-2021', 'source.html'));
    writeFileSync(files[2]!, fixture('pingtan-2023', 'source.html'));

    await signInAs(page, 'supervisor');
    await page.goto('/admin/supervision');
    await page.getByLabel('名称').fill('更正与差异比对（演示）');
    await page.getByLabel('报告文件').setInputFiles(files);
    await page.getByRole('button', { name: '开始体检' }).click({ timeout: 60_000 });
    await expect(page).toHaveURL(/\/admin\/supervision\/runs\/\d+$/);
    const runUrl = page.url();
    const reportRow = (file: string) => page.locator('#compare-form tr', { has: page.getByRole('link', { name: file, exact: true }) });
    // the damaged report is not accused: 未能完整读取 with 错误 0
    await expect(reportRow('zhifu-2019-damaged.txt').locator('td').nth(5)).toHaveText('未能完整读取');
    await expect(reportRow('zhifu-2019-damaged.txt').locator('td').nth(7)).toHaveText('0');

    // the damaged report: seven unread cells, a reading problem among the findings
    await reportRow('zhifu-2019-damaged.txt').getByRole('link').click();
    await expect(page.locator('main h1')).toHaveText('烟台市芝罘区行政审批服务局 2019 年度');
    await expect(page.getByText(/错误 0，警告 \d+，7 个单元格未读出/)).toBeVisible();
    const findings = page.locator('li.gk-finding');
    const before = await findings.count();
    await expect(page.locator('li.gk-finding', { hasText: '读取问题' })).toHaveCount(1);
    await accessible(page);

    // several cells at once: the rows come with the unread cells; first a bad value and no reason
    const batch = page.locator('form[data-form="batch"]');
    for (let n = 0; n < 7; n++) await expect(batch.locator(`#field-cell-${n}`)).toHaveValue(`table3|（七）总计|${['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'][n]}`);
    for (let n = 0; n < 7; n++) await batch.locator(`#field-value-${n}`).fill(n === 3 ? '一' : PRINTED[n]!);
    await batch.getByRole('button', { name: '更正这些单元格并重新核对' }).click();
    const summary = page.locator('.gk-error-summary');
    await expect(summary).toContainText('社会公益组织：更正后的数值应为非负整数');
    await expect(summary).toContainText('请写明更正理由');
    await expect(batch.locator('#field-value-3')).toHaveValue('一');
    await expect(page.locator('[data-correction-state]')).toHaveCount(0);
    await accessible(page);

    await batch.locator('#field-value-3').fill('0');
    await batch.getByLabel('更正理由（适用于以上各格）').fill('对照原件第 3 页：（七）总计一行印为 0 1 0 0 0 0 1');
    await batch.getByRole('button', { name: '更正这些单元格并重新核对' }).click();
    await expect(page.getByText(/已更正 7 个单元格/)).toBeVisible();
    await expect(page.locator('main h1 + p')).toContainText('通过');
    await expect(page.getByText(/错误 0，警告 \d+ ·/)).toBeVisible();
    await expect(findings).toHaveCount(before - 1);
    await expect(page.locator('li.gk-finding', { hasText: '读取问题' })).toHaveCount(0);
    // the corrected cells: the value read beside the value used, the one reason
    const active = page.locator('[data-correction-state="active"]');
    await expect(active).toHaveCount(7);
    await expect(active.first().locator('[data-original]')).toHaveText('（空）');
    await expect(active.nth(1).locator('[data-value]')).toHaveText('1');
    await expect(active.first()).toContainText('对照原件第 3 页');
    await accessible(page);

    // one correction withdrawn: that cell unread again, the report no longer read in full
    await page.getByRole('button', { name: /^撤回更正\s*：表三 （七）总计 · 自然人$/ }).click();
    await expect(page.getByText('已撤回更正，恢复为读取值并重新核对')).toBeVisible();
    await expect(page.locator('[data-correction-state="withdrawn"]')).toHaveCount(1);
    await expect(page.locator('[data-correction-state="active"]')).toHaveCount(6);
    await expect(page.getByText(/错误 0，警告 \d+，1 个单元格未读出/)).toBeVisible();
    await expect(page.locator('li.gk-finding', { hasText: '读取问题' })).toHaveCount(1);

    // 差异比对: 平潭 2021 (left) and 2023 (right) from the run's report list
    await page.goto(runUrl);
    await page.getByLabel('作为左侧比对：pingtan-2021.html').check();
    await page.getByLabel('作为右侧比对：pingtan-2023.html').check();
    await page.getByRole('button', { name: '差异比对：比较选中的两份报告' }).click();
    await expect(page).toHaveURL(/\/admin\/supervision\/report-comparison\?/);
    const cell = (ref: string) => page.locator(`tr[data-cell="${ref}"]`);
    await expect(cell('table4|行政复议|结果纠正').locator('td')).toHaveText(['0', '1', '+1']);
    await expect(cell('table4|未经复议直接起诉|总计').locator('td')).toHaveText(['12', '5', '-7']);
    await expect(cell('table4|未经复议直接起诉|总计')).toHaveClass(/gk-diff-changed/);
    // the narrative: the one sentence of 六、其他需要报告的事项 paired, only the year's digit marked
    const other = page.locator('table[data-section="other"] tr[data-op="change"]');
    await expect(other.locator('td').first().locator('del')).toHaveText('［删去：1］');
    await expect(other.locator('td').nth(1).locator('ins')).toHaveText('［新增：3］');
    await expect(other.locator('td').nth(1)).toContainText('年，无收取信息处理费情况。');
    await accessible(page);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Journey (政务服务事项, demo data): the 区 officer shortens an item's 承诺时限; the check flags the 向阳街道 implementation
// and it appears in the 街道 officer's 工作台; the 街道 officer corrects it and the flag leaves the check and the queue.
// The public 办事指南 prints: its PDF is rendered to PNG (pdftoppm) and its text read (pdftotext). The demo 2019
// report's table 二 drills down to the 办件 and the items behind each cell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { signInAs } from './pages/SignInPage.ts';

const GOV_CODE = '113706020043215678';
const DEPT_CODE = '12370602780795309E';
const ROOT_CODE = '370602-000244001000-01'; // 就业创业证申领, defined by the 审批服务局 (承诺 3 工作日)
const STREET_CODE = '370602-000244001000-XY'; // its 向阳街道 implementation
const TITLE = '就业创业证申领：承诺办结时限与区级部门不一致';

function ids(): { root: number; street: number; dept: number } {
  const db = new SQLite((process.env.GONGKAI_E2E_DB ?? '').replace(/^file:/, ''), { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    const id = (sql: string, v: string) => (db.prepare(sql).get(v) as { id: number }).id;
    return { root: id('select id from service_items where code = ?', ROOT_CODE), street: id('select id from service_items where code = ?', STREET_CODE), dept: id('select id from agencies where credit_code = ?', DEPT_CODE) };
  } finally {
    db.close();
  }
}

async function setPromised(page: Page, itemId: number, amount: string, reason: string): Promise<void> {
  await page.goto(`/admin/services/${itemId}/edit`);
  await page.locator('[name="el.promisedLimit.amount"]').fill(amount);
  await page.locator('[name="reason"]').fill(reason);
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/services/${itemId}(\\?|#|$)`));
}

test('service items: 区 edit → 街道 flagged in the check and its queue → corrected; guide PDF; 2019 table 二 drill-down', async ({ page }) => {
  test.setTimeout(180_000); // seven sign-ins, a PDF and three drill-downs on a shared CI machine
  const { root, street, dept } = ids();
  const streetRow = page.locator('li', { hasText: '烟台市芝罘区向阳街道办事处：3 工作日' });

  // the 区 officer shortens 承诺办结时限 from 3 to 2 工作日
  await signInAs(page, 'officer');
  await setPromised(page, root, '2', '压缩承诺时限（演示）');
  await expect(page.locator('[id="field-el.promisedLimit"]')).toContainText('2 工作日');

  // the supervisor's check lists the 街道 (and 社区) implementation as different, with a link to correct it
  await signInAs(page, 'supervisor');
  await page.goto(`/admin/services/check?agency=${GOV_CODE}`);
  await expect(streetRow).toContainText('不一致');
  await expect(streetRow.getByRole('link', { name: '去修改' })).toHaveAttribute('href', `/admin/services/${street}/edit#field-el.promisedLimit`);

  // it is in the 街道 officer's 工作台
  await signInAs(page, 'xiangyang');
  await page.goto('/admin');
  await expect(page.getByText(TITLE)).toBeVisible();

  // the 街道 officer corrects it: the flag goes from the check and from the queue
  await setPromised(page, street, '2', '按区级部门修改承诺时限');
  await page.goto('/admin');
  await expect(page.getByText(TITLE)).toHaveCount(0);
  await expect(page.getByText('临时救助对象认定：承诺办结时限与区级部门不一致')).toBeVisible(); // the demo's deliberate one stays
  await signInAs(page, 'supervisor');
  await page.goto(`/admin/services/check?agency=${GOV_CODE}`);
  // the 社区 still differs, so the item stays listed: the 街道's value is now the 区's, no longer flagged
  const fixed = page.locator('li', { hasText: '烟台市芝罘区向阳街道办事处：2 工作日' });
  await expect(fixed).toHaveCount(1);
  await expect(fixed).not.toContainText('不一致');
  await expect(page.locator('li', { hasText: '向阳街道演示社区居民委员会：3 工作日' })).toContainText('不一致');
  await expect(streetRow).toHaveCount(0);

  // the public 办事指南 and its PDF: A4, the elements in its text, rendered as an image
  await page.goto(`/services/${street}`);
  await expect(page.locator('h1')).toContainText('就业创业证申领');
  await expect(page.getByRole('link', { name: '下载 PDF' })).toBeVisible();
  const res = await page.request.get(`/services/${street}/guide.pdf`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-guide-'));
  try {
    const pdf = path.join(dir, 'guide.pdf');
    writeFileSync(pdf, await res.body());
    if (process.env.GK_E2E_KEEP_PDF) writeFileSync(process.env.GK_E2E_KEEP_PDF, readFileSync(pdf));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // looked at as a picture (pdftoppm): page 1 the header and 基本信息 table, page 2 the materials table; footers on both
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(2);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['就业创业证申领', '烟台市芝罘区向阳街道办事处', '0535-6220000', '第 1 页 共 2 页']) expect(text).toContain(s);
    expect(text).toMatch(/承诺办结时限\s+2 工作日/);
    const page2 = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    for (const s of ['二、申请材料', '就业创业登记申请表', '申请人身份证件', '第 2 页 共 2 页']) expect(page2).toContain(s);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    const png = readFileSync(path.join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 50 dpi A4 = 414 × 585 px; a page with text is far larger than a blank one (~1 KB)
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([414, 585]);
    expect(statSync(path.join(dir, 'page-1.png')).size).toBeGreaterThan(10_000);
    if (process.env.GK_E2E_KEEP_PNG) writeFileSync(process.env.GK_E2E_KEEP_PNG, png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // the demo 2019 report: table 二 cells drill down to the 办件 and to the items
  await signInAs(page, 'officer');
  const reportUrl = `/admin/annual/${dept}/2019`;
  await page.goto(reportUrl);
  await page.locator('td[data-cell="table2|第二十条第（五）项|行政许可|处理决定数量"] a').click();
  await expect(page.locator('[data-value]')).toHaveText('82');
  await expect(page.locator('tbody tr', { hasText: /ZFSP2019-\d{5}/ })).toHaveCount(82);
  await page.goto(reportUrl);
  await page.locator('td[data-cell="table2|第二十条第（五）项|其他对外管理服务事项|处理决定数量"] a').click();
  await expect(page.locator('tbody tr', { hasText: /ZFSP2019-\d{5} 个体工商户开办/ })).toHaveCount(28);
  await page.goto(reportUrl);
  await page.locator('td[data-cell="table2|第二十条第（五）项|行政许可|本年增/减"] a').click();
  await expect(page.locator('[data-value]')).toHaveText('4');
  for (const name of ['食品经营许可', '公共场所卫生许可', '建设工程规划许可证核发', '药品零售企业经营许可']) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await page.getByRole('link', { name: '食品经营许可', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('食品经营许可');
});

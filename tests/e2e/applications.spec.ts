// Journey of an online application in Chromium: a citizen applies → the officer opens it from the 工作台 queue
// (待确认收到), confirms receipt, asks for a 补正, records it, consults a third party, asks for an extension → the
// leader approves it from the queue → the officer replies 部分公开 with the disclosed PDF attached → the reviewer
// approves from the queue → the DOCX letter downloads (and opens in LibreOffice when installed) → the citizen sees
// the reply on the status page and downloads the letter and the PDF; a wrong phone gets nothing → the officer puts the
// disclosed information into the catalogue from the case page (条例第四十四条): a draft without the applicant's data,
// the PDF attached, which the reviewer (保密审查), the leader (审核) and the officer (发布) take to the portal. Each
// person has their own browser context (their own session).
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { staffPage as staff } from './pages/SignInPage.ts';
import { buildPdf } from '../builders/hostile-files.ts';
import { axeScan, describeViolations } from './support/axe.ts';
import { CatalogueItemAdminPage } from './pages/CataloguePages.ts';

test.use({ bypassCSP: true });

const PHONE = '13612345678';

/** Open the action's panel on the case page, fill it, submit, and expect the flash message. */
/** The part of the contract disclosed with the reply (a small valid PDF). */
const DISCLOSED = buildPdf({ text: 'Contract text disclosed' });

/** Open the case of a work-queue (待办) row of `kind` on the 工作台. */
async function fromQueue(page: Page, kind: string, code: string) {
  const row = page.getByTestId('work-queue').locator(`tr[data-kind="${kind}"]`, { hasText: code });
  await expect(row, `${kind} for ${code} in the queue`).toHaveCount(1);
  await row.locator('td').nth(1).getByRole('link').click();
  await expect(page.locator('main h1')).toContainText(code);
}

async function doAction(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const panel = page.locator(`details:has(form[data-action="${action}"])`);
  await expect(panel, `action ${action} is offered`).toHaveCount(1);
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  const form = panel.locator(`form[data-action="${action}"]`);
  if (fill) await fill(form);
  await form.locator('button').click(); // a <button>: a file input also has the button role
  await expect(page.locator('.gk-notice--error, .gk-error-summary'), 'no error after ' + action).toHaveCount(0);
  await expect(page.locator('.gk-notice--success, .gk-notice--info').first()).toBeVisible();
}

test('the whole journey of an online application', async ({ browser }) => {
  // six people, two workflows (the case and its catalogue draft) and a LibreOffice conversion on a shared machine
  test.setTimeout(240_000);
  // ── the citizen applies online
  const citizen = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await citizen.goto('/apply');
  await expect(citizen.locator('main h1')).toHaveText('申请政府信息公开');
  const a11y = await axeScan(citizen);
  expect(a11y, describeViolations(a11y)).toEqual([]);
  await citizen.locator('#field-name').fill('刘一');
  await citizen.locator('#field-idNumber').fill('370602199203041233');
  await citizen.locator('#field-phone').fill(PHONE);
  await citizen.locator('#field-email').fill('liuyi@example.com');
  await citizen.locator('#field-content').fill('请公开2025年本局政府采购项目的合同文本');
  await citizen.locator('input[name="provideForm"][value="电子邮件"]').check();
  await citizen.locator('input[name="obtainMethod"][value="电子邮件"]').check();
  await citizen.getByRole('button', { name: '提交申请' }).click();
  await expect(citizen.locator('main h1')).toHaveText('申请已提交');
  await expect(citizen.locator('main')).toContainText('以双方确认之日为收到申请之日');
  const code = (await citizen.getByTestId('query-code').textContent())!.trim();
  expect(code).toMatch(/^GK[A-Z2-9]{10}$/);

  // ── the officer finds it in the 工作台 queue under 待确认收到 and works the case
  const officer = await staff(browser, 'officer');
  await officer.goto('/admin');
  await fromQueue(officer, 'confirm_receipt', code);
  await expect(officer.locator('main h1')).toContainText(code);
  await doAction(officer, 'confirmReceipt');
  await expect(officer.locator('.gk-deadline')).toContainText('为什么是这一天');
  await doAction(officer, 'requestCorrection', async (f) => {
    await f.locator('textarea[name="items"]').fill('请写明合同所属的采购项目名称\n请说明需要的合同签订时间范围');
  });
  await expect(officer.locator('form[data-action="requestCorrection"]')).toHaveCount(0); // 补正 only once
  await doAction(officer, 'recordCorrection');
  await doAction(officer, 'startConsultation', async (f) => {
    await f.locator('input[name="party"]').fill('烟台某信息技术有限公司');
    await f.locator('textarea[name="matter"]').fill('合同文本中含有贵公司的报价明细');
  });
  await doAction(officer, 'endConsultation', async (f) => {
    await f.locator('input[name="opinion"][value="object"]').check();
    await f.locator('textarea[name="note"]').fill('不同意公开报价明细');
  });
  await doAction(officer, 'requestExtension', async (f) => {
    await f.locator('textarea[name="reason"]').fill('合同文本较多，需要逐页区分处理');
  });
  await expect(officer.locator('form[data-action="approveExtension"]')).toHaveCount(0); // only a leader approves
  const caseUrl = officer.url();

  // ── the leader approves the extension
  const leader = await staff(browser, 'leader');
  await leader.goto('/admin');
  await fromQueue(leader, 'approve_extension', code);
  expect(leader.url()).toContain(new URL(caseUrl).pathname);
  await doAction(leader, 'approveExtension');
  await expect(leader.locator('main')).toContainText('延期答复告知书');

  // ── the officer replies 部分公开
  await officer.goto(caseUrl);
  await doAction(officer, 'reply', async (f) => {
    await f.locator('select[name="outcome"]').selectOption('partial');
    await f.locator('textarea[name="reasons"]').fill('合同文本予以公开；报价明细属于第三方商业秘密，第三方不同意公开，不予公开（条例第十五条、第三十二条、第三十七条）。');
    // the disclosed part travels with the reply
    await f.locator('input[name="attachments"]').setInputFiles({ name: '合同文本.pdf', mimeType: 'application/pdf', buffer: DISCLOSED });
  });
  await expect(officer.getByTestId('reply-preview')).toContainText('芝罘区人民政府');

  // ── the reviewer approves; the 答复书 is issued
  const reviewer = await staff(browser, 'reviewer');
  await reviewer.goto('/admin');
  await fromQueue(reviewer, 'review_reply', code);
  await doAction(reviewer, 'approveReply');
  await expect(reviewer.locator('main h1')).toContainText('已答复待送达');
  const letterLink = reviewer.locator('li', { hasText: '答复书（部分公开）' }).getByRole('link', { name: 'DOCX' });
  const [download] = await Promise.all([reviewer.waitForEvent('download'), letterLink.click()]);
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-letter-'));
  try {
    const file = path.join(dir, 'reply.docx');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    if (soffice) {
      execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, stdio: 'ignore' });
      expect(existsSync(path.join(dir, 'reply.pdf'))).toBe(true);
      expect(readFileSync(path.join(dir, 'reply.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // ── the citizen sees the reply on the status page
  await citizen.goto('/apply/status');
  await citizen.locator('#field-code').fill(code);
  await citizen.locator('#field-phone').fill(PHONE);
  await citizen.getByRole('button', { name: '查询' }).click();
  await expect(citizen.getByTestId('status-outcome')).toHaveText('部分公开');
  await expect(citizen.getByTestId('status-letters')).toContainText('答复书（部分公开）');
  await expect(citizen.locator('main')).not.toContainText('刘一');
  // … and downloads the letter and the disclosed PDF through the signed links
  const [pdfDownload] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('status-files').getByRole('link', { name: '合同文本' }).click()]);
  const pdfDir = mkdtempSync(path.join(tmpdir(), 'gk-disclosed-'));
  try {
    await pdfDownload.saveAs(path.join(pdfDir, 'a.pdf'));
    // only the copy rebuilt for delivery leaves the agency (decision 120): a PDF of the same pages, image-only,
    // never the uploaded bytes with their text layer and metadata
    const delivered = readFileSync(path.join(pdfDir, 'a.pdf'));
    expect(delivered.subarray(0, 5).toString()).toBe('%PDF-');
    expect(delivered.equals(DISCLOSED)).toBe(false);
    expect(execFileSync('pdfinfo', [path.join(pdfDir, 'a.pdf')]).toString()).toMatch(/^Pages:\s+1$/m);
    expect(execFileSync('pdftotext', [path.join(pdfDir, 'a.pdf'), '-']).toString()).not.toContain('Contract text disclosed');
    const [letterDownload] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('status-letters').getByRole('link', { name: /答复书（部分公开）/ }).click()]);
    await letterDownload.saveAs(path.join(pdfDir, 'letter.pdf'));
    expect(readFileSync(path.join(pdfDir, 'letter.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    rmSync(pdfDir, { recursive: true, force: true });
  }
  const a11y2 = await axeScan(citizen);
  expect(a11y2, describeViolations(a11y2)).toEqual([]);
  // a wrong phone gets nothing: no status, no links
  await citizen.goto('/apply/status');
  await citizen.locator('#field-code').fill(code);
  await citizen.locator('#field-phone').fill('13000000000');
  await citizen.getByRole('button', { name: '查询' }).click();
  await expect(citizen.getByTestId('status-files')).toHaveCount(0);
  await expect(citizen.getByTestId('status-letters')).toHaveCount(0);

  // ── 条例第四十四条: the officer publishes the disclosed information to the catalogue from the case page
  await officer.goto(caseUrl);
  const pub = officer.locator('#case-publication-section');
  await expect(pub.locator('h2')).toHaveText('依申请公开转主动公开（条例第四十四条）');
  const panel = pub.locator('details:has([data-testid="publication-form"])');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  const pform = pub.getByTestId('publication-form');
  await expect(pform.getByLabel('标题')).toHaveValue('合同文本'); // the disclosed document's title, not the applicant's
  await expect(pform.getByLabel(/合同文本\.pdf/)).toBeChecked();
  const caseA11y = await axeScan(officer);
  expect(caseA11y, describeViolations(caseA11y)).toEqual([]);
  await pform.getByRole('button', { name: '生成主动公开草稿' }).click();
  await expect(officer).toHaveURL(/\/admin\/catalogue\/\d+$/);
  await expect(officer.locator('main')).toContainText('已生成主动公开目录草稿');
  await expect(officer.getByTestId('item-origin')).toContainText('依申请公开转为主动公开（条例第四十四条）');
  await expect(officer.getByTestId('item-origin').getByRole('link', { name: '查看原申请' })).toHaveAttribute('href', new URL(caseUrl).pathname);
  await expect(officer.locator('main')).not.toContainText('刘一');
  await expect(officer.locator('main')).toContainText('合同文本.pdf');
  const itemId = Number(/\/admin\/catalogue\/(\d+)$/.exec(officer.url())![1]);
  // it is a draft of the catalogue, listed under 依申请转主动
  await officer.goto('/admin/catalogue?origin=application');
  await expect(officer.getByRole('link', { name: '合同文本', exact: true })).toHaveAttribute('href', `/admin/catalogue/${itemId}`);
  await expect(officer.locator('main')).toContainText('草稿');
  // … and goes through 保密审查 → 审核 → 发布 to the portal
  const item = new CatalogueItemAdminPage(officer);
  await item.goto(itemId);
  await item.act('提交保密审查');
  const rv = new CatalogueItemAdminPage(reviewer);
  await rv.goto(itemId);
  await rv.recordReview('经审查，不涉及国家秘密、商业秘密和个人隐私（报价明细未随答复公开）');
  const ld = new CatalogueItemAdminPage(leader);
  await ld.goto(itemId);
  await ld.act('审核通过');
  await item.goto(itemId);
  await item.act('发布');
  await citizen.goto(`/items/${itemId}`);
  await expect(citizen.locator('main h1')).toHaveText('合同文本');
  await expect(citizen.locator('main')).not.toContainText('刘一');
  await expect(citizen.locator('main')).not.toContainText(PHONE);
});

// 好差评 journey in Chromium at 390×844 (a phone): the rater scans a window's QR code (its URL), rates 1 star with a
// comment and a phone → the unit's officer finds the 差评 work order in the 工作台 queue → logs the return visit →
// 限期整改 → records the rectification with a photo → sends the feedback → the rater reads it by receipt code → the
// supervisor closes it from the queue. Then a suggestion goes from the public form to 采纳 and a reply. Each person has
// their own browser context.
import { expect, test, type Page } from '@playwright/test';
import { staffPage as staff } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

test.use({ bypassCSP: true });

const CODE = '12370602780795309E';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function fromQueue(page: Page, kind: string, ref: string) {
  const row = page.getByTestId('work-queue').locator(`tr[data-kind="${kind}"]`, { hasText: ref });
  await expect(row, `${kind} for ${ref} in the queue`).toHaveCount(1);
  await row.locator('td').nth(1).getByRole('link').click();
}

async function submitStep(page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>, flash: string) {
  const form = page.locator(`form[action$="/actions/${action}"]`);
  await expect(form, `step ${action} is offered`).toHaveCount(1);
  await fill(form);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('.gk-error-summary'), `no error after ${action}`).toHaveCount(0);
  await expect(page.locator('.gk-notice--success')).toContainText(flash);
}

test('a 差评 by QR code followed up to the end, and a suggestion adopted and answered', async ({ browser }) => {
  // ── the rater scans the window's QR code on a phone
  const rater = await (await browser.newContext(PHONE)).newPage();
  await rater.goto(`/rate/${CODE}/window/${encodeURIComponent('3号窗口')}`);
  await expect(rater.getByTestId('rate-target')).toHaveText('窗口：3号窗口');
  const a11y = await axeScan(rater);
  expect(a11y, describeViolations(a11y)).toEqual([]);
  // every level is a large touch target (≥ 48 px high) across the phone's width
  const box = await rater.locator('.gk-rating .gk-radios__item').last().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  expect(box!.width).toBeGreaterThan(300);
  await rater.locator('.gk-rating .gk-radios__item').last().tap();
  await expect(rater.locator('#field-level-5')).toBeChecked();
  await rater.getByLabel('意见或原因').fill('等了一个小时没人叫号，也没人解释');
  await rater.getByLabel('姓名').fill('刘二');
  await rater.getByLabel('手机或固定电话').fill('13612340000');
  await rater.getByRole('button', { name: '提交评价' }).tap();
  await expect(rater.locator('main h1')).toHaveText('感谢您的评价');
  const receipt = (await rater.getByTestId('receipt-code').textContent())!.trim();
  expect(receipt).toMatch(/^PJ[A-Z2-9]{8}$/);

  // ── the unit's officer: the order in the 工作台 queue → 回访 → 限期整改 → 整改 with a photo → 反馈
  const officer = await staff(browser, 'officer');
  await fromQueue(officer, 'bad_rating', receipt);
  await expect(officer.locator('main h1')).toContainText(receipt);
  await expect(officer.getByTestId('rater')).toContainText('13612340000');
  await submitStep(officer, 'logVisit', async (f) => {
    await f.getByLabel('评价人反映的情况').fill('评价人说叫号系统故障时没有工作人员解释');
  }, '已登记回访');
  await submitStep(officer, 'classify', async (f) => {
    await f.getByLabel('限期整改').check();
    await f.getByLabel('核实情况和处理类别的理由').fill('叫号系统故障属实，需更换设备，列入台账限期整改');
  }, '已确定处理类别');
  await expect(officer.locator('main')).toContainText('限期整改');
  await submitStep(officer, 'recordRectification', async (f) => {
    await f.getByLabel('整改情况').fill('已更换叫号设备，故障时由导办人员现场引导');
    await f.locator('input[type="file"]').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: PNG });
  }, '已登记整改情况');
  await expect(officer.locator('main')).toContainText('整改照片.png');
  await submitStep(officer, 'sendFeedback', async (f) => {
    await f.getByLabel('反馈给评价人的内容').fill('感谢您的反映，叫号设备已更换，故障时有专人引导。');
  }, '已反馈评价人');

  // ── the rater reads the feedback by receipt code
  await rater.goto('/rate/status');
  await rater.getByLabel('评价回执码').fill(receipt);
  await rater.getByRole('button', { name: '查看' }).tap();
  await expect(rater.getByTestId('status-feedback')).toContainText('叫号设备已更换');

  // ── the supervisor closes it from the queue
  const supervisor = await staff(browser, 'supervisor');
  await fromQueue(supervisor, 'bad_rating', receipt);
  await expect(supervisor.getByTestId('rater')).not.toContainText('13612340000');
  await submitStep(supervisor, 'closeOrder', async (f) => {
    await f.getByLabel('监督回访情况').fill('回访评价人，对整改结果满意');
  }, '工单已办结');
  await rater.reload();
  await expect(rater.getByTestId('status-state')).toHaveText('已办结');

  // ── a suggestion: the public form → 采纳 → reply → the person reads it
  const person = await (await browser.newContext(PHONE)).newPage();
  await person.goto(`/suggest/${CODE}`);
  await person.getByLabel('意见建议内容').fill('建议在大厅增加老年人休息座椅');
  await person.getByRole('button', { name: '提交意见建议' }).tap();
  const queryCode = (await person.getByTestId('query-code').textContent())!.trim();
  await officer.goto('/admin');
  await fromQueue(officer, 'suggestion', queryCode);
  await expect(officer.locator('main h1')).toContainText(queryCode);
  await officer.getByLabel('采纳', { exact: true }).check();
  await officer.getByLabel('办理情况（不予采纳时写明理由）').fill('采纳，大厅已增加12个座椅');
  await officer.getByRole('button', { name: '保存办理结果' }).click();
  await expect(officer.locator('.gk-notice--success')).toContainText('已保存办理结果');
  await officer.getByLabel('答复内容').fill('您的建议已采纳，大厅已增加座椅，谢谢。');
  await officer.getByRole('button', { name: '答复', exact: true }).click();
  await expect(officer.locator('.gk-notice--success')).toContainText('已答复');
  await person.goto(`/suggest/status?code=${queryCode}`);
  await expect(person.getByTestId('suggestion-result')).toHaveText('采纳');
  await expect(person.getByTestId('suggestion-reply')).toContainText('大厅已增加座椅');
});

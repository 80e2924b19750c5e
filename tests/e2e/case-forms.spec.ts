// Forms as a person meets them in Chromium, at desktop (1366×900) and phone (390×844) width: the live
// character count of the application's 4000-character description, and a refused case-page action that
// comes back with its form open, the error summary focused, each message next to its field and what was
// typed kept. Screenshots go to test-results/case-forms/ for looking at.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SignInPage } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

// axe is injected as a script tag (the pages' CSP allows only same-origin files)
test.use({ bypassCSP: true });

const SIZES = [{ name: 'desktop', width: 1366, height: 900 }, { name: 'phone', width: 390, height: 844 }] as const;
const dir = 'test-results/case-forms';
test.beforeAll(() => mkdirSync(dir, { recursive: true }));

/** Ids that occur more than once on the page. */
const duplicateIds = (page: Page) => page.evaluate(() => {
  const seen = new Map<string, number>();
  for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
});

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the description counts down as one types, turns red past 4000 characters, and the server refuses the excess', async ({ page }) => {
      await page.goto('/apply');
      const box = page.locator('#field-content');
      const count = page.locator('#field-content-count');
      await expect(count).toHaveText('还可以输入 4000 个字');
      await box.fill('请公开2025年本局行政许可办件统计');
      await expect(count).toHaveText('还可以输入 3982 个字');
      await expect(count).not.toHaveClass(/gk-char-count--over/);
      // a paste longer than the limit is not cut off: the count says by how much to shorten it
      await box.fill('统'.repeat(4003));
      await expect(box).toHaveValue('统'.repeat(4003));
      await expect(count).toHaveText('已超出 3 个字，请删减');
      await expect(count).toHaveClass(/gk-char-count--over/);
      await expect(count).toHaveCSS('color', 'rgb(179, 38, 30)');
      await page.screenshot({ path: `${dir}/apply-count-${size.name}.png`, fullPage: false, clip: { x: 0, y: Math.max(0, (await count.boundingBox())!.y - 300), width: size.width, height: 400 } });
      await page.locator('#field-name').fill('刘一');
      await page.locator('#field-idNumber').fill('370602199203041233');
      await page.locator('#field-phone').fill('13612345678');
      await page.locator('input[name="provideForm"][value="纸质"]').check();
      await page.locator('input[name="obtainMethod"][value="自行领取"]').check();
      await page.getByRole('button', { name: '提交申请' }).click();
      await expect(page.locator('.gk-error-summary')).toBeFocused();
      await expect(page.locator('.gk-error-summary a')).toHaveText(['所需政府信息的名称、文号或者便于查询的其他特征性描述不能超过4000个字']);
      await expect(page.locator('#field-content-error')).toContainText('不能超过4000个字');
      await expect(page.locator('#field-content-count')).toHaveText('已超出 3 个字，请删减');
    });

    test('a refused reply comes back on the case page: summary focused, message next to the field, outcome and text kept', async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn('officer', 'demo12345');
      await page.goto('/admin/applications?view=due_soon');
      await page.locator('main table a[href^="/admin/applications/"]').first().click();
      expect(await duplicateIds(page)).toEqual([]);
      const panel = page.locator('details:has(form[data-action="reply"])');
      if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
      const form = panel.locator('form[data-action="reply"]');
      await form.locator('select[name="outcome"]').selectOption('other');
      await form.locator('textarea[name="reasons"]').fill('申请人所提事项另有法定程序');
      await form.getByRole('button', { name: '拟写答复' }).click();

      const summary = page.locator('form[data-action="reply"] .gk-error-summary');
      await expect(summary).toBeFocused();
      await expect(page.locator('.gk-notice--error')).toHaveCount(0);
      await expect(page.locator('details:has(form[data-action="reply"])')).toHaveAttribute('open', '');
      await expect(page.locator('#field-reply-reasons-error')).toContainText('请在理由和说明中写明所依据的条款');
      await expect(page.locator('#field-reply-outcome')).toHaveValue('other');
      await expect(page.locator('#field-reply-reasons')).toHaveValue('申请人所提事项另有法定程序');
      expect(await duplicateIds(page)).toEqual([]);
      await summary.screenshot({ path: `${dir}/case-reply-error-${size.name}.png` });
      await page.locator('form[data-action="reply"]').screenshot({ path: `${dir}/case-reply-form-${size.name}.png` });
      // the summary's link lands on the field
      await summary.getByRole('link').click();
      await expect(page.locator('#field-reply-reasons')).toBeFocused();
      const violations = await axeScan(page);
      expect(violations.filter((v) => ['duplicate-id', 'duplicate-id-aria', 'label', 'aria-valid-attr-value'].includes(v.id)), describeViolations(violations)).toEqual([]);
    });
  });
}

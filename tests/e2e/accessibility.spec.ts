// axe-core scan: no violations on the portal home, the sign-in page and the dashboard, in normal
// mode, in 长辈模式 and in high contrast. Keyboard: the skip link is the first stop and works.
import { expect, test, type Page } from '@playwright/test';
import { axeScan, describeViolations } from './support/axe.ts';
import { PortalHomePage } from './pages/PortalHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { DashboardPage } from './pages/AdminPages.ts';

// The page's CSP allows same-origin scripts only; axe is injected by the test, so the test
// context bypasses CSP (the pages themselves are unchanged).
test.use({ bypassCSP: true });

type Mode = 'normal' | 'large' | 'contrast';

async function setMode(page: Page, mode: Mode): Promise<void> {
  if (mode === 'large') await page.goto('/prefs?large=1&back=/');
  if (mode === 'contrast') await page.goto('/prefs?contrast=1&back=/');
}

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await axeScan(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

for (const mode of ['normal', 'large', 'contrast'] as const) {
  test.describe(`axe (${mode})`, () => {
    test.beforeEach(async ({ page }) => {
      await setMode(page, mode);
    });

    test('home page', async ({ page }) => {
      const home = new PortalHomePage(page);
      await home.goto();
      if (mode === 'large') await expect(page.locator('html')).toHaveClass(/gk-large/);
      if (mode === 'contrast') await expect(page.locator('html')).toHaveClass(/gk-contrast/);
      await expectNoViolations(page);
    });

    test('sign-in page, also with errors', async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await expectNoViolations(page);
      await signIn.signIn('officer', 'wrong-password');
      await expect(signIn.errorSummary).toBeVisible();
      await expectNoViolations(page);
    });

    test('dashboard and audit log', async ({ page }) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn('officer', 'demo12345');
      await new DashboardPage(page).expectLoaded();
      await expectNoViolations(page);
      await page.goto('/admin/audit');
      await expectNoViolations(page);
    });
  });
}

test('长辈模式 scales text at least 1.5× and the switch returns to the same page', async ({ page }) => {
  const home = new PortalHomePage(page);
  await home.goto();
  const size = () => home.main.locator('p.gk-lead').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await home.largeTextSwitch.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveClass(/gk-large/);
  expect(await size()).toBeGreaterThanOrEqual(before * 1.5);
  await expect(home.largeTextSwitch).toHaveText('退出长辈模式');
  await home.largeTextSwitch.click();
  await expect(page.locator('html')).not.toHaveClass(/gk-large/);
});

test('keyboard: the skip link is the first stop, is visible when focused, and moves focus to main', async ({ page }) => {
  const home = new PortalHomePage(page);
  await home.goto();
  await page.keyboard.press('Tab');
  await expect(home.skipLink).toBeFocused();
  await expect(home.skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(home.main).toBeFocused();
  // the next Tab lands inside main, not back in the header
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(inMain).toBe(true);
});

for (const [name, path] of [
  ['home', '/'],
  ['sign-in', '/admin/login'],
] as const) {
  test(`${name} fits a 360px phone without sideways scrolling, also in 长辈模式`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto(`/prefs?large=1&back=${encodeURIComponent(path)}`);
    await expect(page.locator('html')).toHaveClass(/gk-large/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
}

test('the portal navigation has the 专栏 names in the official order', async ({ page }) => {
  const home = new PortalHomePage(page);
  await home.goto();
  expect(await home.sectionLabels()).toEqual(['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']);
});

test('administrator pages (users list, create form with errors) have no axe violations', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('admin', 'demo12345');
  await page.goto('/admin/users');
  await expect(page.locator('main h1')).toHaveText('用户管理');
  await expectNoViolations(page);
  await page.goto('/admin/users/new');
  await page.locator('main').getByRole('button', { name: '创建用户' }).click();
  await expect(page.locator('.gk-error-summary')).toBeVisible();
  await expectNoViolations(page);
});

test('404 page is in Chinese and has no axe violations', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('页面不存在');
  await expectNoViolations(page);
});

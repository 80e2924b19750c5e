// Journey: an officer signs in, sees the dashboard, opens the audit log, signs out.
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/SignInPage.ts';
import { AuditLogPage, DashboardPage } from './pages/AdminPages.ts';

test('officer signs in, sees the dashboard, opens the audit log and signs out', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('officer', 'demo12345');

  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await expect(dashboard.userName).toContainText('经办人');
  await expect(page.locator('main')).toContainText('您的角色是经办人');
  // an officer sees no administrator entries
  await expect(dashboard.nav.getByRole('link', { name: '用户管理' })).toHaveCount(0);

  await dashboard.open('审计日志');
  const audit = new AuditLogPage(page);
  await audit.expectLoaded();
  await expect(audit.nav.getByRole('link', { name: '审计日志' })).toHaveAttribute('aria-current', 'page');

  await audit.signOut();
  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(page.locator('h1')).toHaveText('登录');

  // the session is gone: the back office asks to sign in again
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/admin\/login/);
});

test('a wrong password shows the error summary, keeps the user name and never the password', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('officer', 'wrong-password');

  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(signIn.errorSummary).toBeVisible();
  await expect(signIn.errorSummary).toHaveAttribute('role', 'alert');
  await expect(signIn.errorSummary.locator('h2')).toHaveText('请修改以下问题');
  await expect(page).toHaveTitle(/^有错误：/);
  await expect(signIn.username).toHaveValue('officer');
  await expect(signIn.password).toHaveValue('');

  // each summary link leads to its field
  const link = signIn.errorSummary.getByRole('link').first();
  const target = (await link.getAttribute('href'))!;
  expect(target).toMatch(/^#field-/);
  await link.click();
  await expect(page.locator(target)).toBeFocused();
});

test('an empty form names each missing field', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submit.click();
  await expect(signIn.errorSummary).toContainText('请输入用户名');
  await expect(signIn.errorSummary).toContainText('请输入密码');
  await expect(page.locator('#field-username-error')).toContainText('请输入用户名');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in, the audit filter form and sign-out all work', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn('officer', 'demo12345');
    const dashboard = new DashboardPage(page);
    await dashboard.expectLoaded();
    await dashboard.open('审计日志');
    const audit = new AuditLogPage(page);
    await audit.expectLoaded();
    await page.getByLabel('操作人').fill('officer');
    await page.locator('main').getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?.*actor=officer/);
    await expect(page.getByLabel('操作人')).toHaveValue('officer');
    await audit.signOut();
    await expect(page).toHaveURL(/\/admin\/login/);
  });
});

test('English pages: lang="en" and English navigation', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Government information disclosure' }).getByRole('link')).toHaveText([
    'Disclosure guide',
    'Disclosure rules',
    'Proactively disclosed information',
    'Annual disclosure reports',
    'Apply for information',
  ]);
  await page.goto('/?lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

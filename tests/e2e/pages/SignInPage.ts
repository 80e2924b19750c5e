import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('用户名');
    this.password = page.getByLabel('密码');
    this.submit = page.locator('main').getByRole('button', { name: '登录' });
    this.errorSummary = page.locator('.gk-error-summary');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/login');
    await expect(this.page.locator('h1')).toHaveText('登录');
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}

/** A staff member signed in (demo password) in a browser context of their own, zh-CN in Shanghai time, on the 工作台. */
export async function staffPage(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, 'demo12345');
  await expect(page.locator('main h1')).toHaveText('工作台');
  return page;
}

/** Signs the page's context out (cookies cleared) and in again as another demo user. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  const s = new SignInPage(page);
  await s.goto();
  await s.signIn(username, 'demo12345');
  await expect(page).toHaveURL(/\/admin/);
}

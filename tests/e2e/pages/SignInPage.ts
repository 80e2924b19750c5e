import { expect, type Locator, type Page } from '@playwright/test';

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

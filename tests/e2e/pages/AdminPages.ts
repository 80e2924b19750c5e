import { expect, type Locator, type Page } from '@playwright/test';

/** Any back-office page: header with the user and sign-out, the left navigation. */
export class AdminPage {
  readonly heading: Locator;
  readonly nav: Locator;
  readonly signOutButton: Locator;
  readonly userName: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator('main h1');
    this.nav = page.getByRole('navigation', { name: '后台导航' });
    this.signOutButton = page.getByRole('button', { name: '退出登录' });
    this.userName = page.locator('.gk-user__name');
  }

  async open(label: string): Promise<void> {
    await this.nav.getByRole('link', { name: label, exact: true }).click();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}

export class DashboardPage extends AdminPage {
  async expectLoaded(): Promise<void> {
    await expect(this.heading).toHaveText('工作台');
    await expect(this.page).toHaveURL(/\/admin\/?$/);
  }
}

export class AuditLogPage extends AdminPage {
  readonly table: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.locator('table.gk-table');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toHaveText('审计日志');
    await expect(this.page).toHaveURL(/\/admin\/audit/);
    await expect(this.table).toBeVisible();
  }
}

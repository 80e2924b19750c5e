import { expect, type Locator, type Page } from '@playwright/test';

export class PortalHomePage {
  readonly heading: Locator;
  readonly skipLink: Locator;
  readonly main: Locator;
  readonly largeTextSwitch: Locator;
  readonly contrastSwitch: Locator;
  readonly sectionNav: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator('h1');
    this.skipLink = page.locator('a.gk-skip-link');
    this.main = page.locator('main#main');
    this.largeTextSwitch = page.locator('.gk-switches a').first();
    this.contrastSwitch = page.locator('.gk-switches a').nth(1);
    this.sectionNav = page.getByRole('navigation', { name: '政府信息公开专栏' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toContainText('政府信息公开');
  }

  async sectionLabels(): Promise<string[]> {
    return this.sectionNav.getByRole('link').allTextContents();
  }
}

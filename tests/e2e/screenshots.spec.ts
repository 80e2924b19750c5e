// Screenshots for the README (docs/screenshots/*.png): home, sign-in, dashboard, and the work screens.
// The folder is created when absent; a screenshot never fails the suite for a missing folder.
import { test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SignInPage } from './pages/SignInPage.ts';
import { DashboardPage } from './pages/AdminPages.ts';

// Every run takes the screenshots (so the journeys behind them stay tested) but writes them under test-results/;
// `UPDATE_SCREENSHOTS=1 npx playwright test tests/e2e/screenshots.spec.ts` refreshes the README's copies.
const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

test.beforeAll(() => {
  mkdirSync(dir, { recursive: true });
});

test.use({ viewport: { width: 1280, height: 900 } });

test('screenshots of home, sign-in and dashboard', async ({ page }) => {
  await page.goto('/');
  await page.screenshot({ path: `${dir}/home.png`, fullPage: true });

  await page.goto('/prefs?large=1&back=/');
  await page.screenshot({ path: `${dir}/home-large.png`, fullPage: true });
  await page.goto('/prefs?large=0&back=/admin/login');

  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.screenshot({ path: `${dir}/sign-in.png`, fullPage: true });
  await signIn.signIn('officer', 'wrong');
  await page.screenshot({ path: `${dir}/sign-in-error.png`, fullPage: true });

  await signIn.signIn('officer', 'demo12345');
  await new DashboardPage(page).expectLoaded();
  await page.screenshot({ path: `${dir}/dashboard.png`, fullPage: true });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await page.screenshot({ path: `${dir}/home-phone.png`, fullPage: true });
});

test('screenshots of the work screens: a case, the catalogue, the annual report, the portal', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('officer', 'demo12345');
  await new DashboardPage(page).expectLoaded();

  await page.goto('/admin/applications');
  await page.screenshot({ path: `${dir}/applications.png`, fullPage: true });
  // the first case in the list: deadline card, ledger timeline, the lawful next actions
  await page.locator('main table a[href^="/admin/applications/"]').first().click();
  await page.screenshot({ path: `${dir}/application-case.png`, fullPage: true });

  await page.goto('/admin/catalogue');
  await page.screenshot({ path: `${dir}/catalogue.png`, fullPage: true });

  await page.goto('/admin/annual');
  await page.locator('main a[href^="/admin/annual/"][href$="/2019"]').first().click();
  await page.screenshot({ path: `${dir}/annual-report-2019.png`, fullPage: true });

  await page.goto('/reports');
  await page.locator('main a[href^="/reports/"]').first().click();
  await page.screenshot({ path: `${dir}/portal-report.png`, fullPage: true });

  await page.goto('/search?q=%E8%AE%B8%E5%8F%AF');
  await page.screenshot({ path: `${dir}/portal-search.png`, fullPage: true });
});

// Browser tests (tests/e2e): Debian Chromium (never `npx playwright install`), a fresh SQLite
// database per run, the production build of the server with the demo seed.
import { defineConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;
// The config is loaded by the runner and again by each worker; only the runner starts the server,
// so the per-run file name is fixed once and handed to the workers through the environment.
process.env.GONGKAI_E2E_DB ??= `file:./tmp/e2e-${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}.db`;
mkdirSync('tmp', { recursive: true });

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalTeardown: './tests/e2e/support/teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node bin/gongkai.mjs serve',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_URL: process.env.GONGKAI_E2E_DB,
      NODE_ENV: 'production',
      DEMO_SEED: 'true',
    },
  },
});

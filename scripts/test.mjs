#!/usr/bin/env node
// `npm test`: every suite in sequence, then one line "N passed, N failed" with the totals.
//  1. unit tests (vitest project "unit") under TZ=UTC and again under TZ=Asia/Shanghai (date code);
//  2. integration tests (vitest project "integration"): SQLite always, PostgreSQL when TEST_DATABASE_URL is set;
//  3. browser tests (Playwright + Debian Chromium) when /usr/bin/chromium (or CHROMIUM_PATH) exists.
// With GONGKAI_REQUIRE_ALL=1 (set by .ci/run) a missing Chromium or PostgreSQL is a failure, not a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });
const requireAll = process.env.GONGKAI_REQUIRE_ALL === '1';
const only = process.argv[2]; // optional: unit | integration | e2e

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function vitest(project, tz) {
  const out = path.join(reports, `vitest-${project}-${tz.replace('/', '_')}.json`);
  rmSync(out, { force: true });
  const status = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { TZ: tz });
  if (!existsSync(out)) {
    console.error(`[test] vitest ${project} (${tz}) produced no report; counting as a failure`);
    failed += 1; exitCode = 1; return;
  }
  const j = JSON.parse(readFileSync(out, 'utf8'));
  passed += j.numPassedTests; failed += j.numFailedTests; skipped += j.numPendingTests + (j.numTodoTests ?? 0);
  // A suite that fails to load counts as failed even when no test inside it ran.
  const brokenFiles = (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
  failed += brokenFiles;
  if (status !== 0) exitCode = 1;
}

function chromiumPath() {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

if (!only || only === 'unit') {
  vitest('unit', 'UTC');
  vitest('unit', 'Asia/Shanghai');
}
if (!only || only === 'integration') {
  if (!process.env.TEST_DATABASE_URL) {
    const msg = 'PostgreSQL suites skipped: TEST_DATABASE_URL is not set (SQLite suites run)';
    if (requireAll) { console.error(`[test] FAIL: ${msg}`); failed += 1; exitCode = 1; } else console.log(`[test] ${msg}`);
  }
  vitest('integration', 'UTC');
}
if (!only || only === 'e2e') {
  if (!chromiumPath()) {
    const msg = 'browser suites skipped: Chromium not found at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk)';
    if (requireAll) { console.error(`[test] FAIL: ${msg}`); failed += 1; exitCode = 1; } else console.log(`[test] ${msg}`);
  } else {
    const out = path.join(reports, 'playwright.json');
    rmSync(out, { force: true });
    const status = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    if (existsSync(out)) {
      const j = JSON.parse(readFileSync(out, 'utf8'));
      const s = j.stats ?? {};
      passed += (s.expected ?? 0) + (s.flaky ?? 0);
      failed += s.unexpected ?? 0;
      skipped += s.skipped ?? 0;
      if ((j.errors ?? []).length && !(s.unexpected ?? 0)) failed += j.errors.length;
    } else { failed += 1; }
    if (status !== 0) exitCode = 1;
  }
}

if (requireAll && skipped > 0) {
  console.error(`[test] FAIL: ${skipped} tests were skipped, and GONGKAI_REQUIRE_ALL=1 allows none`);
  exitCode = 1;
}
if (failed > 0) exitCode = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);

// Load: mixed traffic at a fixed rate against a production server child on 127.0.0.1 (fresh SQLite
// file, demo seed): portal pages, searches, status lookups, and a signed-in officer's list, 工作台
// and offline registrations (a write per cycle of ten). First steps the rate up (LOAD_RATES, each for
// LOAD_STEP_SECONDS) to find the highest rate this machine sustains with 0 errors and p99 ≤ 200 ms,
// refines between the last rate that passed and the first that failed (LOAD_REFINE halvings, default 2),
// then runs LOAD_SECONDS (default 60) at that rate and reports error rate, p50/p99 and the server's
// RSS before and after. Goals (printed as ratios, a ratio below 1 fails the run): 0 errors,
// p99 ≤ 200 ms, RSS growth ≤ 20 %.
// If the long run misses a goal it steps down through the rates that passed and runs again (RSS is measured from
// before the first long run to after the last).
//   LOAD_SECONDS=15 LOAD_STEP_SECONDS=5 npx gongkai bench run load     # a quick run
// On an existing database instead of the fresh demo file (e.g. the province database of `bench data --profile province`,
// to measure memory at province scale): LOAD_DATABASE_URL (no demo seed; PERSONAL_DATA_KEY_FILE as the database was
// loaded with), LOAD_OFFICER=username:password of an officer there, LOAD_AGENCY=the credit code that receives the
// submitted applications.
// Each anonymous request carries its own X-Forwarded-For (the server trusts the proxy here), as
// visitors come from many addresses: the per-IP limits of the status lookup (60/min) and sign-in
// would otherwise turn a one-address load test into 429s.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon, { type RequestSpec } from 'autocannon';
import type { BenchModule, BenchRow } from './run.ts';

export const name = 'load';
export const title = '混合负载：固定速率下的错误率、p50/p99 与内存 / mixed load at a fixed rate';

const P99_LIMIT_MS = 200;
const RSS_GROWTH_LIMIT = 0.2;

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

function rssKb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

let ipCounter = 0;
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

interface Step {
  rate: number;
  requests: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  statusCodes: string;
}

export const run: BenchModule['run'] = async (ctx) => {
  const seconds = num(process.env.LOAD_SECONDS, 60);
  const stepSeconds = num(process.env.LOAD_STEP_SECONDS, 10);
  const rates = (process.env.LOAD_RATES ?? '20,40,80,160,320').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  // other work on a shared machine moves every figure: the load average is reported with them
  const loadAt = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
  const loadStart = loadAt();
  // MALLOC_ARENA_MAX=2 is the deployment setting README asks for (decision 117).
  const existing: Record<string, string> = process.env.LOAD_DATABASE_URL ? { DATABASE_URL: process.env.LOAD_DATABASE_URL, DEMO_SEED: 'false' } : {};
  const [officer, officerPassword] = (process.env.LOAD_OFFICER ?? 'officer:demo12345').split(/:(.*)/s) as [string, string];
  const agencyCode = process.env.LOAD_AGENCY ?? '12370602780795309E';
  const server = await ctx.startServer({ TRUST_PROXY: 'true', BACKUP_INTERVAL_HOURS: '0', LOG_LEVEL: 'error', MALLOC_ARENA_MAX: '2', ...existing });
  try {
    const base = server.baseUrl;
    // ── set-up: an officer's session, an application to look up, a published item ──
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() }, body: JSON.stringify({ username: officer, password: officerPassword }) });
    if (login.status !== 200) throw new Error(`officer sign-in failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const phone = '13800000000';
    const submit = await fetch(`${base}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
      body: JSON.stringify({ agency: agencyCode, applicant: { type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: '370602199001011247', phone, address: '山东省烟台市芝罘区' }, content: '请公开2025年行政许可办件数量', delivery: '电子邮件', email: 'a@example.com' }),
    });
    if (submit.status !== 201) throw new Error(`application submit failed: ${submit.status} ${await submit.text()}`);
    const queryCode = ((await submit.json()) as { queryCode: string }).queryCode;
    const proactive = await (await fetch(`${base}/proactive`)).text();
    const itemId = /href="\/items\/(\d+)"/.exec(proactive)?.[1];
    if (!itemId) throw new Error('no published item on /proactive');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    let writes = 0;

    const anon = (path: string): RequestSpec => ({ method: 'GET', path, setupRequest: (r) => ({ ...r, headers: { ...r.headers, 'x-forwarded-for': nextIp() } }) });
    const staffGet = (path: string): RequestSpec => ({ method: 'GET', path, headers: { cookie } });
    const mix: RequestSpec[] = [
      anon('/'),
      anon('/proactive'),
      anon(`/search?q=${encodeURIComponent('行政许可')}`),
      anon(`/items/${itemId}`),
      anon(`/api/applications/status?code=${encodeURIComponent(queryCode)}&phone=${phone}`),
      anon(`/search?q=${encodeURIComponent('预算')}`),
      anon('/guide'),
      staffGet('/api/applications?pageSize=20'),
      staffGet('/admin'),
      {
        method: 'POST',
        path: '/api/applications/offline',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        setupRequest: (r) => {
          writes += 1;
          return {
            ...r,
            body: JSON.stringify({
              applicant: { type: 'natural_person', name: '李四', idType: '居民身份证', idNumber: '370602199001011247', phone: '13900000000', address: '山东省烟台市芝罘区' },
              content: `请公开本局2024年度部门预算（负载测试第 ${writes} 件）`,
              provideForm: '纸质',
              obtainMethod: '自行领取',
              channel: 'in_person',
              submittedOn: yesterday,
            }),
          };
        },
      },
    ];

    async function step(rate: number, duration: number): Promise<Step> {
      const r = await autocannon({ url: base, requests: mix, overallRate: rate, connections: Math.min(32, Math.max(2, Math.ceil(rate / 10))), duration, timeout: 10 });
      const codes = Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => `${c}:${s.count}`).join(' ');
      const total = r.requests.total;
      return { rate, requests: total, ok: r['2xx'], errors: r.errors + r.timeouts + r.non2xx, p50: r.latency.p50, p99: r.latency.p99, statusCodes: codes };
    }
    const passes = (s: Step) => s.errors === 0 && s.p99 <= P99_LIMIT_MS;

    await step(Math.min(20, rates[0] ?? 20), 3); // warm-up (JIT, caches)
    const steps: Step[] = [];
    const runStep = async (rate: number) => {
      const s = await step(rate, stepSeconds);
      steps.push(s);
      console.log(`  step ${rate} req/s: ${s.requests} requests, errors ${s.errors}, p50 ${s.p50} ms, p99 ${s.p99} ms (${s.statusCodes})`);
      return s;
    };
    for (const rate of rates) if (!passes(await runStep(rate))) break;
    // Between the highest rate that passed and the first that failed, halve the gap LOAD_REFINE times (default 2), so
    // the rate reported is the highest this machine sustains to within a quarter of the step, not the step below it.
    const refine = process.env.LOAD_REFINE !== undefined && Number.isInteger(Number(process.env.LOAD_REFINE)) ? Number(process.env.LOAD_REFINE) : 2;
    for (let i = 0; i < refine; i++) {
      const ok = steps.filter(passes).map((s) => s.rate);
      const failed = steps.filter((s) => !passes(s)).map((s) => s.rate);
      if (!ok.length || !failed.length) break;
      const lo = Math.max(...ok);
      const hi = Math.min(...failed.filter((r) => r > lo));
      const mid = Math.round((lo + hi) / 2);
      if (!Number.isFinite(hi) || mid <= lo || mid >= hi) break;
      await runStep(mid);
    }
    // A rate that held for a short step may not hold for the whole run (every tenth request registers a case,
    // so the lists and the 工作台 grow as it runs): the long run steps down through the rates that passed until
    // one holds for LOAD_SECONDS, and every long run is reported.
    const candidates = steps.filter(passes).map((s) => s.rate).sort((a, b) => b - a);
    if (candidates.length === 0) candidates.push(rates[0]!);
    // Under load the resident size is a garbage-collection sawtooth (325–520 MB within seconds at 140 req/s), so
    // a sample taken mid-burst says nothing about growth. Both figures are taken at rest, LOAD_SETTLE_SECONDS
    // (default 20) after the traffic stops: the server runs one full collection once it has been idle for
    // IDLE_GC_SECONDS (10; decision 117) — without it a quiet process keeps whatever garbage the last burst left
    // (measured: 275 MB of heap used at rest with ~85 MB live), and "at rest" was a random point on the sawtooth.
    // The sample right after the run is reported beside them.
    const settleSeconds = num(process.env.LOAD_SETTLE_SECONDS, 20);
    const settle = () => new Promise((r) => setTimeout(r, settleSeconds * 1000));
    await settle();
    const rssBefore = rssKb(server.pid);
    // the highest RSS seen during the long runs (sampled every 100 ms): the figure the ≤ 250 MB goal is about
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { try { rssPeak = Math.max(rssPeak, rssKb(server.pid)); } catch { /* exited */ } }, 100);
    const longRuns: Step[] = [];
    let main = await step(candidates[0]!, seconds);
    longRuns.push(main);
    for (const rate of candidates.slice(1)) {
      if (passes(main)) break;
      console.log(`  ${seconds} s at ${main.rate} req/s: p99 ${main.p99} ms, ${main.errors} errors — not sustained; trying ${rate} req/s`);
      main = await step(rate, seconds);
      longRuns.push(main);
    }
    const sustained = main.rate;
    clearInterval(sampler);
    const rssLoaded = rssKb(server.pid);
    await settle();
    const rssAfter = rssKb(server.pid);
    const errorRate = main.requests ? main.errors / main.requests : 1;
    const growth = rssAfter / rssBefore - 1;

    const rows: BenchRow[] = [
      { label: 'goal (ratio ≥ 1 meets it)', value: 1, unit: '×', note: `0 errors, p99 ≤ ${P99_LIMIT_MS} ms, RSS growth ≤ ${RSS_GROWTH_LIMIT * 100} %` },
      { label: 'machine load average (1 / 5 / 15 min)', value: loadavg()[0]!, unit: '', note: `at start ${loadStart}; at end ${loadAt()} (2 cores shared: figures taken above ~1 are disturbed)` },
      { label: 'database', value: 0, unit: '', note: process.env.LOAD_DATABASE_URL ? `existing: ${process.env.LOAD_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}` : 'fresh SQLite file with the demo agency' },
      { label: `highest rate passing ${stepSeconds} s steps`, value: candidates[0]!, unit: 'req/s', note: steps.map((s) => `${s.rate}: p99 ${s.p99} ms, ${s.errors} err`).join('; ') },
      { label: `highest rate sustained for ${seconds} s`, value: sustained, unit: 'req/s', note: longRuns.map((s) => `${s.rate}: p99 ${s.p99} ms, p50 ${s.p50} ms, ${s.errors} err`).join('; ') },
      { label: `mixed load ${seconds} s at ${sustained} req/s`, value: main.requests, unit: 'requests', note: main.statusCodes },
      { label: 'errors (incl. non-2xx, timeouts)', value: main.errors, unit: 'requests', note: `error rate ${(errorRate * 100).toFixed(3)} %` },
      { label: 'latency p50', value: main.p50, unit: 'ms' },
      { label: 'latency p99', value: main.p99, unit: 'ms' },
      { label: `RSS before (${settleSeconds} s at rest)`, value: rssBefore / 1024, unit: 'MB' },
      { label: 'RSS peak during the run', value: rssPeak / 1024, unit: 'MB', note: 'highest of samples every 100 ms (goal at province scale: ≤ 250 MB, decision 195)' },
      { label: 'RSS right after the run', value: rssLoaded / 1024, unit: 'MB', note: 'a point on the GC sawtooth, not the goal' },
      { label: `RSS after (${settleSeconds} s at rest)`, value: rssAfter / 1024, unit: 'MB', note: `growth ${(growth * 100).toFixed(1)} %` },
      { label: 'success share (1 − error rate)', value: 1 - errorRate, unit: '×', baseline: 'goal (ratio ≥ 1 meets it)', limit: 1 },
      { label: `p99 headroom (${P99_LIMIT_MS} ms / p99)`, value: main.p99 > 0 ? P99_LIMIT_MS / main.p99 : P99_LIMIT_MS, unit: '×', baseline: 'goal (ratio ≥ 1 meets it)', limit: 1 },
      { label: `RSS headroom (1.2 / growth factor)`, value: (1 + RSS_GROWTH_LIMIT) / (rssAfter / rssBefore), unit: '×', baseline: 'goal (ratio ≥ 1 meets it)', limit: 1 },
    ];
    return rows;
  } finally {
    await server.stop();
  }
};

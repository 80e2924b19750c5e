// A supervisor's uploaded 督查体检 run audited in worker threads (AUDIT_WORKERS=2, reports/audit-pool.ts) stores and
// shows exactly what the one-by-one audit in the server process (AUDIT_WORKERS=1) does: the run's summary and
// cross-year pairs, every report with its reading notes, unread cells and model, every finding — through the API and
// through the upload page; on SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const file = (p: string) => readFileSync(new URL(p, dir));
const ZHIFU = file('zhifu-approval-2019/source.txt').toString('utf8');
const FILES = [
  { name: 'pt2019.html', data: file('pingtan-2019/source.html'), type: 'text/html' },
  { name: 'pt2021.html', data: file('pingtan-2021/source.html'), type: 'text/html' },
  { name: 'pt2023.txt', data: file('pingtan-2023/source.txt'), type: 'text/plain' },
  { name: 'zhifu-broken.txt', data: Buffer.from(ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t0\t3\t0\t0\t0\t0\t3\t')), type: 'text/plain' },
  { name: 'pt2021-truncated.html', data: Buffer.from(file('pingtan-2021/source.html').toString('utf8').slice(0, 150_000)), type: 'text/html' },
  { name: 'huaian-2024.pdf', data: file('huaian-2024/source.pdf'), type: 'application/pdf' },
  { name: 'broken.pdf', data: Buffer.from('%PDF-1.4 not really'), type: 'application/pdf' },
];

function multipart(files: typeof FILES, fields: Record<string, string>, csrfField?: string) {
  const boundary = '----gkauditworkers';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, ...(csrfField ? { _csrf: csrfField } : {}) })) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The run as the API shows it, without what differs between two runs of the same files (ids, times). */
async function stored(t: TestApp, id: number): Promise<unknown> {
  const get = async (url: string) => {
    const r = await t.api('GET', url, { as: 'supervisor' });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Record<string, unknown>;
  };
  const run = await get(`/api/supervision/runs/${id}`);
  const reports = (await get(`/api/supervision/runs/${id}/reports?pageSize=100`)).items as { id: number }[];
  const details = [];
  for (const r of reports) details.push(await get(`/api/supervision/reports/${r.id}`));
  const findings = await get(`/api/supervision/runs/${id}/findings?pageSize=200`);
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !/^(id|runId|reportId|createdAt|at|title|findingId)$/.test(k)).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return strip({ run, reports, details, findings });
}

describe.each(engines())('uploaded audit runs in worker threads (%s)', { timeout: 300_000 }, (engine) => {
  let inProcess: TestApp;
  let pooled: TestApp;
  beforeAll(async () => {
    inProcess = await createTestApp(engine, { env: { AUDIT_WORKERS: '1' } });
    pooled = await createTestApp(engine, { env: { AUDIT_WORKERS: '2' } });
  }, 300_000);
  afterAll(async () => { await inProcess?.close(); await pooled?.close(); });

  it('the API: the same stored run with two workers as in the server process', async () => {
    const ids: number[] = [];
    for (const t of [inProcess, pooled]) {
      const s = await t.login('supervisor');
      const m = multipart(FILES, { title: '2021年度督查' });
      const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: number }).id);
    }
    const a = await stored(inProcess, ids[0]!);
    const b = await stored(pooled, ids[1]!);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const run = (a as { run: { summary: Record<string, number> } }).run;
    expect(run.summary).toEqual({ reports: 7, clean: 3, withErrors: 1, unreadable: 3 });
  });

  it('the upload page: the same run with two workers', async () => {
    const ids: number[] = [];
    for (const t of [inProcess, pooled]) {
      const s = await t.login('supervisor');
      const m = multipart(FILES, { title: '页面上传' }, s.csrf);
      const res = await t.app.inject({ method: 'POST', url: '/admin/supervision/runs', headers: { cookie: s.cookie, 'content-type': m.contentType }, payload: m.payload });
      expect(res.statusCode, res.body).toBe(303);
      ids.push(Number(/\/runs\/(\d+)$/.exec(res.headers.location as string)![1]));
    }
    expect(JSON.stringify(await stored(pooled, ids[1]!))).toBe(JSON.stringify(await stored(inProcess, ids[0]!)));
  });
});

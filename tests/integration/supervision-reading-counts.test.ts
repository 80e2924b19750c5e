// Reading problems are not accusations (decision 090): a report the reader could only partly read has its reading
// problem counted apart, never as an error of the report — and every door counts the same way (findingCounts): the
// run's report list and per-agency table (API and page), the report page, the workbook's summary sheet and the 通报.
// On a damaged copy of the 芝罘区 2019 fixture (two cells of （七）总计 run together: one reading problem of level
// error, the row unread) beside the 平潭 2021 fixture and a copy of it made a 2022 report.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { findingCounts } from '../../src/features/reports/audit.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const ZHIFU = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
const PT21 = readFileSync(new URL('pingtan-2021/source.html', dir), 'utf8');
const MERGED = ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');

interface ReportRow { id: number; file: string; agency: string; status: string; errors: number; warnings: number }
interface Finding { reportId: number | null; rule: string; severity: string; source: string }

describe('findingCounts: the rules\' findings are errors and warnings; reading problems are counted apart', () => {
  it.each([
    [[], { errors: 0, warnings: 0, reading: 0 }],
    [[{ severity: 'error', source: 'import' }], { errors: 0, warnings: 0, reading: 1 }],
    [[{ severity: 'warning', source: 'import' }, { severity: 'error', source: 'rules' }], { errors: 1, warnings: 0, reading: 1 }],
    [[{ severity: 'error', source: 'rules' }, { severity: 'error', source: 'rules' }, { severity: 'warning', source: 'rules' }], { errors: 2, warnings: 1, reading: 0 }],
  ] as const)('%j → %j', (findings, want) => {
    expect(findingCounts(findings)).toEqual(want);
  });
});

describe.each(engines())('supervision: the run page, the per-agency table, the workbook and the 通报 count alike (%s)', (engine) => {
  let t: TestApp;
  let runId = 0;
  let rows: ReportRow[] = [];
  let all: Finding[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    const s = await t.login('supervisor');
    const broken = PT21.replaceAll('2021', '2022');
    const m = multipart([
      { name: 'files', filename: 'zhifu-merged.txt', data: Buffer.from(MERGED), type: 'text/plain' },
      { name: 'files', filename: 'pt2021.html', data: Buffer.from(PT21), type: 'text/html' },
      { name: 'files', filename: 'pt2022.html', data: Buffer.from(broken), type: 'text/html' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    runId = (res.json() as { id: number }).id;
    rows = ((await t.api('GET', `/api/supervision/runs/${runId}/reports`, { as: 'supervisor' })).json() as { items: ReportRow[] }).items;
    all = ((await t.api('GET', `/api/supervision/runs/${runId}/findings?pageSize=200`, { as: 'supervisor' })).json() as { items: Finding[] }).items;
  });
  afterAll(async () => t?.close());

  const zhifu = () => rows.find((r) => r.file === 'zhifu-merged.txt')!;

  it('the unreadable report: one reading problem of level error, no rule error — listed with 错误 0', () => {
    const own = all.filter((f) => f.reportId === zhifu().id);
    expect(own.filter((f) => f.source === 'import').map((f) => [f.rule, f.severity])).toEqual([['READ', 'error']]);
    expect(own.filter((f) => f.source === 'rules' && f.severity === 'error')).toEqual([]);
    const warnings = own.filter((f) => f.source === 'rules' && f.severity === 'warning').length;
    expect(zhifu()).toMatchObject({ status: 'unreadable', errors: 0, warnings });
    // every report: the listed counts are the rules' findings
    for (const r of rows) {
      const mine = all.filter((f) => f.reportId === r.id && f.source === 'rules');
      expect([r.file, r.errors, r.warnings]).toEqual([r.file, mine.filter((f) => f.severity === 'error').length, mine.filter((f) => f.severity === 'warning').length]);
    }
  });

  it('the per-agency table sums the same counts', async () => {
    const agencies = ((await t.api('GET', `/api/supervision/runs/${runId}/agencies`, { as: 'supervisor' })).json() as { items: { agency: string; errors: number; warnings: number; unreadable: number }[] }).items;
    expect(agencies.find((a) => a.agency === zhifu().agency)).toMatchObject({ errors: 0, warnings: zhifu().warnings, unreadable: 1 });
  });

  it('the report page: 错误 0, the unread cells said, the reading problem tagged 读取问题 and not 错误', async () => {
    const page = await t.api('GET', `/admin/supervision/reports/${zhifu().id}`, { as: 'supervisor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`错误 0，警告 ${zhifu().warnings}，7 个单元格未读出`);
    const item = /<li id="finding-\d+" class="gk-finding gk-finding--error">([\s\S]*?)<\/p>/.exec(page.body)![1]!;
    expect(item).toContain('读取问题');
    expect(item).not.toContain('>错误<');
  });

  it('the workbook\'s summary sheet and the 通报\'s table give each report the counts of the run page', async () => {
    const { excelJs } = await import('../../src/features/shared/libraries.ts');
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load((await t.api('GET', `/api/supervision/runs/${runId}/export.xlsx`, { as: 'supervisor' })).rawPayload as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '机关', '年度', '文件', '结论', '错误', '警告', '读取问题', '未核对']);
    const byFile = new Map<string, unknown[]>();
    sheet.eachRow((row) => { const v = row.values as unknown[]; byFile.set(String(v[3]), v.slice(4, 8)); });
    for (const r of rows) {
      const reading = all.filter((f) => f.reportId === r.id && f.source === 'import').length;
      expect([r.file, ...byFile.get(r.file)!]).toEqual([r.file, { clean: '通过', findings: '有错误', unreadable: '未能完整读取' }[r.status], r.errors, r.warnings, reading]);
    }

    const { pdfTextPages } = await import('../../src/features/shared/pdf-read.ts');
    const pdf = await t.api('GET', `/api/supervision/runs/${runId}/notice.pdf`, { as: 'supervisor' });
    expect(pdf.statusCode).toBe(200);
    const lines = (await pdfTextPages(new Uint8Array(pdf.rawPayload))).flatMap((p) => p.map((i) => i.str));
    // the 二、总体情况 table: agency, year, conclusion, 错误, 警告 as consecutive text items
    const at = lines.findIndex((x, i) => x === zhifu().agency && lines[i + 1] === '2019' && lines[i + 2] === '未能完整读取');
    expect(at, lines.slice(0, 80).join('|')).toBeGreaterThan(-1);
    expect(lines.slice(at + 3, at + 5)).toEqual([String(zhifu().errors), String(zhifu().warnings)]);
  });
});

// gongkai report import | check | render | diff — the annual-report engine on the command line.
// Files: .json (a ReportModel or the fixture shape, detected) or anything the importer reads (txt, html, pdf, docx).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { RenderTarget } from '../../features/reports/render/index.ts';
import type { CheckResult, ReportFile } from '../../features/reports/reports.service.ts';

// The service (importer: pdfjs, mammoth; renderers: pdfmake, docx, exceljs) is loaded only when a report
// command runs, so other commands do not pay for it at start-up.
const service = () => import('../../features/reports/reports.service.ts');
const RENDER_TARGETS: readonly RenderTarget[] = ['html', 'docx', 'pdf', 'xlsx', 'json', 'md'];

const REPORT_EXT = /\.(json|txt|md|html?|pdf|docx)$/i;
const CONTENT_TYPE: Record<string, string> = { '.json': 'application/json', '.txt': 'text/plain', '.md': 'text/markdown', '.html': 'text/html', '.htm': 'text/html', '.pdf': 'application/pdf', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

function loadFile(p: string): ReportFile {
  const bytes = new Uint8Array(readFileSync(p));
  const ct = CONTENT_TYPE[path.extname(p).toLowerCase()];
  return { bytes, filename: p, ...(ct ? { contentType: ct } : {}) };
}

/** Files to check: each argument is a file, or a directory walked recursively for report files (sorted). */
export function expandPaths(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || /^readme\.md$/i.test(name)) continue;
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (REPORT_EXT.test(name)) files.push(p);
    }
  };
  for (const a of args) {
    let st;
    try { st = statSync(a); } catch { missing.push(a); continue; }
    if (st.isDirectory()) walk(a);
    else files.push(a);
  }
  return { files, missing };
}

async function readOrExit(p: string) {
  const { readReportFile, ReportReadError } = await service();
  try {
    return await readReportFile(loadFile(p));
  } catch (e) {
    if (e instanceof ReportReadError) {
      console.error(e.message);
      process.exit(2);
    }
    const err = e as NodeJS.ErrnoException;
    console.error(err.code === 'ENOENT' ? `文件不存在 / file not found: ${p}` : `无法读取 ${p}：${err.message}`);
    process.exit(2);
  }
}

/** Display width of a string in a terminal (CJK = 2 columns). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export function summaryTable(results: readonly CheckResult[]): string {
  const head = ['文件 / file', '错误 / errors', '警告 / warnings', '读取备注 / parse notes', '结论 / result'];
  const rows = results.map((r) => {
    const e = r.findings.filter((f) => f.severity === 'error').length;
    const w = r.findings.length - e;
    const unsure = r.notes.filter((n) => n.level !== 'info').length;
    const verdict = r.model === null ? '无法读取 / unreadable' : e > 0 ? '有错误 / errors' : w > 0 ? '有警告 / warnings' : '通过 / ok';
    return [r.file, r.model === null ? '—' : String(e), r.model === null ? '—' : String(w), String(unsure), verdict];
  });
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function register(program: Command): void {
  const report = program.command('report').description('政府信息公开工作年度报告：导入、体检、生成、对比 / annual reports: import, check, render, diff');

  report
    .command('import <file>')
    .description('读取报告文件并输出报告模型（JSON） / read a report file and print the model')
    .option('--format <format>', '输出形式：json（报告模型）或 fixture（标签键交换格式） / json | fixture', 'json')
    .action(async (file: string, opts: { format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'fixture') {
        console.error(`--format 只能是 json 或 fixture / --format must be json or fixture (got ${opts.format})`);
        process.exit(2);
      }
      const { model, notes } = await readOrExit(file);
      const { asFixture } = await service();
      for (const n of notes) console.error(`[${n.level}] ${n.cell ? `${n.cell}: ` : ''}${n.message}`);
      process.stdout.write(`${JSON.stringify(opts.format === 'fixture' ? asFixture(model) : model, null, 2)}\n`);
    });

  report
    .command('check <paths...>')
    .description('按规则目录检查报告（文件或目录，可多个）；有错误时退出码为 1 / check reports; exit code 1 when any error is found')
    .option('--json', '以 JSON 输出 [{file, findings}] / print JSON')
    .option('--deadline <MM-DD>', '发布期限（次年月-日），默认部门 01-31、本级政府 03-31 / publication deadline')
    .action(async (paths: string[], opts: { json?: boolean; deadline?: string }) => {
      if (opts.deadline !== undefined && !/^\d{2}-\d{2}$/.test(opts.deadline)) {
        console.error(`--deadline 应为“月-日”，如 01-31 / --deadline must be MM-DD (got ${opts.deadline})`);
        process.exit(2);
      }
      const { files, missing } = expandPaths(paths);
      for (const m of missing) console.error(`文件或目录不存在 / not found: ${m}`);
      if (files.length === 0) {
        console.error('没有找到报告文件 / no report files found');
        process.exit(2);
      }
      const bar = new SingleBar({
        format: '体检 / checking [{bar}] {value}/{total} {file}',
        stream: process.stderr,
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 2000,
        hideCursor: true,
        clearOnComplete: false,
      });
      const { checkFiles, hasErrors } = await service();
      bar.start(files.length, 0, { file: '' });
      const results = await checkFiles(files.map((f) => {
        try { return loadFile(f); } catch { return { bytes: new Uint8Array(), filename: f }; }
      }), opts.deadline ? { publishDeadline: opts.deadline } : {}, (done, r) => bar.update(done, { file: path.basename(r.file) }));
      bar.stop();
      if (opts.json) {
        const out = results.map((r) => ({ file: r.file, findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells })), ...(r.model === null ? { error: r.notes[0]?.message ?? '无法读取' } : {}) }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const r of results) {
          if (r.model === null) { console.log(`\n✗ ${r.file}\n  ${r.notes[0]?.message ?? '无法读取 / unreadable'}`); continue; }
          if (r.findings.length === 0) continue;
          console.log(`\n${r.findings.some((f) => f.severity === 'error') ? '✗' : '!'} ${r.file}`);
          for (const f of r.findings) console.log(`  ${f.severity === 'error' ? '错误' : '警告'} [${f.rule}] ${f.message}`);
        }
        console.log(`\n${summaryTable(results)}`);
        const errors = results.reduce((s, r) => s + r.findings.filter((f) => f.severity === 'error').length, 0);
        const warnings = results.reduce((s, r) => s + r.findings.filter((f) => f.severity === 'warning').length, 0);
        const unreadable = results.filter((r) => r.model === null).length;
        console.log(`\n共 ${results.length} 份报告：错误 ${errors} 处，警告 ${warnings} 处${unreadable ? `，无法读取 ${unreadable} 份` : ''} / ${results.length} reports: ${errors} errors, ${warnings} warnings${unreadable ? `, ${unreadable} unreadable` : ''}`);
      }
      process.exitCode = hasErrors(results) || missing.length ? 1 : 0;
    });

  report
    .command('audit <paths...>')
    .description('督查：批量体检报告（文件或目录），区分读取问题与勾稽错误，同一机关相邻年度互相核对；一个文件读不了不影响其他文件 / supervision audit of many reports')
    .option('--json', '以 JSON 输出 {reports, crossYear, summary} / print JSON')
    .option('--xlsx <file>', '另存为 Excel：按机关、按规则汇总，每份报告一张表 / also write an XLSX workbook')
    .option('--pdf <file>', '另存为通报（PDF）：检查范围、总体情况、各机关的问题、未能完整读取的报告 / also write the 通报 as a PDF')
    .option('--issuer <name>', '通报的发文机关 / the issuing body printed on the 通报')
    .option('--workers <n>', '同时体检的线程数（默认按本机核数，最多 8；1 表示在本进程内逐个体检） / worker threads (default: the cores, at most 8; 1 = in this process)')
    .action(async (paths: string[], opts: { json?: boolean; xlsx?: string; pdf?: string; issuer?: string; workers?: string }) => {
      const { createAuditPool, parseAuditWorkers, AuditWorkersError } = await import('../../features/reports/audit-pool.ts');
      let workers: number;
      try {
        workers = parseAuditWorkers(opts.workers);
      } catch (e) {
        if (!(e instanceof AuditWorkersError)) throw e;
        console.error(e.message);
        process.exit(2);
      }
      const { files, missing } = expandPaths(paths);
      for (const m of missing) console.error(`文件或目录不存在 / not found: ${m}`);
      if (files.length === 0) {
        console.error('没有找到报告文件 / no report files found');
        process.exit(2);
      }
      const bar = new SingleBar({
        format: '督查 / auditing [{bar}] {value}/{total} {file}',
        stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 2000, hideCursor: true, clearOnComplete: false,
      });
      bar.start(files.length, 0, { file: '' });
      // files are read one by one as a worker becomes free (never all 10,000 at once)
      const load = function* () {
        for (const f of files) {
          try { yield loadFile(f); } catch { yield { bytes: new Uint8Array(), filename: f }; }
        }
      };
      const pool = createAuditPool({ size: workers });
      const { result } = await pool.auditFiles(load(), {}, (done, r) => bar.update(done, { file: path.basename(r.file) })).finally(() => pool.close());
      bar.stop();
      if (opts.xlsx) {
        const { auditWorkbook } = await import('../../features/reports/audit-xlsx.ts');
        writeFileSync(opts.xlsx, await auditWorkbook(result));
        console.error(`已生成 / written: ${opts.xlsx}`);
      }
      if (opts.pdf) {
        const { auditNoticePdf } = await import('../../features/reports/audit-notice.ts');
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        writeFileSync(opts.pdf, await auditNoticePdf(result, { date: today, ...(opts.issuer ? { issuer: opts.issuer } : {}) }));
        console.error(`已生成 / written: ${opts.pdf}`);
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const zh = { clean: '通过', findings: '有错误', unreadable: '未能完整读取' } as const;
        for (const r of result.reports) {
          console.log(`\n${r.status === 'clean' ? '✓' : r.status === 'findings' ? '✗' : '?'} ${r.file}  ${r.agency ?? '（未识别机关）'} ${r.year ?? '（未识别年度）'}  ${zh[r.status]}`);
          for (const f of r.findings) console.log(`  ${f.source === 'import' ? '读取' : '规则'} ${f.severity === 'error' ? '错误' : '警告'} [${f.rule}] ${f.message}`);
          if (r.notChecked.length) console.log(`  未核对 ${r.notChecked.length} 处（所需单元格未能读取）：${r.notChecked.slice(0, 3).map((c) => c.message).join('；')}${r.notChecked.length > 3 ? ' …' : ''}`);
        }
        for (const c of result.crossYear) {
          console.log(`\n跨年 ${c.agency} ${c.from}→${c.to}：${c.findings.length === 0 ? '通过' : `${c.findings.length} 处`}${c.notChecked.length ? `，未核对 ${c.notChecked.length} 处` : ''}`);
          for (const f of c.findings) console.log(`  [${f.rule}] ${f.message}`);
        }
        const s = result.summary;
        console.log(`\n共 ${s.reports} 份报告：通过 ${s.clean} 份，有错误 ${s.withErrors} 份，未能完整读取 ${s.unreadable} 份 / ${s.reports} reports: ${s.clean} clean, ${s.withErrors} with errors, ${s.unreadable} unreadable`);
      }
      process.exitCode = result.summary.withErrors > 0 || missing.length ? 1 : 0;
    });

  report
    .command('render <file>')
    .description('生成报告：html、docx、pdf、xlsx、json 或 md / render a report')
    .requiredOption('--to <format>', `输出格式 / target: ${RENDER_TARGETS.join(' | ')}`)
    .option('-o, --out <file>', '输出文件（默认：输入文件名换扩展名；"-" 为标准输出） / output file ("-" = stdout)')
    .option('--findings', '在报告末尾列出体检结果（HTML 中标出单元格） / append the rule findings')
    .action(async (file: string, opts: { to: string; out?: string; findings?: boolean }) => {
      if (!(RENDER_TARGETS as readonly string[]).includes(opts.to)) {
        console.error(`--to 只能是 ${RENDER_TARGETS.join('、')} / --to must be one of ${RENDER_TARGETS.join(', ')} (got ${opts.to})`);
        process.exit(2);
      }
      const { model } = await readOrExit(file);
      const { render } = await service();
      const r = await render(model, opts.to as RenderTarget, { withFindings: !!opts.findings });
      const out = opts.out ?? `${file.replace(/\.[^./\\]+$/, '')}.${r.extension}`;
      if (out === '-') {
        process.stdout.write(typeof r.body === 'string' ? r.body : Buffer.from(r.body));
        return;
      }
      if (path.resolve(out) === path.resolve(file)) {
        console.error(`输出文件与输入文件相同，请用 -o 指定 / output would overwrite the input: ${out}`);
        process.exit(2);
      }
      writeFileSync(out, typeof r.body === 'string' ? r.body : Buffer.from(r.body));
      console.error(`已生成 / written: ${out}`);
    });

  report
    .command('diff <a> <b>')
    .description('两个年度的报告逐项对比，并做跨年勾稽检查（X1 等） / compare two years cell by cell, with X1')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const [ra, rb] = [await readOrExit(a), await readOrExit(b)];
      const { diff } = await service();
      const d = diff(ra.model, rb.model);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      } else {
        console.log(`${d.earlier.agency || '（未填机关）'} ${d.earlier.year} 年度 → ${d.later.agency || '（未填机关）'} ${d.later.year} 年度`);
        for (const r of d.remarks) console.log(`注：${r}`);
        console.log(`\n变化的单元格 / changed cells: ${d.changes.length}`);
        const fmt = (v: number | null) => (v === null ? '（空白）' : String(v));
        for (const c of d.changes) console.log(`  ${c.cell}: ${fmt(c.before)} → ${fmt(c.after)}${c.delta !== null ? `（${c.delta > 0 ? '+' : ''}${c.delta}）` : ''}`);
        console.log(`\n跨年检查 / cross-year checks: ${d.findings.length === 0 ? '通过 / ok' : `${d.findings.length} 处`}`);
        for (const f of d.findings) console.log(`  ${f.severity === 'error' ? '错误' : '警告'} [${f.rule}] ${f.message}`);
      }
      process.exitCode = d.findings.some((f) => f.severity === 'error') ? 1 : 0;
    });
}

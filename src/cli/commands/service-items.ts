// gongkai service-items import FILE [--dry-run] [--json] --as USER: the catalogue XLSX (the columns of the export) read
// back, idempotent by 实施编码; gongkai decisions import FILE [--dry-run] [--json] --as USER: 办件 (CSV / XLSX) into the
// decisions register of the user's agency, idempotent by 办件编号. Both act as a staff member (officer or leader of
// the unit: the same checks as the pages), print {"rows","accepted","duplicates","rejected":[{"row","problems":[…]}]}
// with --json (accepted: rows that are new or changed; duplicates: rows already there unchanged), else a summary and
// every rejected row; a progress bar on stderr. Exit 0 when the file was read (rejected rows are in the answer), 2 when
// not (unreadable file, unknown user, refused).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Actor } from '../../features/shared/actor.ts';

interface ImportSummary { rows: number; accepted: number; duplicates: number; rejected: { row: number; problems: string[] }[] }

function readOrExit(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    console.error(`无法读取文件 / cannot read ${file}: ${(e as Error).message}`);
    process.exit(2);
  }
}

function grouped(problems: readonly { row: number; message: string }[]): { row: number; problems: string[] }[] {
  const by = new Map<number, string[]>();
  for (const p of problems) by.set(p.row, [...(by.get(p.row) ?? []), p.message]);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([row, problems]) => ({ row, problems }));
}

function print(s: ImportSummary & Record<string, unknown>, json: boolean, dryRun: boolean): void {
  if (json) { console.log(JSON.stringify(s)); return; }
  console.log(`${dryRun || s.rejected.length ? '检查（未写入）' : '导入'}：${s.rows} 行，可导入 ${s.accepted} 行，已存在且相同 ${s.duplicates} 行，有问题 ${s.rejected.length} 行 / rows ${s.rows}, accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected.length}`);
  for (const x of s.rejected) console.log(`  第 ${x.row} 行 / row ${x.row}: ${x.problems.join('；')}`);
}

/** Opens the services, resolves --as, runs `work` with a progress bar on stderr, closes. */
async function withActor(username: string, label: string, work: (ctx: Awaited<ReturnType<typeof import('../context.ts').openContext>>, actor: Actor, progress: (done: number, total: number) => void) => Promise<void>): Promise<void> {
  const { openContext } = await import('../context.ts');
  const { SingleBar } = await import('cli-progress');
  const ctx = await openContext();
  const bar = new SingleBar({ format: `${label} {bar} {value}/{total} | {eta_formatted}`, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000, stream: process.stderr });
  let started = false;
  try {
    const actor = await ctx.services.auth.actorForUsername(username);
    if (!actor) { console.error(`没有这个在用的用户 / no active user: ${username}`); process.exitCode = 2; return; }
    await work(ctx, actor, (done, total) => { if (!started) { bar.start(total, 0); started = true; } bar.setTotal(total); bar.update(done); });
  } catch (e) {
    const { isAppError } = await import('../../features/shared/errors.ts');
    if (!isAppError(e)) throw e;
    if (started) bar.stop();
    console.error(`${e.title}${e.detail ? `：${e.detail}` : ''}${e.fieldErrors.length ? `\n  ${e.fieldErrors.map((f) => f.message).join('\n  ')}` : ''}`);
    process.exitCode = 2;
  } finally {
    if (started) bar.stop();
    await ctx.close();
  }
}

export function register(program: Command): void {
  program.command('service-items').description('政务服务事项 / service-item catalogue')
    .command('import')
    .description('导入事项目录 XLSX（与导出格式相同，按实施编码幂等） / import the catalogue XLSX (the export\'s columns), idempotent by 实施编码')
    .argument('<file>', 'XLSX 文件 / XLSX file')
    .requiredOption('--as <username>', '以该用户身份导入（本单位的经办人或负责人） / act as this user (officer or leader)')
    .option('--dry-run', '只检查，不写入 / check every row, write nothing')
    .option('--json', '输出 JSON / print JSON')
    .addHelpText('after', '\n列 / columns: 实施单位, 层级, 状态, 状态生效日期, then every element label of GET /api/service-items/elements (any order; a missing column keeps its values).\n')
    .action(async (file: string, opts: { as: string; dryRun?: boolean; json?: boolean }) => {
      const buf = readOrExit(file);
      await withActor(opts.as, '导入事项', async (ctx, actor, progress) => {
        const { readCatalogueSheet } = await import('../../features/service-items/service-items.table.ts');
        const sheet = await readCatalogueSheet(file, buf);
        progress(0, sheet.rows.length);
        const r = await ctx.services.serviceItems.importCatalogue(actor, basename(file), sheet, { dryRun: Boolean(opts.dryRun), onProgress: progress });
        progress(r.created + r.updated, Math.max(r.created + r.updated, 1));
        const rejected = grouped(r.problems.map((p) => ({ row: p.row, message: `${p.column}：${p.message}` })));
        print({ rows: r.rows, accepted: r.created + r.updated, duplicates: r.unchanged, rejected, created: r.created, updated: r.updated, dryRun: r.dryRun }, Boolean(opts.json), Boolean(opts.dryRun));
      });
    });

  program.command('decisions').description('处理决定（行政许可、处罚等）登记 / decisions register')
    .command('import')
    .description('导入办件（CSV / XLSX，按办件编号幂等），计入年度报告表二的处理决定数量 / import 办件, idempotent by 办件编号')
    .argument('<file>', 'CSV 或 XLSX 文件 / CSV or XLSX file')
    .requiredOption('--as <username>', '以该用户身份导入，办件计入其单位 / act as this user; the 办件 go to their agency')
    .option('--dry-run', '只检查，不写入 / check every row, write nothing')
    .option('--json', '输出 JSON / print JSON')
    .addHelpText('after', '\n列（第一行为列名） / columns (header row): 办件编号, 办结日期, 实施编码, 决定类型 (optional), 办理结果\n')
    .action(async (file: string, opts: { as: string; dryRun?: boolean; json?: boolean }) => {
      const buf = readOrExit(file);
      await withActor(opts.as, '导入办件', async (ctx, actor, progress) => {
        const { readCaseTable } = await import('../../features/service-items/service-items.table.ts');
        const table = await readCaseTable(file, buf);
        progress(0, table.length);
        const r = await ctx.services.serviceItems.importCases(actor, actor.agencyId, table, { dryRun: Boolean(opts.dryRun), onProgress: progress });
        progress(r.inserted + r.updated, Math.max(r.inserted + r.updated, 1));
        const rejected = grouped(r.problems.map((p) => ({ row: p.line, message: p.message.replace(/^第\d+行：/, '') })));
        print({ rows: r.total, accepted: r.inserted + r.updated, duplicates: r.unchanged, rejected, dryRun: r.dryRun }, Boolean(opts.json), Boolean(opts.dryRun));
      });
    });
}

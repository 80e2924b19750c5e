// gongkai evaluations import FILE [--dry-run] [--json]: ratings exported by 评价器 devices or the provincial 好差评
// platform (CSV or XLSX; columns below), each row checked, idempotent by source id, 差评 open their work orders.
// Prints {"rows","accepted","duplicates","rejected":[{"row","problems":[…]}]} with --json, else a summary and
// every rejected row; a progress bar on stderr. Exit 0 when the file was read (rejected rows are in the answer), 2 when not.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { IMPORT_COLUMNS } from '../../features/evaluations/evaluations.columns.ts';

export function register(program: Command): void {
  const evaluations = program.command('evaluations').description('政务服务好差评 / service ratings');
  evaluations
    .command('import')
    .description('导入评价器或省级平台导出的评价（CSV / XLSX） / import ratings exported by devices or the provincial platform')
    .argument('<file>', 'CSV 或 XLSX 文件 / CSV or XLSX file')
    .option('--dry-run', '只检查，不写入 / check every row, write nothing')
    .option('--json', '输出 JSON / print JSON')
    .addHelpText('after', () => {
      return `\n列（第一行为列名，中文或英文） / columns (header row, Chinese or English):\n${IMPORT_COLUMNS.map((c) => `  ${c.headers.join(' | ')}${c.required ? '（必填 / required）' : ''}\n      ${c.note}`).join('\n')}\n`;
    })
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      let buf: Buffer;
      try {
        buf = readFileSync(file);
      } catch (e) {
        console.error(`无法读取文件 / cannot read ${file}: ${(e as Error).message}`);
        process.exit(2);
      }
      const { readGrid } = await import('../../features/evaluations/evaluations.import.ts');
      let grid: string[][];
      try {
        grid = await readGrid(file, buf);
      } catch (e) {
        console.error(`无法解析文件 / cannot parse ${file}: ${(e as Error).message}`);
        process.exit(2);
      }
      const { openContext } = await import('../context.ts');
      const { SingleBar } = await import('cli-progress');
      const ctx = await openContext();
      const bar = new SingleBar({ format: '导入评价 {bar} {value}/{total} 行 | {eta_formatted}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000, stream: process.stderr });
      try {
        bar.start(Math.max(0, grid.length - 1), 0);
        const r = await ctx.services.evaluations.importRatings(grid, { dryRun: Boolean(opts.dryRun), onProgress: (done) => bar.update(done) });
        bar.stop();
        if (opts.json) console.log(JSON.stringify(r));
        else {
          console.log(`${opts.dryRun ? '检查（未写入）' : '导入'}：${r.rows} 行，可导入 ${r.accepted} 行，重复 ${r.duplicates} 行，有问题 ${r.rejected.length} 行 / rows ${r.rows}, accepted ${r.accepted}, duplicates ${r.duplicates}, rejected ${r.rejected.length}`);
          for (const x of r.rejected) console.log(`  第 ${x.row} 行 / row ${x.row}: ${x.problems.join('；')}`);
        }
      } finally {
        bar.stop();
        await ctx.close();
      }
    });
}

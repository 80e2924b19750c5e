// gongkai deadline --json <file> [--today YYYY-MM-DD]
// The file holds one ledger {"received":"YYYY-MM-DD","events":[…]} ("events" may be left out when there are
// none yet) or an array of them; prints the computed deadline(s) as JSON. An impossible ledger exits 1 with the reason (and its event).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { computeDeadline, LedgerError } from '../../core/deadlines/index.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import { loadCalendar } from './calendar.ts';

export function runDeadline(text: string, calendar: Calendar, today?: string): { ok: true; output: unknown } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `文件不是有效的 JSON / not valid JSON: ${(e as Error).message}` };
  }
  const many = Array.isArray(json);
  const ledgers = many ? (json as unknown[]) : [json];
  const out: unknown[] = [];
  for (let k = 0; k < ledgers.length; k++) {
    try {
      out.push(computeDeadline(ledgers[k], calendar, null, today));
    } catch (e) {
      if (e instanceof LedgerError) {
        return { ok: false, message: `${many ? `第 ${k + 1} 个申请：` : ''}${e.message}` };
      }
      throw e;
    }
  }
  return { ok: true, output: many ? out : out[0] };
}

export function register(program: Command): void {
  program
    .command('deadline')
    .description('计算答复期限（条例第三十条至第三十五条） / compute statutory reply deadlines from a ledger file')
    .requiredOption('--json <file>', '账本 JSON 文件：一个 {"received","events"}（没有事件时可省略 events）或其数组 / ledger JSON file (object or array; "events" optional)')
    .option('--today <date>', '按此日期判断是否超期（YYYY-MM-DD） / evaluate the status at this date')
    .action(async (opts: { json: string; today?: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.json, 'utf8');
      } catch (e) {
        console.error(`无法读取文件 / cannot read ${opts.json}: ${(e as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const r = runDeadline(text, await loadCalendar(), opts.today);
      if (!r.ok) {
        console.error(`无法计算期限 / impossible ledger: ${r.message}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(r.output, null, 2));
    });
}

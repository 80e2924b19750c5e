// gongkai calendar import <file.json> | calendar workdays <from> <to> --json | calendar show <year>
// They read and change the calendar in force — the database's (shipped notices ← imported years ←
// single-day edits); data access is behind loadCalendar().
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { dates, type Calendar } from '../../core/calendar/index.ts';
import { isAppError } from '../../features/shared/errors.ts';
import { openContext } from '../context.ts';

/** The calendar the commands answer from: the database's calendar in force. */
export async function loadCalendar(): Promise<Calendar> {
  const ctx = await openContext();
  try {
    return await ctx.services.calendar.current();
  } finally {
    await ctx.close();
  }
}

export function workdaysJson(calendar: Calendar, from: string, to: string): { date: string; workday: boolean }[] {
  if (!dates.isIsoDate(from) || !dates.isIsoDate(to)) throw new RangeError('日期应为 YYYY-MM-DD / dates must be YYYY-MM-DD');
  if (to < from) throw new RangeError(`结束日期 ${to} 早于开始日期 ${from} / <to> is before <from>`);
  if (dates.daysBetween(from, to) > 366 * 20) throw new RangeError('范围过大（最多20年） / range too large (at most 20 years)');
  const out: { date: string; workday: boolean }[] = [];
  for (let d = from; d <= to; d = dates.addDays(d, 1)) out.push({ date: d, workday: calendar.isWorkday(d) });
  return out;
}

/** Text of `calendar show <year>`: each holiday with its days off, 调休 days and notice. */
export function showYear(calendar: Calendar, year: number): string {
  const lines: string[] = [];
  const y = calendar.yearData(year);
  const announced = calendar.years().includes(year);
  lines.push(`${year}年 节假日安排 / holidays${announced ? '' : '（暂定：放假安排尚未公布，按《全国年节及纪念日放假办法》固定日期估算 / provisional）'}`);
  if (y?.notices.length) lines.push(`依据 / notices: ${y.notices.join('；')}`);
  const days = calendar.specialDays(`${year - 1}-12-25`, `${year}-12-31`).filter((d) => d.date >= `${year}-01-01` || d.notice !== undefined);
  const groups = new Map<string, { off: string[]; work: string[]; notices: Set<string>; edits: string[] }>();
  for (const d of days) {
    if (d.date < `${year}-01-01` && !(y && d.notice && y.notices.includes(d.notice))) continue;
    const name = d.name ?? '其他';
    const g = groups.get(name) ?? { off: [], work: [], notices: new Set<string>(), edits: [] };
    (d.workday ? g.work : g.off).push(`${d.date}（${dates.weekdayNameZh(d.date)}）`);
    if (d.notice) g.notices.add(d.notice);
    if (d.edit) g.edits.push(`${d.date}：${d.edit.reason}`);
    groups.set(name, g);
  }
  for (const [name, g] of groups) {
    lines.push('', `${name}`);
    if (g.off.length) lines.push(`  放假 / off: ${g.off.join('、')}`);
    if (g.work.length) lines.push(`  调休上班 / working: ${g.work.join('、')}`);
    if (g.notices.size) lines.push(`  依据 / notice: ${[...g.notices].join('；')}`);
    if (g.edits.length) lines.push(`  管理员修改 / edited: ${g.edits.join('；')}`);
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  const cal = program.command('calendar').description('工作日日历 / the working-day calendar');
  cal
    .command('import <file>')
    .description('导入一年的放假通知（holiday-cn 格式 JSON），未结期限随即重算 / import a year (holiday-cn JSON); open deadlines are recomputed')
    .option('--year <year>', '要导入的年份（与文件中的 year 核对） / the year you mean to import (checked against the file)')
    .action(async (file: string, opts: { year?: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        console.error(`无法读取 JSON 文件 / cannot read the JSON file ${file}: ${(e as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const ctx = await openContext();
      try {
        const res = await ctx.services.calendar.importYear(
          { userId: null, displayName: `命令行 (${process.env.USER ?? 'cli'})` },
          { json, ...(opts.year ? { year: Number(opts.year) } : {}) },
        );
        for (const m of res.moved) console.log(`${m.entity} #${m.entityId} (${m.kind}): ${m.oldDue ?? '—'} → ${m.error ? `无法计算：${m.error}` : (m.newDue ?? '—')}`);
        console.log(`已导入 ${res.year} 年（${res.notices.join('；')}）；期限变动 ${res.moved.length} 条 / imported ${res.year}; ${res.moved.length} deadlines moved`);
      } catch (e) {
        if (isAppError(e)) {
          console.error(`导入失败 / import refused:\n${(e.fieldErrors.length ? e.fieldErrors.map((f) => f.message) : [e.message]).map((m) => `  - ${m}`).join('\n')}`);
          process.exitCode = 1;
          return;
        }
        throw e;
      } finally {
        await ctx.close();
      }
    });
  cal
    .command('workdays <from> <to>')
    .description('列出区间内每天是否工作日 / list every date in the range with workday true|false')
    .option('--json', 'JSON 输出（默认） / JSON output (default)')
    .action(async (from: string, to: string) => {
      try {
        console.log(JSON.stringify(workdaysJson(await loadCalendar(), from, to)));
      } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 1;
      }
    });
  cal
    .command('show <year>')
    .description('显示某年的节假日和调休上班日及通知文号 / show a year\'s holidays, 调休 days and notices')
    .action(async (year: string) => {
      const y = Number(year);
      if (!Number.isInteger(y) || y < 1990 || y > 2100) {
        console.error(`年份应为 1990–2100 / year must be 1990–2100: ${year}`);
        process.exitCode = 1;
        return;
      }
      console.log(showYear(await loadCalendar(), y));
    });
}

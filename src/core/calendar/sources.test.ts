// Proof of the shipped data: every date 2007-01-01 … 2026-12-31 agrees with BOTH independent
// encodings of the notices — holiday-cn (tests/fixtures/holidays, MIT) and npm `chinese-days`.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import chineseDays from 'chinese-days';
import { createCalendar, shippedCalendar, yearFromHolidayCn } from './index.ts';
import { addDays } from './date.ts';

const fixtureDir = fileURLToPath(new URL('../../../tests/fixtures/holidays/', import.meta.url));
const holidayCnFiles = readdirSync(fixtureDir).filter((f) => /^\d{4}\.json$/.test(f)).sort();
const holidayCn = holidayCnFiles.map((f) => JSON.parse(readFileSync(fixtureDir + f, 'utf8')) as {
  year: number; papers: string[]; days: { name: string; date: string; isOffDay: boolean }[];
});

/** holiday-cn answer: listed days decide; otherwise Mon–Fri work. (Later files win for December dates.) */
const listed = new Map<string, boolean>();
for (const y of holidayCn) for (const d of y.days) listed.set(d.date, !d.isOffDay);
function holidayCnWorkday(date: string): boolean {
  const l = listed.get(date);
  if (l !== undefined) return l;
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}

/**
 * Dates on which the two independent sources disagree, and the notice that settles each.
 * (Empty when they agree everywhere; the test below fails if a disagreement is not listed here.)
 */
const SETTLED_DISAGREEMENTS: Record<string, { workday: boolean; notice: string }> = {};

const cal = shippedCalendar();

describe('shipped calendar 2007–2026 agrees with holiday-cn and chinese-days', () => {
  it('has fixture files for every year 2007–2026', () => {
    expect(holidayCn.map((y) => y.year)).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
  });

  it('every date agrees with both sources (or with the notice where they disagree)', () => {
    const mismatches: string[] = [];
    const sourceConflicts: string[] = [];
    let checked = 0;
    for (let d = '2007-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const ours = cal.isWorkday(d);
      const a = holidayCnWorkday(d);
      const b = chineseDays.isWorkday(d);
      checked++;
      if (a !== b) {
        const settled = SETTLED_DISAGREEMENTS[d];
        if (!settled) sourceConflicts.push(`${d}: holiday-cn=${a} chinese-days=${b}`);
        else if (ours !== settled.workday) mismatches.push(`${d}: ours=${ours}, ${settled.notice} says ${settled.workday}`);
        continue;
      }
      if (ours !== a) mismatches.push(`${d}: ours=${ours} both sources=${a} (${cal.dayInfo(d).name ?? ''})`);
    }
    expect(checked).toBe(7305);
    expect(sourceConflicts).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  it('each holiday-cn year file imports (yearFromHolidayCn) to the same working days as the shipped year', () => {
    const diffs: string[] = [];
    for (const y0 of holidayCn) {
      let y = y0;
      if (y0.year === 2020) {
        // holiday-cn lists 2020-02-03 (Monday, "2月3日起正常上班" in 国办发明电〔2020〕1号) as a working day.
        // It is already an ordinary working day, so the importer rejects it (it would be a no-op).
        expect(() => yearFromHolidayCn(y0, 2020)).toThrow(/2020-02-03 是星期一，本来就是工作日/);
        y = { ...y0, days: y0.days.filter((d) => d.date !== '2020-02-03') };
      }
      const imported = createCalendar([yearFromHolidayCn(y, y.year)]);
      const shippedYear = cal.yearData(y.year);
      expect(shippedYear).toBeDefined();
      const only = createCalendar(shippedYear ? [shippedYear] : []);
      for (const day of y.days) {
        if (imported.isWorkday(day.date) !== only.isWorkday(day.date)) diffs.push(`${day.date} (${y.year})`);
      }
    }
    expect(diffs).toEqual([]);
  });
});

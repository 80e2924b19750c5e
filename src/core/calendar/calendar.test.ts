import { describe, expect, it } from 'vitest';
import { applyDayEdits, CalendarDataError, createCalendar, SHIPPED_YEARS, shippedCalendar, yearFromHolidayCn, yearToHolidayCn } from './index.ts';
import type { YearData } from './types.ts';
import { addMonths } from './date.ts';

const cal = shippedCalendar();

describe('spot checks against the notices', () => {
  it.each([
    // date, workday, kind, name — 国办发明电〔2018〕15号: 国庆 10/1–10/7 off, 9/29 (Sun) and 10/12 (Sat) work
    ['2019-09-29', true, 'adjusted_workday', '国庆节'],
    ['2019-09-30', true, 'weekday', undefined],
    ['2019-10-01', false, 'holiday', '国庆节'],
    ['2019-10-04', false, 'holiday', '国庆节'],
    ['2019-10-07', false, 'holiday', '国庆节'],
    ['2019-10-08', true, 'weekday', undefined],
    ['2019-10-12', true, 'adjusted_workday', '国庆节'],
    ['2019-10-13', false, 'weekend', undefined],
    // 国办发明电〔2025〕7号: 春节 2/15–2/23 (nine days), 2/14 and 2/28 (Saturdays) work
    ['2026-02-14', true, 'adjusted_workday', '春节'],
    ['2026-02-15', false, 'holiday', '春节'],
    ['2026-02-23', false, 'holiday', '春节'],
    ['2026-02-24', true, 'weekday', undefined],
    ['2026-02-28', true, 'adjusted_workday', '春节'],
    // 国办发明电〔2020〕1号: 春节 extended to 2/2; 2/1 (Sat) is no longer a working day
    ['2020-01-31', false, 'holiday', '春节'],
    ['2020-02-01', false, 'holiday', '春节'],
    ['2020-02-02', false, 'holiday', '春节'],
    ['2020-02-03', true, 'weekday', undefined],
    ['2020-01-19', true, 'adjusted_workday', '春节'],
    // 国办发明电〔2022〕16号 governs 2022-12-31 (元旦 2023)
    ['2022-12-31', false, 'holiday', '元旦'],
    // 国办发明电〔2019〕3号 replaced 劳动节 5/1 with 5/1–5/4, 4/28 and 5/5 working Sundays
    ['2019-05-02', false, 'holiday', '劳动节'],
    ['2019-05-05', true, 'adjusted_workday', '劳动节'],
    // 国发明电〔2015〕1号: 9/3–9/5 off, 9/6 (Sun) work
    ['2015-09-04', false, 'holiday', '抗战胜利70周年纪念日'],
    ['2015-09-06', true, 'adjusted_workday', '抗战胜利70周年纪念日'],
  ] as const)('%s: workday=%s kind=%s', (date, workday, kind, name) => {
    const info = cal.dayInfo(date);
    expect(info.workday).toBe(workday);
    expect(info.kind).toBe(kind);
    expect(info.name).toBe(name);
    expect(info.provisional).toBe(false);
  });

  it('2026 Spring Festival is nine consecutive days off', () => {
    const off = [];
    for (let d = 15; d <= 23; d++) off.push(cal.isWorkday(`2026-02-${String(d).padStart(2, '0')}`));
    expect(off).toEqual(Array(9).fill(false));
  });

  it('dayInfo names the notice, including the adjustment notices', () => {
    expect(cal.dayInfo('2019-10-01').notice).toBe('国办发明电〔2018〕15号');
    expect(cal.dayInfo('2019-05-03').notice).toBe('国办发明电〔2019〕3号');
    expect(cal.dayInfo('2020-02-01').notice).toBe('国办发明电〔2020〕1号');
    expect(cal.dayInfo('2022-12-31').notice).toBe('国办发明电〔2022〕16号');
  });
});

describe('addWorkdays / workdaysBetween', () => {
  it.each([
    // from, n, expected — hand counted on the notices
    ['2019-09-20', 20, '2019-10-23'], // 9/23–27 (5), 9/29 Sun (6), 9/30 (7), 10/8–11 (11), 10/12 Sat (12), 10/14–18 (17), 10/21–23 (20)
    ['2026-02-06', 20, '2026-03-12'], // 2/9–13 (5), 2/14 Sat (6), 2/24–27 (10), 2/28 Sat (11), 3/2–6 (16), 3/9–12 (20)
    ['2019-09-20', 1, '2019-09-23'],
    ['2019-09-27', 1, '2019-09-29'], // Friday → working Sunday
    ['2019-09-30', 1, '2019-10-08'],
    ['2019-10-08', -1, '2019-09-30'],
    ['2019-10-01', -1, '2019-09-30'],
    ['2019-09-23', -2, '2019-09-19'],
    ['2019-10-03', 0, '2019-10-03'],
    ['2022-12-30', 1, '2023-01-03'], // 12/31–1/2 元旦 (国办发明电〔2022〕16号)
  ] as const)('addWorkdays(%s, %i) = %s', (d, n, expected) => {
    expect(cal.addWorkdays(d, n)).toBe(expected);
  });

  it.each([
    ['2019-09-20', '2019-10-23', 20],
    ['2019-10-23', '2019-09-20', -20],
    ['2019-10-01', '2019-10-07', 0],
    ['2019-09-28', '2019-09-29', 1],
    ['2026-02-13', '2026-02-24', 2], // 2/14 Sat work + 2/24
  ] as const)('workdaysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(cal.workdaysBetween(a, b)).toBe(expected);
  });

  it('addWorkdays and workdaysBetween are inverse on working days', () => {
    for (const [d, n] of [['2019-09-20', 33], ['2024-12-20', 15], ['2007-02-10', 9]] as const) {
      expect(cal.workdaysBetween(d, cal.addWorkdays(d, n))).toBe(n);
    }
  });

  it('rejects invalid and out-of-range dates with a Chinese message', () => {
    expect(() => cal.isWorkday('2019-02-30')).toThrow(/不是有效的 YYYY-MM-DD 日期/);
    expect(() => cal.isWorkday('1800-01-01')).toThrow(/超出日历范围/);
    expect(() => cal.addWorkdays('2019-09-20', 1.5)).toThrow(/整数/);
  });
});

describe('provisional years (no notice yet)', () => {
  it('2027: fixed-date holidays of the 2024 放假办法, Art. 6 makeup for weekend holidays, all provisional', () => {
    // 2027-01-01 is a Friday: off. 5/1 Sat, 5/2 Sun → 补假 Mon 5/3, Tue 5/4. 10/1 Fri, 10/2 Sat, 10/3 Sun → 补假 10/4, 10/5.
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ workday: false, kind: 'holiday', name: '元旦', provisional: true });
    expect(cal.isWorkday('2027-05-03')).toBe(false);
    expect(cal.isWorkday('2027-05-04')).toBe(false);
    expect(cal.isWorkday('2027-05-05')).toBe(true);
    expect(cal.isWorkday('2027-10-04')).toBe(false);
    expect(cal.isWorkday('2027-10-05')).toBe(false);
    expect(cal.isWorkday('2027-10-06')).toBe(true);
    expect(cal.isProvisional('2027-03-10')).toBe(true);
    expect(cal.dayInfo('2027-02-08').workday).toBe(true); // 春节 2027 not estimated (lunar): plain Monday
  });

  it('without the Art. 6 makeup only the fixed dates are off', () => {
    const plain = createCalendar(SHIPPED_YEARS, { provisionalMakeup: false });
    expect(plain.isWorkday('2027-05-03')).toBe(true);
    expect(plain.isWorkday('2027-10-04')).toBe(true);
  });

  it('the劳动节 rule follows the version of the 放假办法 in force', () => {
    const none = createCalendar([]);
    expect(none.isWorkday('2031-05-02')).toBe(false); // 2024 revision: 5/1–5/2 (2031-05-02 is a Friday)
    expect(none.isWorkday('2019-05-02')).toBe(true); // 2007 revision: 5/1 only
    expect(none.isWorkday('2003-05-02')).toBe(false); // 1999 version: 5/1–5/3
  });

  it('late December of the last announced year stands when the next 元旦 cannot bridge into it (2027-01-01 is a Friday)', () => {
    expect(cal.isProvisional('2026-12-29')).toBe(false);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isProvisional('2025-12-31')).toBe(false); // 2026 notice known
    expect(cal.anyProvisional('2026-12-01', '2026-12-31')).toBe(false);
    expect(cal.anyProvisional('2026-12-01', '2027-01-05')).toBe(true); // 2027 itself is not announced
  });

  it.each([
    // [last announced year, weekday of the next 1 January, are 12-29 … 12-31 provisional]
    [2018, '星期二', true], // the 2019 notice did move them: 12-29 上班, 12-30 … 01-01 放假
    [2007, '星期二', true], // the 2008 notice: 12-29 上班, 12-30 … 01-01 放假
    [2013, '星期三', true], // a Wednesday 元旦 could bridge Tuesday 12-31
    [2014, '星期四', false],
    [2020, '星期五', false],
    [2021, '星期六', false],
    [2022, '星期日', false],
    [2017, '星期一', false],
  ])('last announced year %i (next 元旦 on %s): late December provisional = %s', (last, _weekday, provisional) => {
    const c = createCalendar(SHIPPED_YEARS.filter((y) => y.year <= last));
    expect(c.isProvisional(`${last}-12-28`)).toBe(false);
    for (const d of [29, 30, 31]) expect(c.isProvisional(`${last}-12-${d}`)).toBe(provisional);
  });

  it('years() lists announced years only', () => {
    expect(cal.years()).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
  });
});

describe('yearFromHolidayCn (import)', () => {
  const good = {
    year: 2027,
    papers: ['国办发明电〔2026〕1号'],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-06', isOffDay: false },
      { name: '春节', date: '2027-02-05', isOffDay: true },
      { name: '春节', date: '2027-02-07', isOffDay: true },
      { name: '春节', date: '2027-02-08', isOffDay: true },
    ],
  };

  it('turns a valid file into YearData with ranges, and the year stops being provisional', () => {
    const y = yearFromHolidayCn(good, 2027);
    expect(y).toEqual({
      year: 2027,
      notices: ['国办发明电〔2026〕1号'],
      holidays: [
        { name: '元旦', off: ['2027-01-01'] },
        { name: '春节', off: ['2027-02-05', '2027-02-07..2027-02-08'], work: ['2027-02-06'] },
      ],
      source: 'imported',
    });
    const c = createCalendar([...SHIPPED_YEARS, y]);
    expect(c.isProvisional('2027-03-01')).toBe(false);
    expect(c.isWorkday('2027-02-06')).toBe(true);
    expect(c.isWorkday('2027-02-08')).toBe(false);
    expect(c.isWorkday('2027-05-03')).toBe(true); // no more provisional makeup
    expect(c.isProvisional('2026-12-31')).toBe(false);
  });

  it('lists every problem in Chinese', () => {
    const bad = {
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '', date: '2027-13-01', isOffDay: true },
        { name: '春节', date: '2027-02-09', isOffDay: false },
        { name: '国庆节', date: '2028-10-01', isOffDay: true },
        { name: '国庆节', date: '2027-10-02', isOffDay: 'yes' },
      ],
    };
    let err: unknown;
    try {
      yearFromHolidayCn(bad, 2026);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarDataError);
    expect((err as CalendarDataError).problems).toEqual([
      '文件中的年份是 2027，与所选的年份 2026 不一致',
      '“papers”为空：请至少填写一个放假通知的出处（文号或网址）',
      '第 2 条：日期 2027-01-01 与第 1 条重复',
      '第 3 条：缺少节日名称“name”',
      '第 3 条：日期“2027-13-01”不是有效的 YYYY-MM-DD 日期',
      '第 4 条：2027-02-09 是星期二，本来就是工作日，不能标为调休上班日（isOffDay: false 只用于周六、周日）',
      '第 5 条：日期 2028-10-01 不属于 2027 年（只允许 2027 年内的日期或 2026 年12月的元旦调休日期）',
      '第 6 条：“isOffDay”应为 true（放假）或 false（调休上班）',
    ]);
  });

  it('rejects a non-object, a wrong year and empty days', () => {
    expect(() => yearFromHolidayCn('[]')).toThrow(/不是一个 JSON 对象/);
    expect(() => yearFromHolidayCn({ year: 27, papers: ['x'], days: [] })).toThrow(/四位整数年份[\s\S]*“days”为空/);
  });

  it('round-trips through yearToHolidayCn', () => {
    const y = SHIPPED_YEARS.find((x) => x.year === 2020) as YearData;
    const json = yearToHolidayCn(y);
    expect(json.days.find((d) => d.date === '2020-02-01')).toEqual({ name: '春节', date: '2020-02-01', isOffDay: true });
    const back = createCalendar([yearFromHolidayCn(json, 2020)]);
    const orig = createCalendar([y]);
    for (const d of json.days) expect(back.isWorkday(d.date)).toBe(orig.isWorkday(d.date));
  });
});

describe('applyDayEdits', () => {
  const y2019 = SHIPPED_YEARS.find((y) => y.year === 2019) as YearData;

  it('a single-day edit wins over the notice and carries its reason', () => {
    const edited = applyDayEdits(y2019, [{ date: '2019-10-08', workday: false, reason: '国办补充通知（测试）' }]);
    const c = createCalendar(SHIPPED_YEARS.map((y) => (y.year === 2019 ? edited : y)));
    expect(c.dayInfo('2019-10-08')).toMatchObject({ workday: false, kind: 'holiday', name: '临时调整', edit: { reason: '国办补充通知（测试）' } });
    expect(c.addWorkdays('2019-09-20', 20)).toBe('2019-10-24');
    expect(y2019.edits).toBeUndefined(); // pure: input untouched
  });

  it('a later edit of the same date replaces the earlier one', () => {
    const a = applyDayEdits(y2019, [{ date: '2019-10-08', workday: false, reason: '第一次' }]);
    const b = applyDayEdits(a, [{ date: '2019-10-08', workday: true, reason: '撤销' }]);
    expect(b.edits).toEqual([{ date: '2019-10-08', workday: true, reason: '撤销' }]);
  });

  it('rejects bad edits, listing each', () => {
    expect(() =>
      applyDayEdits(y2019, [
        { date: '2020-01-02', workday: false, reason: '跨年' },
        { date: '2019-10-08', workday: false, reason: '' },
        { date: 'x', workday: true, reason: '理由' },
      ]),
    ).toThrow(/第 1 处修改：日期 2020-01-02 不属于 2019 年[\s\S]*第 2 处修改：请填写修改理由[\s\S]*第 3 处修改：日期“x”/);
  });

  it('edits make the calendar data JSON-serialisable end to end', () => {
    const edited = applyDayEdits(y2019, [{ date: '2019-10-08', workday: false, reason: '测试' }]);
    const restored = JSON.parse(JSON.stringify(edited)) as YearData;
    expect(createCalendar([restored]).isWorkday('2019-10-08')).toBe(false);
  });
});

describe('date helpers', () => {
  it.each([
    ['2024-08-31', 6, '2025-02-28'], // 民法典 第二百零二条: no corresponding day → month end
    ['2024-01-31', 1, '2024-02-29'],
    ['2019-09-20', 6, '2020-03-20'],
    ['2019-12-15', 1, '2020-01-15'],
  ] as const)('addMonths(%s, %i) = %s', (d, n, e) => {
    expect(addMonths(d, n)).toBe(e);
  });
});

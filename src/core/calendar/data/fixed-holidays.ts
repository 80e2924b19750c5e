import type { FixedHolidayRule } from '../types.ts';

// Fixed-date holidays of 《全国年节及纪念日放假办法》 (第二条, 全体公民放假的节日), used for a year whose
// 国务院办公厅 notice is not known yet. Lunar-calendar holidays (春节、端午、中秋) and 清明 (a solar term)
// have no fixed date and are NOT estimated: such a year is flagged provisional.
//  - 1999 version: 元旦1天、劳动节3天（5月1日—3日）、国庆节3天（10月1日—3日）.
//  - 2007-12-14 revision (from 2008): 劳动节1天（5月1日）; 2013-12-11 revision: no change to fixed dates.
//  - 2024-11-10 revision (from 2025): 劳动节2天（5月1日、2日）. 元旦 and 国庆节 unchanged.
export const FIXED_DATE_HOLIDAYS: readonly FixedHolidayRule[] = Object.freeze([
  { name: '元旦', month: 1, days: [1], source: '《全国年节及纪念日放假办法》第二条' },
  { name: '劳动节', month: 5, days: [1, 2, 3], toYear: 2007, source: '《全国年节及纪念日放假办法》（1999年）第二条' },
  { name: '劳动节', month: 5, days: [1], fromYear: 2008, toYear: 2024, source: '《全国年节及纪念日放假办法》（2007年修订）第二条' },
  { name: '劳动节', month: 5, days: [1, 2], fromYear: 2025, source: '《全国年节及纪念日放假办法》（2024年修订）第二条' },
  { name: '国庆节', month: 10, days: [1, 2, 3], source: '《全国年节及纪念日放假办法》第二条' },
]);

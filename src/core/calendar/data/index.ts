// The shipped calendar: one file per year, each written from that year's 国务院办公厅 notice(s).
// Proven against two independent encodings (holiday-cn, chinese-days) in ../sources.test.ts.
import type { YearData } from '../types.ts';
import { Y2007 } from './2007.ts';
import { Y2008 } from './2008.ts';
import { Y2009 } from './2009.ts';
import { Y2010 } from './2010.ts';
import { Y2011 } from './2011.ts';
import { Y2012 } from './2012.ts';
import { Y2013 } from './2013.ts';
import { Y2014 } from './2014.ts';
import { Y2015 } from './2015.ts';
import { Y2016 } from './2016.ts';
import { Y2017 } from './2017.ts';
import { Y2018 } from './2018.ts';
import { Y2019 } from './2019.ts';
import { Y2020 } from './2020.ts';
import { Y2021 } from './2021.ts';
import { Y2022 } from './2022.ts';
import { Y2023 } from './2023.ts';
import { Y2024 } from './2024.ts';
import { Y2025 } from './2025.ts';
import { Y2026 } from './2026.ts';

export const SHIPPED_YEARS: readonly YearData[] = Object.freeze([
  Y2007,
  Y2008,
  Y2009,
  Y2010,
  Y2011,
  Y2012,
  Y2013,
  Y2014,
  Y2015,
  Y2016,
  Y2017,
  Y2018,
  Y2019,
  Y2020,
  Y2021,
  Y2022,
  Y2023,
  Y2024,
  Y2025,
  Y2026,
].map((y) => ({ ...y, source: 'shipped' as const })));

// Annual-report files generated from the real reports in tests/fixtures/reports for the supervisor's browser journey
// (the 2021 web page and its broken sum are the audit bench's template, bench/report-audit-files.ts): the agency and year are renamed, table 三's numbers varied (consistently: every
// column's 一+二 = （七）总计+四, every row's 总计 = the sum of its columns, the narrative's 受理 figure follows), and on
// request a rule broken, the 结转 between two consecutive years broken, or the file damaged so it cannot be read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../src/core/random.ts';
import { TEMPLATES } from '../../bench/report-audit-files.ts';

export interface ReportFileBytes {
  bytes: Uint8Array;
  filename: string;
}

const encode = (s: string) => new TextEncoder().encode(s);
const fixture = (root: string, slug: string, file: string) => readFileSync(path.join(root, 'tests/fixtures/reports', slug, file), 'utf8');

/** Table 三 of one report: per applicant column (自然人, 商业企业; the other four stay 0) the counts of each row used. */
export interface Table3Numbers {
  received: [number, number];
  carriedIn: [number, number];
  disclosed: [number, number];
  notHeld: [number, number];
  carriedOut: [number, number];
}

/** Consistent numbers from a seed; `carriedIn` given → this year's 上年结转 (the previous year's 结转下年度). */
export function table3Numbers(seed: number, carriedIn?: [number, number]): Table3Numbers {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const col = (j: 0 | 1) => {
    const received = int(3, 40);
    const inn = carriedIn ? carriedIn[j] : int(0, 3);
    const notHeld = int(0, Math.min(4, received));
    const out = int(0, Math.min(3, received + inn - notHeld));
    return { received, inn, notHeld, out, disclosed: received + inn - notHeld - out };
  };
  const a = col(0), b = col(1);
  return { received: [a.received, b.received], carriedIn: [a.inn, b.inn], disclosed: [a.disclosed, b.disclosed], notHeld: [a.notHeld, b.notHeld], carriedOut: [a.out, b.out] };
}

const sum = (p: [number, number]) => p[0] + p[1];
const row7 = (p: [number, number], extra = 0): number[] => [p[0] + extra, p[1], 0, 0, 0, 0, sum(p) + extra];

/** Replaces the last seven numbers of the (first) line containing `label` in a tab-separated text report. */
function setTextRow(text: string, label: string, values: number[]): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  if (i < 0) throw new Error(`row ${label} not in the template`);
  const cells = lines[i]!.split('\t');
  const numeric = cells.map((c, k) => (/^\d+$/.test(c.trim()) ? k : -1)).filter((k) => k >= 0);
  if (numeric.length < 7) throw new Error(`row ${label} has ${numeric.length} numbers`);
  numeric.slice(-7).forEach((k, n) => { cells[k] = String(values[n]); });
  lines[i] = cells.join('\t');
  return lines.join('\n');
}

export interface TextReportOptions {
  agency: string;
  year: number;
  numbers: Table3Numbers;
  /** break the per-column rule: （七）总计 of 自然人 (and the row's 总计) raised by 2 */
  brokenTotal?: boolean;
  /** the second of two consecutive years: table 二's 上一年项目数量 carries the first year's 上一年项目数量 + 本年增/减 */
  secondYear?: boolean;
}

/**
 * A 2019-format text report (the 芝罘区行政审批服务局 2019 report's text, its tables and prose) under another agency and
 * year with the given table 三. The 2019 format applies to the reports on 2019 and 2020.
 */
export function textReport(root: string, o: TextReportOptions): ReportFileBytes & { text: string } {
  let t = fixture(root, 'zhifu-approval-2019', 'source.txt')
    .replaceAll('烟台市芝罘区行政审批服务局', o.agency).replaceAll('芝罘区行政审批服务局', o.agency).replaceAll('2019年', `${o.year}年`);
  const n = o.numbers;
  const disclosedTotal = row7(n.disclosed), notHeld = row7(n.notHeld), total = row7([n.disclosed[0] + n.notHeld[0], n.disclosed[1] + n.notHeld[1]], o.brokenTotal ? 2 : 0);
  t = setTextRow(t, '一、本年新收政府信息公开申请数量', row7(n.received));
  t = setTextRow(t, '二、上年结转政府信息公开申请数量', row7(n.carriedIn));
  t = setTextRow(t, '（一）予以公开', disclosedTotal);
  t = setTextRow(t, '1.本机关不掌握相关政府信息', notHeld);
  t = setTextRow(t, '(七) 总计', total);
  t = setTextRow(t, '四、结转下年度继续办理', row7(n.carriedOut));
  if (o.secondYear) t = t.replace('行政许可\t0\t4\t82', '行政许可\t4\t4\t82').replace('其他对外管理服务事项\t0\t1\t28', '其他对外管理服务事项\t1\t1\t28');
  t = t.replace('受理依申请公开1件', `受理依申请公开${sum(n.received)}件`);
  return { text: t, bytes: encode(t), filename: `${o.agency}${o.year}年政府信息公开工作年度报告.txt` };
}

/** The 平潭 2021 web page (2021 format) under another agency and year; `brokenTotal`: the audit bench's broken sum of that template. */
export function htmlReport(root: string, o: { agency: string; year: number; brokenTotal?: boolean }): ReportFileBytes {
  const template = TEMPLATES.find((x) => x.slug === 'pingtan-2021' && x.kind === 'HTML')!;
  let t = fixture(root, template.slug, template.file);
  if (o.brokenTotal) t = template.breakSum(t);
  t = t.replaceAll(template.agency, o.agency).replaceAll('2021年', `${o.year}年`);
  return { bytes: encode(t), filename: `${o.agency}${o.year}年政府信息公开工作年度报告.html` };
}

/** What a generated file is meant to show in the audit. */
export type Expect = 'clean' | 'findings' | 'unreadable';

export interface AgencySetFile extends ReportFileBytes {
  agency: string;
  year: number;
  expect: Expect;
  /** how a text report was made (a corrected copy is `textReport(root, { ...options, brokenTotal: false })`) */
  options?: TextReportOptions;
}

export interface AgencySet {
  files: AgencySetFile[];
  /** agencies with two consecutive years: the pair's 结转 continuity holds unless `broken` */
  pairs: { agency: string; from: number; to: number; broken: boolean }[];
}

const DISTRICTS = ['东城区', '西城区', '南湖区', '北山区', '滨江区'];
const DEPARTMENTS = ['教育局', '民政局', '财政局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '卫生健康委员会'];

/**
 * Reports of `n` (≤ 50) agencies for a supervisor's run: `first` (when given) names agency 0 — a platform agency, so its
 * findings can be sent for rectification. By i % 10: 0–2 two consecutive years (2019, 2020; the 结转 broken in 2),
 * 3 a broken column sum, 4–5 one clean year, 6 the 2021 web page (2021), 7 the same with a broken （七）总计, 8 a text
 * report cut off in table 三 (unreadable), 9 a file that is no report at all (a .docx of random bytes, unreadable).
 * Agency 0 has its 2020 report with a broken column sum as well, for the rectification.
 */
export function agencyReportSet(root: string, n = 50, first?: string): AgencySet {
  const files: AgencySetFile[] = [];
  const pairs: AgencySet['pairs'] = [];
  for (let i = 0; i < n; i++) {
    const agency = i === 0 && first ? first : `演示市${DISTRICTS[i % DISTRICTS.length]}${DEPARTMENTS[Math.floor(i / DISTRICTS.length) % DEPARTMENTS.length]}`;
    const kind = i % 10;
    if (kind <= 2) {
      const a = table3Numbers(1000 + i);
      const broken = kind === 2;
      const b = table3Numbers(2000 + i, broken ? [a.carriedOut[0] + 1, a.carriedOut[1]] : a.carriedOut);
      files.push({ ...textReport(root, { agency, year: 2019, numbers: a }), agency, year: 2019, expect: 'clean' });
      const options: TextReportOptions = { agency, year: 2020, numbers: b, brokenTotal: i === 0, secondYear: true };
      files.push({ ...textReport(root, options), agency, year: 2020, expect: i === 0 ? 'findings' : 'clean', options });
      pairs.push({ agency, from: 2019, to: 2020, broken });
    } else if (kind === 3) {
      const options: TextReportOptions = { agency, year: 2020, numbers: table3Numbers(3000 + i), brokenTotal: true };
      files.push({ ...textReport(root, options), agency, year: 2020, expect: 'findings', options });
    } else if (kind <= 5) {
      files.push({ ...textReport(root, { agency, year: 2020, numbers: table3Numbers(3000 + i) }), agency, year: 2020, expect: 'clean' });
    } else if (kind <= 7) {
      files.push({ ...htmlReport(root, { agency, year: 2021, brokenTotal: kind === 7 }), agency, year: 2021, expect: kind === 7 ? 'findings' : 'clean' });
    } else if (kind === 8) {
      const { text } = textReport(root, { agency, year: 2020, numbers: table3Numbers(3000 + i) });
      const cut = text.slice(0, text.indexOf('（一）予以公开'));
      files.push({ bytes: encode(cut), filename: `${agency}2020年政府信息公开工作年度报告.txt`, agency, year: 2020, expect: 'unreadable' });
    } else {
      const rnd = mulberry32(9000 + i);
      const bytes = new Uint8Array(2048).map(() => Math.floor(rnd() * 256));
      files.push({ bytes, filename: `${agency}2020年政府信息公开工作年度报告.docx`, agency, year: 2020, expect: 'unreadable' });
    }
  }
  return { files, pairs };
}

// Files for the batch-audit benchmark (report-audit.bench.ts), generated from real reports of tests/fixtures/reports:
// each file is a template with another agency name, and every fifth breaks a 勾稽 rule. Each file carries the status
// the audit must give it, so the bench can tell a slow audit from a wrong one.
//
// The templates are chosen so that their originals read completely: the archive's text copies of the pingtan pages
// (source.txt) flatten table 二 so that its digits run together ("693665" for 69 | 3 | 665) and table 二 has no sums to
// decide the split — the importer leaves those cells blank by design (decision 090) and the original is `unreadable`.
// The generated text copy of pingtan-2021 therefore states the row's figures in its narrative, as many reports do
// ("全年制发行政规范性文件69件，废止3件，现行有效665件"), which decides the split (decision 150).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditStatus } from '../src/features/reports/audit.ts';

export interface Template {
  kind: 'HTML' | 'text';
  slug: string;
  file: string;
  /** The agency name printed in the original, replaced in every generated file. */
  agency: string;
  /** Makes the original readable where it is not (see above); identity otherwise. */
  prepare?: (text: string) => string;
  /** Breaks one 勾稽 rule: a sum of table 三 (一+二 = 三(七)+四, a row or column total) or the narrative against it. */
  breakSum: (text: string) => string;
  /** The status the audit must give a file with the broken rule (default `findings`). */
  brokenStatus?: AuditStatus;
}

/** Changes the first number printed in the cells after `label` (an HTML table row) by +2. */
function bumpFirstCellAfter(label: string): (text: string) => string {
  return (text) => {
    const at = text.indexOf(label);
    if (at < 0) return text;
    const rest = text.slice(at).replace(/>(\s*)(\d+)(\s*)</, (_m, a: string, d: string, b: string) => `>${a}${Number(d) + 2}${b}<`);
    return text.slice(0, at) + rest;
  };
}

export const TEMPLATES: readonly Template[] = [
  { kind: 'HTML', slug: 'pingtan-2019', file: 'source.html', agency: '平潭综合实验区', breakSum: bumpFirstCellAfter('（七）总计') },
  { kind: 'HTML', slug: 'pingtan-2021', file: 'source.html', agency: '平潭综合实验区', breakSum: bumpFirstCellAfter('（七）总计') },
  {
    kind: 'text', slug: 'zhifu-approval-2019', file: 'source.txt', agency: '烟台市芝罘区行政审批服务局',
    breakSum: (t) => t.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t0\t3\t0\t0\t0\t0\t3\t'),
  },
  {
    kind: 'text', slug: 'pingtan-2021', file: 'source.txt', agency: '平潭综合实验区',
    prepare: (t) => t.replace('积极主动公开各领域政府信息。', '积极主动公开各领域政府信息。全年制发行政规范性文件69件，废止3件，现行有效665件。'),
    // 上年结转 0 → 1 (自然人, 总计): 一+二 (64+1) ≠ （七）总计+四 (63+1). A flattened table 三 is split by its own sums;
    // with one of them broken, rows such as 「270020130」 fit two splits, so the importer leaves them blank and the
    // report is `unreadable`, never accused (decision 090) — the expected status of these files.
    breakSum: (t) => t.replace('二、上年结转政府信息公开申请数量0000000', '二、上年结转政府信息公开申请数量1000001'),
    brokenStatus: 'unreadable',
  },
];

export interface GeneratedFile {
  bytes: Uint8Array;
  filename: string;
  kind: Template['kind'];
  template: string;
  /** The status the audit must give this file. */
  expected: AuditStatus;
}

/** n files: the templates in turn, each with another agency name (997 of them), a broken sum in every fifth. Throws when
 *  a template's edit does not apply (the fixture changed), so that the bench never measures files it did not mean. */
export function generateAuditFiles(root: string, n: number): GeneratedFile[] {
  const texts = TEMPLATES.map((s) => {
    const original = readFileSync(path.join(root, 'tests/fixtures/reports', s.slug, s.file), 'utf8');
    const text = s.prepare ? s.prepare(original) : original;
    if (s.prepare && text === original) throw new Error(`${s.slug}/${s.file}: the narrative sentence could not be placed`);
    const broken = s.breakSum(text);
    if (broken === text) throw new Error(`${s.slug}/${s.file}: the broken sum could not be placed`);
    return { ...s, text, broken };
  });
  const encoder = new TextEncoder();
  const out: GeneratedFile[] = [];
  for (let i = 0; i < n; i++) {
    const s = texts[i % texts.length]!;
    const broken = i % 5 === 0;
    const t = (broken ? s.broken : s.text).replaceAll(s.agency, `测试${i % 997}号机关`);
    out.push({
      bytes: encoder.encode(t), filename: `r${i}.${s.file.endsWith('.html') ? 'html' : 'txt'}`,
      kind: s.kind, template: `${s.slug}/${s.file}`, expected: broken ? s.brokenStatus ?? 'findings' : 'clean',
    });
  }
  return out;
}

// The 通报 of an audit: a printable supervisory notice (A4, the embedded Noto Sans SC of every product PDF —
// shared/pdf.ts) in the usual form — title, issuer and date, 一、检查范围 (period and scope), 二、总体情况 (summary
// table and one row per report), 三、存在的问题 (per agency: each finding with its cells and the rule's text and source),
// 四、未能完整读取的报告 (listed apart: the reader's failure is never the report's fault, decision 090), the cross-year
// results, and a closing paragraph. Used by `gongkai report audit --pdf` (every rule finding) and by a supervisor's run
// (only the findings the supervisor confirmed or sent for rectification).
import type pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake';
import { RULES } from '../../core/report/rules.ts';
import { MM, PDF_FONT, pdfmakeReady } from '../shared/pdf.ts';
import { findingCounts, type AuditResult, type CellCorrectionNote } from './audit.ts';
import { correctedAmong, correctionText } from './audit-xlsx.ts';
import { describeCell } from './reports.pages.tsx';

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

export interface NoticeOptions {
  /** 发文机关, e.g. 烟台市芝罘区人民政府办公室 (政务公开办); blank when not given */
  issuer?: string;
  /** YYYY-MM-DD */
  date: string;
  /** the report year(s) audited, e.g. "2025年度"; derived from the reports when not given */
  period?: string;
  /** keep only these findings (a supervisor's run: confirmed ones); default every rule finding */
  include?: (reportIndex: number, findingIndex: number) => boolean;
  /** the same for cross-year pairs */
  includeCross?: (pairIndex: number, findingIndex: number) => boolean;
  /** a sentence on how the findings were selected (printed under 三) */
  selection?: string;
  /** the assessment of the period (定期考核): components with their weights, and the ranked agencies (the first ones; `total` all) */
  assessment?: {
    components: readonly { key: string; label: string; source: string }[];
    weights: Readonly<Record<string, number>>;
    rows: readonly { rank: number | null; name: string; score: number | null; parts: Readonly<Record<string, { value: number; basis: string } | null>> }[];
    total: number;
  };
  /** the 不定期抽查 of the period: the recorded seed and each record drawn with its result */
  sample?: {
    seed: number;
    drawnAt: string;
    reason: string | null;
    score: { checked: number; passed: number; value: number | null };
    items: readonly { agency: string; kindLabel: string; label: string; refDate: string | null; result: 'pass' | 'fail' | null; note: string | null }[];
  };
}

const STATUS_ZH = { clean: '通过', findings: '有错误', unreadable: '未能完整读取' } as const;
const ruleOf = new Map(RULES.map((r) => [r.id, r]));
const th = (text: string): TableCell => ({ text, bold: true, fillColor: '#eeeeee' });
const grid = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 };

function periodOf(a: AuditResult): string {
  const years = [...new Set(a.reports.map((r) => r.year).filter((y): y is number => !!y))].sort();
  if (years.length === 0) return '';
  return years.length === 1 ? `${years[0]}年度` : `${years[0]}—${years[years.length - 1]}年度`;
}

export function noticeDefinition(a: AuditResult, o: NoticeOptions): TDocumentDefinitions {
  const period = o.period ?? periodOf(a);
  const keep = o.include ?? (() => true);
  const keepCross = o.includeCross ?? (() => true);
  const agencies = new Set(a.reports.map((r) => r.agency).filter((x): x is string => !!x));
  const unnamed = a.reports.filter((r) => !r.agency).length;
  const title = `关于${period}政府信息公开工作年度报告检查情况的通报`;
  // the rule findings kept, per agency (reading problems are not accusations)
  const problems = new Map<string, { year: number | null; file: string; corrections?: CellCorrectionNote[]; items: { rule: string; severity: string; message: string; cells: string[] }[] }[]>();
  a.reports.forEach((r, ri) => {
    if (r.status === 'unreadable') return;
    const items = r.findings.filter((f, fi) => f.source === 'rules' && keep(ri, fi));
    if (!items.length) return;
    const k = r.agency ?? '（未识别机关）';
    problems.set(k, [...(problems.get(k) ?? []), { year: r.year, file: r.file, ...(r.corrections ? { corrections: r.corrections } : {}), items }]);
  });
  const s = a.summary;
  const content: Content[] = [
    { text: title, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
    { text: [o.issuer, o.date].filter(Boolean).join('　　'), alignment: 'center', fontSize: 10, margin: [0, 0, 0, 12] },
    { text: `依照《中华人民共和国政府信息公开条例》第四十九条、第五十条和国务院办公厅政府信息公开办公室关于年度报告格式的要求，现将${period}政府信息公开工作年度报告检查情况通报如下。`, margin: [0, 0, 0, 8] },
    { text: '一、检查范围', fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
    { text: `本次检查${period}政府信息公开工作年度报告 ${s.reports} 份，涉及 ${agencies.size} 个机关${unnamed ? `（另有 ${unnamed} 份未能识别机关）` : ''}。按年度报告格式逐项核对表二、表三、表四的勾稽关系和格式规则${a.crossYear.length ? `，并对同一机关相邻年度的报告进行了衔接核对（${a.crossYear.length} 对）` : ''}。` },
    { text: '二、总体情况', fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
    {
      table: { widths: ['*', '*', '*', '*'], body: [[th('检查报告'), th('通过'), th('有错误'), th('未能完整读取')], [String(s.reports), String(s.clean), String(s.withErrors), String(s.unreadable)]] },
      layout: grid, margin: [0, 0, 0, 6],
    },
    {
      table: {
        headerRows: 1, dontBreakRows: true, widths: ['*', 14 * MM, 22 * MM, 14 * MM, 14 * MM],
        body: [
          [th('机关'), th('年度'), th('结论'), th('错误'), th('警告')],
          ...[...a.reports].sort((x, y) => (x.agency ?? '').localeCompare(y.agency ?? '', 'zh-CN') || (x.year ?? 0) - (y.year ?? 0)).map((r): TableCell[] => {
            const n = findingCounts(r.findings);
            return [r.agency ?? r.file, r.year ? String(r.year) : '', STATUS_ZH[r.status], String(n.errors), String(n.warnings)];
          }),
        ],
      },
      fontSize: 9, layout: grid,
    },
    { text: '三、存在的问题', fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
  ];
  if (o.selection) content.push({ text: o.selection, fontSize: 9, color: '#444444', margin: [0, 0, 0, 4] });
  if (problems.size === 0) content.push({ text: '本次检查未发现需要通报的问题。' });
  let n = 0;
  for (const [agency, reports] of [...problems.entries()].sort((x, y) => x[0].localeCompare(y[0], 'zh-CN'))) {
    n++;
    content.push({ text: `（${'一二三四五六七八九十'[n - 1] ?? n}）${agency}`, bold: true, margin: [0, 6, 0, 2] });
    for (const r of reports) {
      r.items.forEach((f, i) => {
        const rule = ruleOf.get(f.rule);
        content.push({
          margin: [8, 1, 0, 3],
          stack: [
            { text: `${i + 1}. ${r.year ? `${r.year}年度报告：` : ''}${f.message}${f.severity === 'warning' ? '（提示）' : ''}` },
            ...(f.cells.length ? [{ text: `涉及：${f.cells.slice(0, 10).map(describeCell).join('、')}${f.cells.length > 10 ? ` 等 ${f.cells.length} 处` : ''}`, fontSize: 9, color: '#333333' }] : []),
            ...correctedAmong(f.cells, r.corrections).map((c) => ({ text: `其中 ${correctionText(c)}`, fontSize: 9, color: '#1d4f91' })),
            ...(rule ? [{ text: `规则 ${rule.id}：${rule.title}（依据：${rule.source}）`, fontSize: 8.5, color: '#555555' }] : []),
          ],
        });
      });
    }
  }
  const cross = a.crossYear.map((c, ci) => ({ ...c, findings: c.findings.filter((_, fi) => keepCross(ci, fi)) })).filter((c) => c.findings.length);
  if (cross.length) {
    content.push({ text: '相邻年度衔接问题', bold: true, margin: [0, 8, 0, 2] });
    for (const c of cross) for (const f of c.findings) content.push({ text: `${c.agency}（${c.from}→${c.to}）：${f.message}`, margin: [8, 1, 0, 2] });
  }
  const unreadable = a.reports.filter((r) => r.status === 'unreadable');
  content.push({ text: '四、未能完整读取的报告', fontSize: 13, bold: true, margin: [0, 10, 0, 4] });
  if (unreadable.length === 0) content.push({ text: '无。' });
  else {
    content.push({ text: '下列报告的部分内容未能从文件中读取（例如文件损坏、表格被截断或数字粘连），相关规则未作核对，不作为报告的问题通报；请相关机关核对原件，必要时重新报送规范的文件。', margin: [0, 0, 0, 4] });
    for (const r of unreadable) content.push({ text: `${r.agency ?? '（未识别机关）'}${r.year ? ` ${r.year}年度` : ''}：${r.file}（${r.unreadCells.length ? `${r.unreadCells.length} 个单元格未读出` : '文件无法读取'}${r.notChecked.length ? `，${r.notChecked.length} 项规则未核对` : ''}）`, margin: [8, 1, 0, 2] });
  }
  const corrected = a.reports.filter((r) => r.corrections?.length);
  if (corrected.length) {
    content.push({ text: '督查人员更正的单元格', bold: true, margin: [0, 8, 0, 2] });
    content.push({ text: '下列单元格从文件中未能读取或读取有误，经督查人员对照原件更正；上述问题按更正后的数值核对。', fontSize: 9, color: '#444444', margin: [0, 0, 0, 2] });
    for (const r of corrected) for (const c of r.corrections!) content.push({ text: `${r.agency ?? r.file}${r.year ? ` ${r.year}年度` : ''}：${correctionText(c)}`, margin: [8, 1, 0, 2], fontSize: 9.5 });
  }
  const heads = ['五', '六', '七'];
  let h = 0;
  if (o.assessment) {
    const as = o.assessment;
    content.push({ text: `${heads[h++]}、考核情况`, fontSize: 13, bold: true, margin: [0, 10, 0, 4] });
    content.push({ text: `依据本平台记录的${period}工作情况，按下列项目和权重计算得分（各项为按期或正确的比例，0–100；某项没有可计的记录时不计入，其余权重按比例放大）：${as.components.map((c) => `${c.label}（权重 ${as.weights[c.key] ?? 0}，${c.source.split('：')[0]}）`).join('；')}。`, margin: [0, 0, 0, 4] });
    if (as.rows.length === 0) content.push({ text: '没有可考核的机关。' });
    else {
      content.push({
        table: {
          headerRows: 1, dontBreakRows: true, widths: [9 * MM, '*', 11 * MM, ...as.components.map(() => 12 * MM)],
          body: [
            [th('排名'), th('机关'), th('得分'), ...as.components.map((c) => th(c.label))],
            ...as.rows.map((r): TableCell[] => [r.rank === null ? '—' : String(r.rank), r.name, r.score === null ? '无记录' : String(r.score), ...as.components.map((c) => { const x = r.parts[c.key]; return x ? String(x.value) : '—'; })]),
          ],
        },
        fontSize: 7.5, layout: grid,
      });
      if (as.total > as.rows.length) content.push({ text: `以上为前 ${as.rows.length} 名；全部 ${as.total} 个机关的得分见考核页面。`, fontSize: 9, color: '#444444', margin: [0, 2, 0, 0] });
    }
  }
  if (o.sample) {
    const sm = o.sample;
    content.push({ text: `${heads[h++]}、抽查情况`, fontSize: 13, bold: true, margin: [0, 10, 0, 4] });
    content.push({ text: `${sm.drawnAt.slice(0, 10)} 随机抽取 ${sm.items.length} 条记录（随机种子 ${sm.seed}${sm.reason ? `；重新抽取理由：${sm.reason}` : ''}），已检查 ${sm.score.checked} 条，合格 ${sm.score.passed} 条${sm.score.value !== null ? `，合格率 ${sm.score.value}%` : ''}。`, margin: [0, 0, 0, 4] });
    if (sm.items.length) {
      content.push({
        table: {
          headerRows: 1, dontBreakRows: true, widths: [8 * MM, 38 * MM, 20 * MM, '*', 18 * MM, 30 * MM],
          body: [
            [th('序号'), th('机关'), th('类别'), th('记录'), th('结果'), th('说明')],
            ...sm.items.map((i, k): TableCell[] => [String(k + 1), i.agency, i.kindLabel, `${i.label}${i.refDate ? `（${i.refDate}）` : ''}`, i.result === 'pass' ? '合格' : i.result === 'fail' ? '不合格' : '未检查', i.note ?? '']),
          ],
        },
        fontSize: 8, layout: grid,
      });
    }
  }
  content.push(
    { text: `${heads[h]}、有关要求`, fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
    { text: '请上述机关对照通报的问题逐项核查，属实的及时更正年度报告并重新公布，在规定期限内将整改情况报送政府信息公开工作主管部门；今后编制年度报告时严格按照年度报告格式填写，确保数据准确、勾稽关系正确、按时公布。' },
  );
  return {
    pageSize: 'A4',
    pageMargins: [25 * MM, 22 * MM, 22 * MM, 20 * MM],
    info: { title, author: o.issuer ?? 'Gongkai', subject: '政府信息公开工作年度报告检查情况通报' },
    defaultStyle: { font: PDF_FONT, fontSize: 11, lineHeight: 1.35 },
    content,
    footer: (page: number, pages: number) => ({ text: `— ${page} / ${pages} —`, fontSize: 8, alignment: 'center', margin: [0, 6 * MM, 0, 0] }),
  };
}

export async function auditNoticePdf(a: AuditResult, o: NoticeOptions): Promise<Uint8Array> {
  const buf = await pdfmakeReady().createPdf(noticeDefinition(a, o)).getBuffer();
  return new Uint8Array(buf);
}

// 年报体检 (annual-report check) back-office page: upload one or many report files, see the findings of each
// report; every finding links to its table, whose offending cells are highlighted with the finding's number.
// Works without JavaScript (a plain multipart form, results rendered by the server).
import type { ReactElement } from 'react';
import type { CellRef } from '../../core/report/model.ts';
import { AdminLayout, Button, CsrfField, ErrorSummary, FileField, Notice, type AdminShell, type FieldError } from '../../ui/index.ts';
import { highlightFromFindings } from '../../ui/report/ReportDocument.tsx';
import { ReportTable } from '../../ui/report/ReportTables.tsx';
import { cellAnchorId, reportGrids, TABLE_TITLES, type TableKey } from '../../ui/report/grid.ts';
import type { CheckResult } from './reports.service.ts';

export const CHECK_PATH = '/admin/reports/check';
export const ACCEPTED_EXTENSIONS = '.json,.txt,.md,.html,.htm,.pdf,.docx';

export interface ReportCheckPageProps {
  shell: AdminShell;
  results?: readonly CheckResult[];
  errors?: readonly FieldError[];
}

const zh = (locale: string, zhText: string, en: string) => (locale === 'en' ? en : zhText);

/** A cell reference in words: 表三 （一）予以公开 · 自然人. */
export function describeCell(ref: CellRef): string {
  const p = ref.split('|');
  if (p[0] === 'table2') return `表二 ${p[1]} · ${p[2]}${p[3] ? ` · ${p[3]}` : ''}`;
  if (p[0] === 'table3') return `表三 ${p[1]?.replace('/', ' ')}${p[2] ? ` · ${p[2]}` : ''}`;
  if (p[0] === 'table4') return `表四 ${p[1]}${p[2] ? ` · ${p[2]}` : ''}`;
  return ref;
}
const tableOf = (ref: CellRef): TableKey | null => (/^table[234]\b/.test(ref) ? (ref.slice(0, 6) as TableKey) : null);

function Findings({ r, prefix, locale }: { r: CheckResult; prefix: string; locale: string }): ReactElement {
  if (r.findings.length === 0) {
    return <p className="gk-findings-none">{zh(locale, '没有发现问题：表格满足全部勾稽关系和格式规则。', 'No problems found: every rule holds.')}</p>;
  }
  return (
    <ol className="gk-findings-list">
      {r.findings.map((f, i) => {
        const tables = [...new Set(f.cells.map(tableOf).filter((t): t is TableKey => t !== null))];
        const shown = f.cells.slice(0, 6);
        return (
          <li key={i} id={`${prefix}-f${i + 1}`} className={`gk-finding gk-finding--${f.severity}`}>
            <strong className={`gk-tag gk-tag--${f.severity === 'error' ? 'red' : 'amber'}`}>{f.severity === 'error' ? zh(locale, '错误', 'Error') : zh(locale, '警告', 'Warning')}</strong>{' '}
            <span className="gk-finding-rule">[{f.rule}]</span> <span lang="zh-CN">{f.message}</span>
            {shown.length > 0 && (
              <p className="gk-finding-cells">
                {zh(locale, '涉及单元格：', 'Cells: ')}
                {shown.map((c, k) => {
                  const t = tableOf(c);
                  return <span key={c}>{k > 0 ? '、' : ''}{t ? <a href={`#${cellAnchorId(prefix, c)}`}>{describeCell(c)}</a> : describeCell(c)}</span>;
                })}
                {f.cells.length > shown.length && zh(locale, ` 等 ${f.cells.length} 个（均已在表中标出“${i + 1}”）`, ` and ${f.cells.length - shown.length} more (marked “${i + 1}” in the tables)`)}
              </p>
            )}
            {tables.length > 0 && shown.length === 0 && tables.map((t) => <a key={t} href={`#${prefix}-${t}`}>{TABLE_TITLES[t]}</a>)}
          </li>
        );
      })}
    </ol>
  );
}

function ReportResult({ r, index, locale }: { r: CheckResult; index: number; locale: string }): ReactElement {
  const prefix = `r${index + 1}`;
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const notes = r.notes.filter((n) => n.level !== 'info');
  const heading = r.model ? `${r.file}${r.model.agency ? ` — ${r.model.agency}` : ''}${r.model.year ? ` ${r.model.year} 年度` : ''}` : r.file;
  return (
    <section className="gk-report-check" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{heading}</h2>
      {r.model === null ? (
        <Notice kind="error" title={zh(locale, '无法读取这个文件', 'This file could not be read')} locale={locale as 'zh-CN'}>
          {r.notes.map((n) => n.message).join('；')}
        </Notice>
      ) : (
        <>
          <p className="gk-report-check__summary">
            {zh(locale, `错误 ${errors} 处，警告 ${warnings} 处`, `${errors} errors, ${warnings} warnings`)}
            {r.model.format && zh(locale, `；格式：${r.model.format === 'hybrid' ? '混合' : `${r.model.format} 年版`}`, `; format: ${r.model.format}`)}
          </p>
          <h3>{zh(locale, '体检结果', 'Findings')}</h3>
          <Findings r={r} prefix={prefix} locale={locale} />
          {notes.length > 0 && (
            <details className="gk-parse-notes">
              <summary>{zh(locale, `读取备注 ${notes.length} 条（导入时不确定的单元格，请人工核对）`, `${notes.length} parse notes (cells to verify by hand)`)}</summary>
              <ul>{notes.map((n, i) => <li key={i}>{n.cell ? `${describeCell(n.cell)}：` : ''}{n.message}</li>)}</ul>
            </details>
          )}
          <ReportTablesWithAnchors result={r} prefix={prefix} />
        </>
      )}
    </section>
  );
}

function ReportTablesWithAnchors({ result, prefix }: { result: CheckResult; prefix: string }): ReactElement {
  const grids = reportGrids(result.model!, prefix);
  const marks = highlightFromFindings(result.findings);
  return (
    <div className="gk-report-tables">
      {(['table2', 'table3', 'table4'] as TableKey[]).map((k) => (
        <section key={k} id={`${prefix}-${k}`} tabIndex={-1} aria-label={TABLE_TITLES[k]}>
          <ReportTable grid={grids[k]} title={TABLE_TITLES[k]} highlight={marks} />
        </section>
      ))}
    </div>
  );
}

export function ReportCheckPage({ shell, results, errors }: ReportCheckPageProps): ReactElement {
  const locale = shell.locale;
  const title = zh(locale, '年报体检', 'Annual report check');
  const total = results?.length ?? 0;
  const withErrors = results?.filter((r) => r.model === null || r.findings.some((f) => f.severity === 'error')).length ?? 0;
  return (
    <AdminLayout {...shell} active="reports" title={title}>
      {/* The official tables' stylesheet (also used by the HTML renderer); a body stylesheet link is valid HTML. */}
      <link rel="stylesheet" href="/static/report.css" />
      <ErrorSummary errors={errors} locale={locale} />
      <h1>{title}</h1>
      <p>{zh(locale,
        '上传一份或多份政府信息公开工作年度报告（Word、PDF、网页、文本，或本系统导出的 JSON），系统按国家格式的勾稽关系和规则逐项检查，并在表格中标出有问题的单元格。',
        'Upload one or more annual reports (Word, PDF, web page, text, or JSON exported by Gongkai); every rule is checked and the cells involved are marked in the tables.')}</p>
      <form method="post" action={CHECK_PATH} encType="multipart/form-data" className="gk-form" noValidate>
        <CsrfField token={shell.csrfToken} />
        <FileField
          name="files"
          label={zh(locale, '报告文件', 'Report files')}
          hint={zh(locale, '可一次选择多个文件；支持 .docx、.pdf、.html、.txt、.json。', 'You can choose several files: .docx, .pdf, .html, .txt, .json.')}
          accept={ACCEPTED_EXTENSIONS}
          multiple
          required
          locale={locale}
          error={errors?.find((e) => e.field === 'files')?.message}
        />
        <Button>{zh(locale, '开始体检', 'Check')}</Button>
      </form>
      {results && (
        <>
          <h2 className="gk-report-check__overall">
            {zh(locale, `共 ${total} 份报告，其中 ${withErrors} 份有错误或无法读取`, `${total} reports, ${withErrors} with errors or unreadable`)}
          </h2>
          {results.length > 1 && (
            <nav aria-label={zh(locale, '报告列表', 'Reports')}>
              <ol>{results.map((r, i) => <li key={i}><a href={`#r${i + 1}-title`}>{r.file}</a>（{r.model === null ? zh(locale, '无法读取', 'unreadable') : zh(locale, `错误 ${r.findings.filter((f) => f.severity === 'error').length}，警告 ${r.findings.filter((f) => f.severity === 'warning').length}`, `${r.findings.length} findings`)}）</li>)}</ol>
            </nav>
          )}
          {results.map((r, i) => <ReportResult key={i} r={r} index={i} locale={locale} />)}
        </>
      )}
    </AdminLayout>
  );
}

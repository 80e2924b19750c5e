// A whole annual report as a page fragment: title, metadata, the narrative sections in order, and
// each official table right after its section heading. Used by the HTML renderer and the portal's
// report page; the 年报体检 page passes `highlight` (cells to mark) and `findings` (listed below).
import type { ReactElement } from 'react';
import type { CellRef, ReportModel } from '../../core/report/model.ts';
import { ReportTable, type Highlight } from './ReportTables.tsx';
import { reportOutline } from './outline.ts';
import { t } from '../i18n.ts';
import type { Locale } from '../types.ts';

/** A rule finding as the checker returns it (structurally the same as core/report/rules.ts Finding). */
export interface FindingView {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  cells: CellRef[];
}

export interface ReportDocumentProps {
  model: ReportModel;
  locale?: Locale;
  highlight?: Highlight;
  findings?: readonly FindingView[];
  idPrefix?: string;
}

/** Highlight map for a list of findings: every cell of finding n is marked with its number. */
export function highlightFromFindings(findings: readonly FindingView[]): Map<CellRef, string> {
  const m = new Map<CellRef, string>();
  findings.forEach((f, i) => {
    for (const c of f.cells) m.set(c, m.has(c) ? `${m.get(c)},${i + 1}` : String(i + 1));
  });
  return m;
}

export function FindingsList({ findings, locale = 'zh-CN', idPrefix = 'gk' }: { findings: readonly FindingView[]; locale?: Locale; idPrefix?: string }): ReactElement {
  return (
    <section className="gk-findings" aria-labelledby={`${idPrefix}-findings`}>
      <h2 id={`${idPrefix}-findings`}>{t(locale, 'report.findings.title')}</h2>
      {findings.length === 0 ? <p>{t(locale, 'report.findings.none')}</p> : (
        <ol>
          {findings.map((f, i) => (
            <li key={i} className={`gk-finding gk-finding--${f.severity}`}>
              <strong>{t(locale, `report.findings.${f.severity}`)}</strong>{' '}
              <span className="gk-finding-rule">[{f.rule}]</span> {f.message}
              {f.cells.length > 0 && <div className="gk-finding-cells">{t(locale, 'report.findings.cells', { cells: f.cells.join('；') })}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ReportDocument({ model, locale = 'zh-CN', highlight, findings, idPrefix = 'gk' }: ReportDocumentProps): ReactElement {
  const outline = reportOutline(model, { locale, idPrefix });
  const marks = highlight ?? (findings ? highlightFromFindings(findings) : undefined);
  let h = 0;
  return (
    <article className="gk-report" lang="zh-CN">
      <header className="gk-report-header">
        <h1>{outline.title}</h1>
        <dl className="gk-report-meta" aria-label={t(locale, 'report.meta.caption')} lang={locale}>
          {outline.meta.map((m) => (
            <div key={m.key}><dt>{m.label}</dt><dd lang="zh-CN">{m.value}</dd></div>
          ))}
        </dl>
      </header>
      {outline.blocks.map((b, i) => {
        if (b.kind === 'heading') { h += 1; return <h2 key={i} id={`${idPrefix}-s${h}`}>{b.text}</h2>; }
        if (b.kind === 'paragraph') return <p key={i}>{b.text}</p>;
        return <ReportTable key={i} grid={b.grid} title={b.title} locale={locale} highlight={marks} captionHidden />;
      })}
      {findings && <FindingsList findings={findings} locale={locale} idPrefix={idPrefix} />}
    </article>
  );
}

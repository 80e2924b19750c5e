// Back-office and portal pages of the annual report from live data. Server-rendered, no client script:
// every action is a form post; charts are SVG drawn on the server (annual-report.charts.ts).
import type { ReactElement, ReactNode } from 'react';
import {
  AdminLayout, Button, CsrfField, DataTable, ErrorSummary, FileField, Notice, PortalLayout, Select, SummaryList, TextField, Textarea,
  t, type AdminShell, type AgencyContact, type Column, type FieldError, type Locale, type Prefs,
} from '../../ui/index.ts';
import { FindingsList } from '../../ui/report/ReportDocument.tsx';
import { ReportDocument } from '../../ui/report/ReportDocument.tsx';
import { reportGrids, TABLE_TITLES, type GridCell, type TableKey } from '../../ui/report/grid.ts';
import { CATEGORY_LABELS, DECISION_CATEGORIES, type ListState, type ReportAction } from '../../core/annual-report/index.ts';
import { OUTCOMES } from '../../core/applications/outcomes.ts';
import { APPLICANT_TYPE_LABELS, type ApplicantType } from '../../core/applications/applicants.ts';
import type { CellRef } from '../../core/report/model.ts';
import type { DrillResult, PublishedReport, ReportView, SupervisorRow, TrendPoint } from './annual-report.service.ts';
import type { CsvImportResult, DecisionEntry } from '../decisions/decisions.service.ts';

export const ANNUAL_PATH = '/admin/annual';
export const reportPath = (agencyId: number, year: number) => `${ANNUAL_PATH}/${agencyId}/${year}`;
export const cellPath = (agencyId: number, year: number, ref: CellRef) => `${reportPath(agencyId, year)}/cell?ref=${encodeURIComponent(ref)}`;
export const decisionsPath = (agencyId: number, year: number) => `${ANNUAL_PATH}/${agencyId}/decisions?year=${year}`;
export const trendPath = (agencyId: number) => `${ANNUAL_PATH}/${agencyId}/trend`;
export const portalReportPath = (creditCode: string, year: number) => `/reports/${creditCode}/${year}`;
export const apiReportPath = (creditCode: string, year: number, format: string) => `/api/agencies/${creditCode}/reports/${year}?format=${format}`;

const tr = (locale: Locale) => (k: string, vars?: Record<string, string | number>) => t(locale, `annual.${k}`, vars);
const stateText = (locale: Locale, s: string) => t(locale, `annual.state.${s}`);
const OUTCOME_LABEL = new Map(OUTCOMES.map((o) => [o.code as string, o.label]));

// ───── drill-down tables: the official grid with every number a link to its records ─────

function DrillCell({ cell, agencyId, year, overridden, findings }: { cell: GridCell; agencyId: number; year: number; overridden: ReadonlySet<string>; findings: ReadonlySet<string> }): ReactElement {
  const span = { ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}), ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}) };
  if (cell.header) {
    return cell.role === 'note' ? <td {...span} className="gk-note">{cell.text}</td> : <th {...span} scope={cell.scope} id={cell.id}>{cell.text}</th>;
  }
  const ref = cell.ref!;
  const cls = ['gk-num', overridden.has(ref) ? 'gk-overridden' : '', findings.has(ref) ? 'gk-flag' : ''].filter(Boolean).join(' ');
  return (
    <td {...span} headers={cell.headers?.join(' ')} className={cls} data-cell={ref}>
      <a href={cellPath(agencyId, year, ref)}>{cell.text === '' ? '—' : cell.text}</a>
      {overridden.has(ref) ? <span aria-hidden="true">*</span> : null}
    </td>
  );
}

export function DrillTables({ view, locale }: { view: ReportView; locale: Locale }): ReactElement {
  const grids = reportGrids(view.model, 'ar');
  const overridden = new Set(Object.keys(view.overrides));
  const flagged = new Set(view.findings.flatMap((f) => f.cells));
  return (
    <>
      {(['table2', 'table3', 'table4'] as TableKey[]).map((k) => {
        const g = grids[k];
        return (
          <div className="gk-table-scroll" key={k} role="region" aria-label={TABLE_TITLES[k]} tabIndex={0}>
            <table className={`gk-official gk-official--${k} gk-drill`}>
              <caption>{TABLE_TITLES[k]}</caption>
              <thead>{g.rows.slice(0, g.headerRows).map((row, i) => <tr key={i}>{row.map((c, j) => <DrillCell key={j} cell={c} agencyId={view.agency.id} year={view.year} overridden={overridden} findings={flagged} />)}</tr>)}</thead>
              <tbody>{g.rows.slice(g.headerRows).map((row, i) => <tr key={i}>{row.map((c, j) => <DrillCell key={j} cell={c} agencyId={view.agency.id} year={view.year} overridden={overridden} findings={flagged} />)}</tr>)}</tbody>
            </table>
          </div>
        );
      })}
      <p className="gk-hint">{tr(locale)('drillHint')}</p>
    </>
  );
}

/** The official tables' stylesheet (borders, tabular figures, column widths, sideways scrolling on phones). */
const ReportStyles = () => <link rel="stylesheet" href="/static/report.css" />;

/** "2026-01-31（剩余 3 天）", "（已逾期 309 天）", or for a published report "（已于 2020-01-20 发布）" / "（已发布）". */
export function deadlineText(T: (k: string, v?: Record<string, string | number>) => string, d: { deadline: string; daysLeft: number; published: boolean; publishedOn?: string | null }): string {
  const note = d.published ? (d.publishedOn ? T('publishedOnShort', { date: d.publishedOn }) : T('state.published')) : d.daysLeft >= 0 ? T('daysLeftShort', { days: d.daysLeft }) : T('daysOverdueShort', { days: -d.daysLeft });
  return `${d.deadline}（${note}）`;
}

// ───── index ─────

export interface AnnualIndexProps {
  shell: AdminShell;
  agencyId: number;
  dashboard: { year: number; deadline: string; daysLeft: number; state: ListState; reminder: boolean };
  reports: { year: number; state: string }[];
  canCompile: boolean;
  supervisor: boolean;
  errors?: FieldError[];
  currentYear: number;
}

export function AnnualIndexPage(p: AnnualIndexProps): ReactElement {
  const { locale } = p.shell;
  const T = tr(locale);
  const years = Array.from({ length: p.currentYear - 2018 }, (_, i) => String(p.currentYear - i));
  return (
    <AdminLayout {...p.shell} active="reports" title={T('title')}>
      <h1 className="gk-heading-l">{T('title')}</h1>
      {p.dashboard.reminder ? (
        <Notice kind={p.dashboard.daysLeft < 0 ? 'error' : 'warning'} title={T('reminderTitle', { year: p.dashboard.year })} locale={locale}>
          <p>{p.dashboard.daysLeft >= 0 ? T('daysLeft', { days: p.dashboard.daysLeft, deadline: p.dashboard.deadline }) : T('overdue', { days: -p.dashboard.daysLeft, deadline: p.dashboard.deadline })}</p>
        </Notice>
      ) : null}
      <SummaryList items={[
        { key: T('dueYear'), value: `${p.dashboard.year}` },
        { key: T('deadline'), value: deadlineText(T, { ...p.dashboard, published: p.dashboard.state === 'published' }) },
        { key: T('stateLabel'), value: stateText(locale, p.dashboard.state) },
      ]} />
      {p.canCompile ? (
        <form method="post" action={`${ANNUAL_PATH}/${p.agencyId}/compile`} className="gk-form">
          <h2 className="gk-heading-m">{T('compileTitle')}</h2>
          <ErrorSummary errors={p.errors} locale={locale} />
          <CsrfField token={p.shell.csrfToken} />
          <Select name="year" label={T('year')} options={years.map((y) => ({ value: y, label: `${y}` }))} value={String(p.dashboard.year)} locale={locale} />
          <Select name="format" label={T('format')} options={[{ value: '', label: T('formatAuto') }, { value: '2019', label: T('format2019') }, { value: '2021', label: T('format2021') }]} value="" locale={locale} />
          <Button>{T('compile')}</Button>
        </form>
      ) : null}
      <h2 className="gk-heading-m">{T('ownReports')}</h2>
      {p.reports.length === 0 ? <p>{T('noReports')}</p> : (
        <ul>{p.reports.map((r) => <li key={r.year}><a href={reportPath(p.agencyId, r.year)}>{T('reportOf', { year: r.year })}</a>（{stateText(locale, r.state)}）</li>)}</ul>
      )}
      <ul className="gk-links">
        <li><a href={decisionsPath(p.agencyId, p.dashboard.year)}>{T('decisionsTitle')}</a></li>
        <li><a href={trendPath(p.agencyId)}>{T('trendTitle')}</a></li>
        {p.supervisor ? <li><a href={`${ANNUAL_PATH}/agencies?year=${p.dashboard.year}`}>{T('supervisorTitle')}</a></li> : null}
        {p.shell.user.role === 'supervisor' ? <li><a href="/admin/supervision">{T('supervisionLink')}</a></li> : null}
        <li><a href="/admin/reports/check">{T('checkLink')}</a></li>
      </ul>
    </AdminLayout>
  );
}

// ───── the report ─────

const ACTION_NEEDS_COMMENT: Partial<Record<ReportAction, boolean>> = { return: true, unlock: true };

/** A figure stated in the narrative (its phrase as written) and the records behind it. */
export interface FigureLink { text: string; href: string }

/** The figures of a section's text that link to their records: those whose phrase the text (still) contains. */
function SectionFigures({ text, links }: { text: string; links: readonly FigureLink[] }): ReactElement | null {
  const found = links.filter((l) => text.includes(l.text));
  if (!found.length) return null;
  return <p className="gk-hint" data-testid="section-figures">数字来源：{found.map((l, i) => <span key={l.href + i}>{i ? '；' : ''}<a href={l.href}>{l.text}</a></span>)}</p>;
}

export function AnnualReportPage({ shell, view, errors, evaluations }: { shell: AdminShell; view: ReportView; errors?: FieldError[]; evaluations?: { text: string; links: FigureLink[] } }): ReactElement {
  const { locale } = shell;
  const T = tr(locale);
  const base = reportPath(view.agency.id, view.year);
  const editable = view.actions.includes('save');
  const overrides = Object.entries(view.overrides);
  const lastReturn = [...view.events].reverse().find((e) => e.kind === 'return');
  const title = T('reportTitle', { agency: view.agency.name, year: view.year });
  return (
    <AdminLayout {...shell} active="reports" title={title}>
      <ReportStyles />
      <h1 className="gk-heading-l">{title}</h1>
      <ErrorSummary errors={errors} locale={locale} />
      <SummaryList items={[
        { key: T('stateLabel'), value: <strong data-state={view.state}>{stateText(locale, view.state)}</strong> },
        { key: T('format'), value: view.format },
        { key: T('deadline'), value: deadlineText(T, { deadline: view.deadline, daysLeft: view.daysLeft, published: view.publications.length > 0, publishedOn: view.publications[view.publications.length - 1]?.publishedOn ?? null }) },
        { key: T('findingsCount'), value: T('findingsSummary', { errors: view.errors, warnings: view.warnings }) },
        ...(view.publishedVersion ? [{ key: T('publishedVersion'), value: <a href={portalReportPath(view.agency.creditCode, view.year)}>{T('versionNo', { n: view.publishedVersion })}</a> }] : []),
      ]} />
      {view.locked ? <Notice kind="info" title={T('lockedTitle')} locale={locale}><p>{T('lockedBody', { year: view.year })}</p></Notice> : null}
      {view.state === 'returned' && lastReturn ? <Notice kind="warning" title={T('returnedTitle')} locale={locale}><p data-return-comment="">{lastReturn.comment}</p></Notice> : null}
      {view.errors > 0 ? <Notice kind="error" title={T('errorsBlock', { n: view.errors })} locale={locale} /> : null}

      <section aria-labelledby="ar-actions">
        <h2 className="gk-heading-m" id="ar-actions">{T('actionsTitle')}</h2>
        {editable ? (
          <form method="post" action={`${ANNUAL_PATH}/${view.agency.id}/compile`} className="gk-inline-form">
            <CsrfField token={shell.csrfToken} />
            <input type="hidden" name="year" value={view.year} />
            <Button variant="secondary">{T('recompile')}</Button>
          </form>
        ) : null}
        {view.actions.filter((a) => a !== 'save').map((a) => (
          <form method="post" action={`${base}/${a}`} key={a} className="gk-form">
            <CsrfField token={shell.csrfToken} />
            <input type="hidden" name="version" value={view.version} />
            {ACTION_NEEDS_COMMENT[a] || (a === 'publish' && view.publishedVersion > 0) ? (
              <Textarea name="comment" label={T(`comment.${a}`)} rows={3} locale={locale} />
            ) : null}
            <Button variant={a === 'return' || a === 'unlock' ? 'warning' : 'primary'}>{T(`action.${a}`)}</Button>
          </form>
        ))}
        {view.actions.length === 0 ? <p>{T('noActions')}</p> : null}
      </section>

      <section aria-labelledby="ar-findings"><FindingsList findings={view.findings} locale={locale} idPrefix="ar" /></section>

      <section aria-labelledby="ar-tables">
        <h2 className="gk-heading-m" id="ar-tables">{T('tablesTitle')}</h2>
        <DrillTables view={view} locale={locale} />
      </section>

      <section aria-labelledby="ar-overrides">
        <h2 className="gk-heading-m" id="ar-overrides">{T('overridesTitle')}</h2>
        {overrides.length === 0 ? <p>{T('noOverrides')}</p> : (
          <DataTable caption={T('overridesTitle')} captionHidden locale={locale} rows={overrides} rowKey={([ref]) => ref}
            columns={[
              { key: 'ref', header: T('cell'), rowHeader: true, render: ([ref]) => <a href={cellPath(view.agency.id, view.year, ref)}>{ref.split('|').slice(1).join(' · ')}</a> },
              { key: 'computed', header: T('computed'), numeric: true, render: ([, o]) => String(o.computed ?? '—') },
              { key: 'value', header: T('overrideValue'), numeric: true, render: ([, o]) => String(o.value ?? '—') },
              { key: 'reason', header: T('reason'), render: ([, o]) => o.reason },
              { key: 'by', header: T('by'), render: ([, o]) => `${o.by} ${o.at.slice(0, 16).replace('T', ' ')}` },
            ]} />
        )}
      </section>

      <section aria-labelledby="ar-narrative">
        <h2 className="gk-heading-m" id="ar-narrative">{T('narrativeTitle')}</h2>
        {/* the compiled 总体情况 states the sentence; offered here only when the officer's text no longer does */}
        {evaluations && !view.model.sections.some((s) => s.text.includes(evaluations.text)) ? (
          <div className="gk-notice gk-notice--info" role="status" data-testid="evaluations-sentence">
            <p><strong>政务服务好差评（可写入“总体情况”）：</strong>{evaluations.text}</p>
            <SectionFigures text={evaluations.text} links={evaluations.links} />
          </div>
        ) : null}
        {editable ? (
          <form method="post" action={`${base}/save`} className="gk-form">
            <CsrfField token={shell.csrfToken} />
            <input type="hidden" name="version" value={view.version} />
            {view.model.sections.map((s) => (
              <div key={s.key}>
                <Textarea name={`section_${s.key}`} label={s.heading} value={s.text} rows={6} locale={locale}
                  hint={view.editedSections.includes(s.key) ? T('sectionEdited') : T('sectionSuggested')} />
                {evaluations ? <SectionFigures text={s.text} links={evaluations.links} /> : null}
              </div>
            ))}
            <Button>{T('saveNarrative')}</Button>
          </form>
        ) : view.model.sections.map((s) => <div key={s.key}><h3 className="gk-heading-s">{s.heading}</h3>{s.text.split('\n').map((l, i) => <p key={i}>{l}</p>)}{evaluations ? <SectionFigures text={s.text} links={evaluations.links} /> : null}</div>)}
      </section>

      <section aria-labelledby="ar-history">
        <h2 className="gk-heading-m" id="ar-history">{T('historyTitle')}</h2>
        <ol className="gk-history">
          {view.events.map((e, i) => <li key={i}><span className="gk-num">{e.at.slice(0, 16).replace('T', ' ')}</span> {e.actorName}：{T(`event.${e.kind}`)}{e.comment ? `——${e.comment}` : ''}</li>)}
        </ol>
        {view.publications.length ? (
          <ul>{view.publications.map((pub) => <li key={pub.versionNo}>{T('versionNo', { n: pub.versionNo })} {pub.publishedOn}{pub.changeNote ? `：${pub.changeNote}` : ''}</li>)}</ul>
        ) : null}
      </section>
      <ul className="gk-links">
        <li><a href={decisionsPath(view.agency.id, view.year)}>{T('decisionsTitle')}</a></li>
        <li><a href={trendPath(view.agency.id)}>{T('trendTitle')}</a></li>
        <li><a href={`${base}/download?format=docx`}>{T('download.docx')}</a></li>
        <li><a href={`${base}/download?format=pdf`}>{T('download.pdf')}</a></li>
        <li><a href={`${base}/download?format=xlsx`}>{T('download.xlsx')}</a></li>
        <li><a href={`${base}/download?format=json`}>{T('download.json')}</a></li>
      </ul>
    </AdminLayout>
  );
}

// ───── drill-down ─────

export function CellPage({ shell, view, drill, errors, values }: { shell: AdminShell; view: ReportView; drill: DrillResult; errors?: FieldError[]; values?: Record<string, string> }): ReactElement {
  const { locale } = shell;
  const T = tr(locale);
  const editable = view.actions.includes('save');
  const d = drill.detail;
  let list: ReactNode;
  if (d.kind === 'applications') {
    const cols: Column<(typeof d.rows)[number]>[] = [
      { key: 'code', header: T('col.queryCode'), rowHeader: true, render: (r) => <a href={`/admin/applications/${r.id}`}>{r.query_code}</a> },
      { key: 'type', header: T('col.applicantType'), render: (r) => APPLICANT_TYPE_LABELS[r.applicant_type as ApplicantType]?.[locale === 'en' ? 'en' : 'zh'] ?? r.applicant_type },
      { key: 'name', header: T('col.applicant'), render: (r) => r.applicant_name },
      { key: 'content', header: T('col.content'), render: (r) => r.content.slice(0, 60) },
      { key: 'received', header: T('col.received'), render: (r) => r.received_on ?? '' },
      { key: 'concluded', header: T('col.concluded'), render: (r) => r.concluded_on ?? '' },
      { key: 'outcome', header: T('col.outcome'), render: (r) => (r.outcome ? OUTCOME_LABEL.get(r.outcome) ?? r.outcome : '') },
    ];
    list = <DataTable caption={T('recordsTitle')} captionHidden locale={locale} rows={d.rows} rowKey={(r) => String(r.id)} columns={cols} emptyText={T('noRecords')} />;
  } else if (d.kind === 'appeals') {
    list = <DataTable caption={T('recordsTitle')} captionHidden locale={locale} rows={d.rows} rowKey={(r) => String(r.id)} emptyText={T('noRecords')} columns={[
      { key: 'no', header: T('col.caseNumber'), rowHeader: true, render: (r) => r.case_number ?? `#${r.id}` },
      { key: 'filed', header: T('col.filed'), render: (r) => r.filed_on },
      { key: 'body', header: T('col.body'), render: (r) => r.body_name ?? '' },
      { key: 'result', header: T('col.result'), render: (r) => T(`result.${r.result}`) },
      { key: 'closed', header: T('col.closed'), render: (r) => r.closed_on ?? '' },
      { key: 'app', header: T('col.application'), render: (r) => (r.application_id ? <a href={`/admin/applications/${r.application_id}`}>#{r.application_id}</a> : '') },
    ]} />;
  } else if (d.kind === 'catalogue') {
    list = <DataTable caption={T('recordsTitle')} captionHidden locale={locale} rows={d.rows} rowKey={(r) => String(r.id)} emptyText={T('noRecords')} columns={[
      { key: 'title', header: T('col.item'), rowHeader: true, render: (r) => <a href={`/admin/catalogue/${r.id}`}>{r.title}</a> },
    ]} />;
  } else if (d.kind === 'register') {
    list = <DataTable caption={T('recordsTitle')} captionHidden locale={locale} rows={d.rows} rowKey={(r) => String(r.id)} emptyText={T('noRecords')} columns={[
      { key: 'date', header: T('col.decidedOn'), rowHeader: true, render: (r) => r.decidedOn ?? T('perYear') },
      { key: 'name', header: T('col.itemName'), render: (r) => (r.caseNo ? `${r.caseNo} ${r.itemName ?? ''}${r.result ? `（${r.result}）` : ''}` : r.itemName ?? '') },
      { key: 'count', header: T('col.count'), numeric: true, render: (r) => String(r.count) },
      { key: 'amount', header: T('col.amount'), numeric: true, render: (r) => (r.amount === null ? '' : String(r.amount)) },
      { key: 'source', header: T('col.source'), render: (r) => T(`source.${r.source}`) },
    ]} />;
  } else {
    list = <>
      <DataTable caption={T('recordsTitle')} captionHidden locale={locale} rows={d.rows} rowKey={(_r) => 'items'} emptyText={T('noRecords')} columns={[
        { key: 'prev', header: '上一年项目数量', numeric: true, render: (r) => String(r.previous) },
        { key: 'change', header: '本年增/减', numeric: true, render: (r) => String(r.change) },
      ]} />
      {d.serviceItems ? <DataTable caption="政务服务事项（按状态变更历史统计）" locale={locale} rows={d.serviceItems} rowKey={(r) => String(r.id)} emptyText={T('noRecords')} columns={[
        { key: 'code', header: '实施编码', rowHeader: true, render: (r) => r.code },
        { key: 'name', header: '事项名称', render: (r) => <a href={`/admin/services/${r.id}`}>{r.name}</a> },
        { key: 'prev', header: '上年末在目录', render: (r) => (r.previous ? '是' : '否') },
        { key: 'cur', header: '本年末在目录', render: (r) => (r.current ? '是' : '否') },
      ]} /> : null}
    </>;
  }
  const title = `${drill.label}`;
  return (
    <AdminLayout {...shell} active="reports" title={title}>
      <p><a href={reportPath(view.agency.id, view.year)}>← {T('reportTitle', { agency: view.agency.name, year: view.year })}</a></p>
      <h1 className="gk-heading-l">{title}</h1>
      <ErrorSummary errors={errors} locale={locale} />
      <SummaryList items={[
        { key: T('cellValue'), value: <strong className="gk-num" data-value="">{String(drill.value ?? '—')}</strong> },
        { key: T('computed'), value: String(drill.computed ?? '—') },
        ...(drill.override ? [{ key: T('reason'), value: `${drill.override.reason}（${drill.override.by}）` }] : []),
      ]} />
      <h2 className="gk-heading-m">{T('recordsTitle')}</h2>
      {list}
      {(d.kind === 'register' || d.kind === 'items') ? <p><a href={decisionsPath(view.agency.id, view.year)}>{T('decisionsTitle')}</a></p> : null}
      {editable ? (
        <form method="post" action={`${reportPath(view.agency.id, view.year)}/override`} className="gk-form">
          <h2 className="gk-heading-m">{T('overrideTitle')}</h2>
          <p>{T('overrideHint')}</p>
          <CsrfField token={shell.csrfToken} />
          <input type="hidden" name="version" value={view.version} />
          <input type="hidden" name="ref" value={drill.ref} />
          <TextField name="value" label={T('overrideValue')} type="number" value={values?.value ?? ''} locale={locale} error={errors?.find((e) => e.field === 'value')?.message} />
          <Textarea name="reason" label={T('reason')} value={values?.reason ?? ''} rows={3} locale={locale} error={errors?.find((e) => e.field === 'reason')?.message} />
          <Button>{T('overrideSave')}</Button>
          {drill.override ? <Button variant="secondary" name="restore" value="1">{T('overrideRestore')}</Button> : null}
        </form>
      ) : null}
    </AdminLayout>
  );
}

// ───── decisions register ─────

export interface DecisionsPageProps {
  shell: AdminShell;
  agencyId: number;
  agencyName: string;
  year: number;
  entries: DecisionEntry[];
  items: { category: string; previous: number; change: number }[];
  locked: boolean;
  canEdit: boolean;
  csv?: CsvImportResult;
  errors?: FieldError[];
}

export function DecisionsPage(p: DecisionsPageProps): ReactElement {
  const { locale } = p.shell;
  const T = tr(locale);
  const catOptions = DECISION_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c][locale === 'en' ? 'en' : 'zh'] }));
  const totals = DECISION_CATEGORIES.map((c) => ({ c, n: p.entries.filter((e) => e.category === c).reduce((s, e) => s + e.count, 0), amount: p.entries.filter((e) => e.category === c).reduce((s, e) => s + (e.amount ?? 0), 0) }));
  const action = `${ANNUAL_PATH}/${p.agencyId}/decisions`;
  const edit = p.canEdit && !p.locked;
  const title = T('decisionsTitle');
  return (
    <AdminLayout {...p.shell} active="reports" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <p>{p.agencyName} · {T('reportOf', { year: p.year })} · <a href={reportPath(p.agencyId, p.year)}>{T('openReport')}</a></p>
      <form method="get" action={action} className="gk-inline-form">
        <TextField name="year" label={T('year')} type="number" value={String(p.year)} locale={locale} />
        <Button variant="secondary">{T('show')}</Button>
      </form>
      <ErrorSummary errors={p.errors} locale={locale} />
      {p.locked ? <Notice kind="info" title={T('lockedTitle')} locale={locale}><p>{T('lockedBody', { year: p.year })}</p></Notice> : null}
      <DataTable caption={T('totalsTitle')} locale={locale} rows={totals} rowKey={(r) => r.c} columns={[
        { key: 'c', header: T('category'), rowHeader: true, render: (r) => CATEGORY_LABELS[r.c].zh },
        { key: 'n', header: T('col.count'), numeric: true, render: (r) => String(r.n) },
        { key: 'a', header: T('col.amount'), numeric: true, render: (r) => String(Math.round(r.amount * 10000) / 10000) },
        { key: 'p', header: '上一年项目数量', numeric: true, render: (r) => String(p.items.find((i) => i.category === r.c)?.previous ?? 0) },
        { key: 'd', header: '本年增/减', numeric: true, render: (r) => String(p.items.find((i) => i.category === r.c)?.change ?? 0) },
      ]} />
      <h2 className="gk-heading-m">{T('entriesTitle')}</h2>
      <DataTable caption={T('entriesTitle')} captionHidden locale={locale} rows={p.entries.slice(0, 500)} rowKey={(e) => String(e.id)} emptyText={T('noEntries')} columns={[
        { key: 'cat', header: T('category'), rowHeader: true, render: (e) => e.categoryLabel },
        { key: 'date', header: T('col.decidedOn'), render: (e) => e.decidedOn ?? T('perYear') },
        { key: 'name', header: T('col.itemName'), render: (e) => e.itemName ?? '' },
        { key: 'count', header: T('col.count'), numeric: true, render: (e) => String(e.count) },
        { key: 'amount', header: T('col.amount'), numeric: true, render: (e) => (e.amount === null ? '' : String(e.amount)) },
        { key: 'src', header: T('col.source'), render: (e) => T(`source.${e.source}`) },
        ...(edit ? [{ key: 'del', header: T('remove'), render: (e: DecisionEntry) => (
          <form method="post" action={`${action}/${e.id}/delete`}><CsrfField token={p.shell.csrfToken} /><input type="hidden" name="version" value={e.version} /><input type="hidden" name="year" value={p.year} /><Button variant="warning">{T('remove')}</Button></form>
        ) }] : []),
      ]} />
      {edit ? (
        <>
          <form method="post" action={action} className="gk-form">
            <h2 className="gk-heading-m">{T('addTitle')}</h2>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="year" value={p.year} />
            <Select name="category" label={T('category')} options={catOptions} locale={locale} />
            <TextField name="count" label={T('col.count')} type="number" value="0" locale={locale} />
            <TextField name="amount" label={T('amountHint')} value="" locale={locale} required={false} />
            <TextField name="note" label={T('note')} value="" locale={locale} required={false} />
            <Button>{T('add')}</Button>
          </form>
          <form method="post" action={`${action}/items`} className="gk-form">
            <h2 className="gk-heading-m">{T('itemsTitle')}</h2>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="year" value={p.year} />
            <Select name="category" label={T('category')} options={catOptions} locale={locale} />
            <TextField name="previous" label="上一年项目数量" type="number" value="0" locale={locale} />
            <TextField name="change" label="本年增/减" type="number" value="0" locale={locale} />
            <Button>{T('saveItems')}</Button>
          </form>
          <form method="post" action={`${action}/import`} encType="multipart/form-data" className="gk-form">
            <h2 className="gk-heading-m">{T('importTitle')}</h2>
            <p>{T('importHint')}</p>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="year" value={p.year} />
            <FileField name="file" label={T('csvFile')} accept=".csv,text/csv,text/plain" locale={locale} />
            <Button variant="secondary" name="dryRun" value="1">{T('dryRun')}</Button>
            <Button name="dryRun" value="0">{T('import')}</Button>
          </form>
        </>
      ) : null}
      {p.csv ? (
        <section aria-labelledby="csv-result">
          <h2 className="gk-heading-m" id="csv-result">{p.csv.dryRun ? T('dryRunResult') : T('importResult', { n: p.csv.inserted })}</h2>
          <DataTable caption={T('csvSummary')} captionHidden locale={locale} rows={p.csv.summary} rowKey={(r) => `${r.year}-${r.category}`} columns={[
            { key: 'y', header: T('year'), rowHeader: true, render: (r) => String(r.year) },
            { key: 'c', header: T('category'), render: (r) => CATEGORY_LABELS[r.category].zh },
            { key: 'n', header: T('col.count'), numeric: true, render: (r) => String(r.count) },
          ]} />
          {p.csv.problems.length ? <Notice kind="error" title={T('csvProblems', { n: p.csv.problems.length })} locale={locale}><ul>{p.csv.problems.slice(0, 50).map((x) => <li key={x.line}>{x.message}</li>)}</ul></Notice> : null}
        </section>
      ) : null}
    </AdminLayout>
  );
}

// ───── supervisor list ─────

export function SupervisorPage({ shell, year, rows }: { shell: AdminShell; year: number; rows: SupervisorRow[] }): ReactElement {
  const { locale } = shell;
  const T = tr(locale);
  const title = T('supervisorTitle');
  return (
    <AdminLayout {...shell} active="reports" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <form method="get" action={`${ANNUAL_PATH}/agencies`} className="gk-inline-form">
        <TextField name="year" label={T('year')} type="number" value={String(year)} locale={locale} />
        <Button variant="secondary">{T('show')}</Button>
      </form>
      <DataTable caption={T('supervisorCaption', { year })} locale={locale} rows={rows} rowKey={(r) => String(r.agencyId)} emptyText={T('noAgencies')} columns={[
        { key: 'agency', header: T('agency'), rowHeader: true, render: (r) => (r.reportState ? <a href={reportPath(r.agencyId, year)}>{r.agencyName}</a> : r.agencyName) },
        { key: 'state', header: T('stateLabel'), render: (r) => <span data-list-state={r.state}>{stateText(locale, r.state)}</span> },
        { key: 'findings', header: T('findingsCount'), numeric: true, render: (r) => String(r.findings) },
        { key: 'errors', header: T('errorsCount'), numeric: true, render: (r) => String(r.errors) },
      ]} />
    </AdminLayout>
  );
}

// ───── year over year ─────

export function TrendPage({ shell, agencyName, points, charts }: { shell: AdminShell; agencyName: string; points: TrendPoint[]; charts: { title: string; svg: string }[] }): ReactElement {
  const { locale } = shell;
  const T = tr(locale);
  const title = `${T('trendTitle')} · ${agencyName}`;
  const outcomeKeys = Object.keys(points[0]?.outcomes ?? {});
  return (
    <AdminLayout {...shell} active="reports" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <div className="gk-charts">
        {charts.map((c) => (
          <figure key={c.title} className="gk-chart">
            <figcaption>{c.title}</figcaption>
            {/* SVG drawn on the server by echarts (renderer 'svg'); numbers also in the table below */}
            <div role="img" aria-label={c.title} dangerouslySetInnerHTML={{ __html: c.svg }} />
          </figure>
        ))}
      </div>
      <DataTable caption={T('trendTable')} locale={locale} rows={points} rowKey={(p) => String(p.year)} columns={[
        { key: 'year', header: T('year'), rowHeader: true, render: (p) => `${p.year}（${stateText(locale, p.state)}）` },
        { key: 'received', header: T('series.received'), numeric: true, render: (p) => String(p.received) },
        { key: 'concluded', header: T('series.concluded'), numeric: true, render: (p) => String(p.concluded) },
        { key: 'carried', header: T('series.carriedOut'), numeric: true, render: (p) => String(p.carriedOut) },
        ...outcomeKeys.map((k) => ({ key: k, header: k, numeric: true, render: (p: TrendPoint) => String(p.outcomes[k] ?? 0) })),
        { key: 'reviews', header: T('series.reviews'), numeric: true, render: (p) => String(p.reviews) },
        { key: 'litigation', header: T('series.litigation'), numeric: true, render: (p) => String(p.litigation) },
        { key: 'rules', header: T('series.rules'), numeric: true, render: (p) => String(p.rules) },
        { key: 'normative', header: T('series.normative'), numeric: true, render: (p) => String(p.normative) },
      ]} />
    </AdminLayout>
  );
}

// ───── portal ─────

export interface PortalCtx { locale: Locale; agency: AgencyContact; prefs?: Prefs; currentPath: string }

export function PortalReportsPage({ ctx, rows }: { ctx: PortalCtx; rows: { agencyName: string; creditCode: string; year: number; versionNo: number; publishedOn: string }[] }): ReactElement {
  const T = tr(ctx.locale);
  const title = T('portalTitle');
  return (
    <PortalLayout locale={ctx.locale} agency={ctx.agency} title={title} prefs={ctx.prefs} currentPath={ctx.currentPath} active="reports" breadcrumbs={[{ label: title, href: '/reports' }]}>
      <h1 className="gk-heading-l">{title}</h1>
      {rows.length === 0 ? <p>{T('portalEmpty')}</p> : (
        <ul className="gk-list">
          {rows.map((r) => (
            <li key={`${r.creditCode}-${r.year}`}>
              <a href={portalReportPath(r.creditCode, r.year)}>{T('reportTitle', { agency: r.agencyName, year: r.year })}</a>
              <span className="gk-meta">（{r.publishedOn}{r.versionNo > 1 ? `，${T('corrected', { n: r.versionNo })}` : ''}）</span>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function PortalReportPage({ ctx, report }: { ctx: PortalCtx; report: PublishedReport }): ReactElement {
  const T = tr(ctx.locale);
  const title = T('reportTitle', { agency: report.agency.name, year: report.year });
  const api = (f: string) => apiReportPath(report.agency.creditCode, report.year, f);
  return (
    <PortalLayout locale={ctx.locale} agency={ctx.agency} title={title} prefs={ctx.prefs} currentPath={ctx.currentPath} active="reports"
      breadcrumbs={[{ label: T('portalTitle'), href: '/reports' }, { label: title, href: portalReportPath(report.agency.creditCode, report.year) }]}>
      <ReportStyles />
      <ReportDocument model={report.model} locale={ctx.locale} idPrefix="pr" />
      <section aria-labelledby="pr-downloads">
        <h2 id="pr-downloads">{T('downloads')}</h2>
        <ul>
          <li><a href={api('docx')}>{T('download.docx')}</a></li>
          <li><a href={api('pdf')}>{T('download.pdf')}</a></li>
          <li><a href={api('xlsx')}>{T('download.xlsx')}</a></li>
          <li><a href={api('json')}>{T('download.json')}</a></li>
        </ul>
      </section>
      {report.versions.length > 1 ? (
        <section aria-labelledby="pr-versions">
          <h2 id="pr-versions">{T('versionsTitle')}</h2>
          <ul>{report.versions.map((v) => <li key={v.versionNo}>{T('versionNo', { n: v.versionNo })} {v.publishedOn}{v.changeNote ? `：${v.changeNote}` : ''}</li>)}</ul>
        </section>
      ) : null}
    </PortalLayout>
  );
}

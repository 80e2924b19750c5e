// Back-office pages of supervision (督查体检): the runs with the forms to start one (upload files, a folder or a zip; or
// the reports the agencies below submitted in Gongkai), one run (summary, triage counts, cross-year results, its reports,
// paged), one report of a run (reading problems apart from rule findings, rules not checked, each finding with its
// triage and rectification forms), and the rectifications (整改) with the agency's answer and the supervisor's review.
// Every form posts to a page route whose API twin is named in tests/integration/api-twins.test.ts.
import type { ReactElement } from 'react';
import { AdminLayout, Button, CsrfField, ErrorSummary, FileField, Notice, Pagination, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { t, type Locale, type Vars } from '../../ui/i18n.ts';
import { describeCell, ACCEPTED_EXTENSIONS } from '../reports/reports.pages.tsx';
import type { FindingView, Paged, RunReportDetail, RunReportView, RunView } from './supervision.service.ts';
import { STATUS_LABELS } from './supervision.service.ts';
import { RECTIFICATION_LABELS, type RectificationDetail, type RectificationView } from './supervision.rectify.ts';
import type { RunAgencyView } from './supervision.agencies.ts';
import { SUPERVISION_PATH, SupervisionNav } from './supervision.nav.tsx';

export { SUPERVISION_PATH } from './supervision.nav.tsx';

/** How the pages name the reports whose agency could not be read (also the agency filter's value for them). */
export const UNNAMED_AGENCY = '（未识别）';

/** The page's messages (src/locales/<locale>/supervision.json); the labels of states are under `labels.` there. */
export const supervisionT = (locale: Locale) => (k: string, vars?: Vars) => t(locale, `supervision.${k}`, vars);
/** A report's conclusion (通过 / 有错误 / 未能完整读取) in the locale; an unknown status as it is. */
const statusLabel = (T: ReturnType<typeof supervisionT>, status: string) => (status in STATUS_LABELS ? T(`labels.status.${status}`) : status);
const tone = (status: string) => (status === 'clean' ? 'green' : status === 'findings' ? 'red' : 'amber');

function Tag({ text, color }: { text: string; color: string }) {
  return <strong className={`gk-tag gk-tag--${color}`}>{text}</strong>;
}

export function RunsPage(p: { shell: AdminShell; runs: Paged<RunView>; years: number[]; errors?: readonly FieldError[] }) {
  const err = (f: string) => p.errors?.find((e) => e.field === f)?.message;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('runs.title')}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <SupervisionNav current="runs" locale={locale} />
      <h1>{T('runs.title')}</h1>
      <p>{T('runs.intro')}</p>
      <section aria-labelledby="new-upload">
        <h2 id="new-upload">{T('runs.upload')}</h2>
        <form method="post" action={`${SUPERVISION_PATH}/runs`} encType="multipart/form-data" className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <TextField name="title" label={T('runs.name')} required={false} maxLength={200} hint={T('runs.nameHint')} error={err('title')} locale={locale} />
          <FileField name="files" label={T('runs.files')} hint={T('runs.filesHint')} accept={`${ACCEPTED_EXTENSIONS},.zip`} multiple error={err('files')} locale={locale} />
          <div className="gk-form-group">
            <label className="gk-label" htmlFor="field-folder">{T('runs.folder')}</label>
            <input className="gk-file-upload" id="field-folder" name="folder" type="file" multiple {...{ webkitdirectory: '' }} />
          </div>
          <Button>{T('runs.start')}</Button>
        </form>
      </section>
      <section aria-labelledby="new-platform">
        <h2 id="new-platform">{T('runs.platform')}</h2>
        <form method="post" action={`${SUPERVISION_PATH}/runs`} encType="multipart/form-data" className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="source" value="platform" />
          <Select name="year" label={T('runs.reportYear')} options={p.years.map((y) => ({ value: String(y), label: T('labels.yearOf', { year: y }) }))} value={String(p.years[0] ?? '')} error={err('year')} idPrefix="platform" locale={locale} />
          <Button variant="secondary">{T('runs.startPlatform')}</Button>
        </form>
      </section>
      <h2>{T('runs.history')}</h2>
      {p.runs.total === 0 ? <p>{T('runs.noRuns')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <thead><tr><th scope="col">{T('runs.colTime')}</th><th scope="col">{T('runs.colName')}</th><th scope="col">{T('runs.colSource')}</th><th scope="col">{T('runs.colReports')}</th><th scope="col">{T('runs.colClean')}</th><th scope="col">{T('runs.colWithErrors')}</th><th scope="col">{T('runs.colUnreadable')}</th><th scope="col">{T('runs.colPending')}</th></tr></thead>
            <tbody>
              {p.runs.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td><td><a href={`${SUPERVISION_PATH}/runs/${r.id}`}>{r.title}</a></td><td>{T(`labels.source.${r.source}`)}</td>
                  <td>{r.summary.reports}</td><td>{r.summary.clean}</td><td>{r.summary.withErrors}</td><td>{r.summary.unreadable}</td><td>{r.decisions.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.runs.page} pageSize={p.runs.pageSize} total={p.runs.total} baseHref={SUPERVISION_PATH} locale={locale} />
    </AdminLayout>
  );
}

/** A refused triage or rectification form of one finding: its messages, shown at the form (opened) and in the page's summary. */
export interface FindingFormErrors { findingId: number; form: 'triage' | 'rectification'; errors: readonly FieldError[] }

/** The page's error summary for a refused finding form, its links pointing at that form's fields. */
function FindingErrorSummary({ e, locale }: { e: FindingFormErrors | undefined; locale: Locale }) {
  if (!e) return null;
  return <ErrorSummary errors={e.errors} idPrefix={e.form === 'triage' ? `finding-${e.findingId}` : `finding-${e.findingId}-rect`} locale={locale} />;
}

/** A finding with its triage form (and the rectification form when the report's agency is below the supervisor). */
function FindingItem({ f, csrf, back, refused, locale }: { f: FindingView; csrf: string; back: string; refused?: FindingFormErrors; locale: Locale }) {
  const T = supervisionT(locale);
  const id = `finding-${f.id}`;
  const err = (form: FindingFormErrors['form'], field: string) => (refused?.findingId === f.id && refused.form === form ? refused.errors.find((e) => e.field === field)?.message : undefined);
  return (
    <li id={id} className={`gk-finding gk-finding--${f.severity}`}>
      <p>
        {/* a reading problem is the reader's failure, not an error of the report (findingCounts) */}
        {f.source === 'import' ? <Tag text={T('finding.readingProblem')} color="grey" /> : <><Tag text={T(`labels.severity.${f.severity === 'error' ? 'error' : 'warning'}`)} color={f.severity === 'error' ? 'red' : 'amber'} />{' '}<Tag text={T('finding.rules')} color="blue" /></>}{' '}
        <span className="gk-finding-rule">[{f.rule}]</span> <span lang="zh-CN">{f.message}</span>
      </p>
      {f.cells.length > 0 && <p className="gk-finding-cells">{T('finding.cells', { cells: f.cells.slice(0, 8).map(describeCell).join(locale === 'en' ? '; ' : '、') })}{f.cells.length > 8 ? T('finding.moreCells', { n: f.cells.length }) : ''}</p>}
      <p>{T('finding.decision')}<strong data-decision={f.decision}>{T(`labels.decision.${f.decision}`)}</strong>{f.reason ? `（${f.reason}）` : ''}{f.decidedBy ? ` · ${f.decidedBy} ${f.decidedAt?.slice(0, 10) ?? ''}` : ''}{f.carriedFrom ? T('finding.carried') : ''}
        {f.rectification && <> · <a href={`${SUPERVISION_PATH}/rectifications/${f.rectification.id}`}>{T('finding.rectificationNo', { id: f.rectification.id })}</a>{locale === 'en' ? ': ' : '：'}<span data-rectification={f.rectification.state}>{T(`labels.findingRectification.${f.rectification.state}`)}</span></>}</p>
      {f.decision !== 'rectification' && (
        <details open={refused?.findingId === f.id}>
          <summary>{T('finding.handle')}</summary>
          <form method="post" action={`${SUPERVISION_PATH}/findings/${f.id}/triage`} className="gk-form gk-form--inline">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={f.version} />
            <input type="hidden" name="back" value={`${back}#${id}`} />
            <Select name="decision" label={T('finding.decisionLabel')} idPrefix={id} value={f.decision === 'pending' ? 'confirmed' : f.decision} options={[{ value: 'confirmed', label: T('labels.triage.confirmed') }, { value: 'dismissed', label: T('finding.dismissOption') }, { value: 'pending', label: T('labels.triage.pending') }]} locale={locale} />
            <TextField name="reason" label={T('finding.reason')} idPrefix={id} required={false} maxLength={1000} value={f.reason ?? ''} hint={T('finding.reasonHint')} error={err('triage', 'reason') ?? err('triage', 'decision')} locale={locale} />
            <Button variant="secondary">{T('finding.save')}</Button>
          </form>
          {f.agencyId !== null && (
            <form method="post" action={`${SUPERVISION_PATH}/findings/${f.id}/rectification`} className="gk-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="version" value={f.version} />
              <input type="hidden" name="back" value={`${back}#${id}`} />
              <Textarea name="comment" label={T('finding.rectComment')} idPrefix={`${id}-rect`} maxLength={2000} hint={T('finding.rectHint', { agency: f.agency ?? '' })} error={err('rectification', 'comment')} locale={locale} />
              <Button variant="warning">{T('finding.rectify')}</Button>
            </form>
          )}
        </details>
      )}
    </li>
  );
}

export function FindingsList({ findings, csrf, back, refused, locale = 'zh-CN' }: { findings: readonly FindingView[]; csrf: string; back: string; refused?: FindingFormErrors; locale?: Locale }): ReactElement {
  if (findings.length === 0) return <p>{t(locale, 'supervision.finding.none')}</p>;
  return <ol className="gk-findings-list">{findings.map((f) => <FindingItem key={f.id} f={f} csrf={csrf} back={back} locale={locale} {...(refused ? { refused } : {})} />)}</ol>;
}

export function RunPage(p: { shell: AdminShell; run: RunView; reports: Paged<RunReportView>; agencies: Paged<RunAgencyView>; status?: string; agency?: string; cross: Paged<FindingView>; refused?: FindingFormErrors }) {
  const r = p.run;
  const base = `${SUPERVISION_PATH}/runs/${r.id}`;
  // the page's three paged lists keep each other's page and the report filters
  const state: Record<string, string> = {
    ...(p.status ? { status: p.status } : {}), ...(p.agency ? { agency: p.agency } : {}),
    ...(p.reports.page > 1 ? { page: String(p.reports.page) } : {}), ...(p.agencies.page > 1 ? { apage: String(p.agencies.page) } : {}), ...(p.cross.page > 1 ? { cpage: String(p.cross.page) } : {}),
  };
  const keep = (param: string) => Object.fromEntries(Object.entries(state).filter(([k]) => k !== param));
  const agencyHref = (name: string | null) => `${base}?agency=${encodeURIComponent(name ?? UNNAMED_AGENCY)}#reports`;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  // the filter's value for the reports without an agency stays UNNAMED_AGENCY; the page shows it in the locale
  const agencyShown = (name: string) => (name === UNNAMED_AGENCY ? T('labels.unnamed') : name);
  return (
    <AdminLayout {...p.shell} active="reports" title={r.title}>
      <FindingErrorSummary e={p.refused} locale={locale} />
      <SupervisionNav current="runs" locale={locale} />
      <p><a href={SUPERVISION_PATH}>{T('run.back')}</a></p>
      <h1>{r.title}</h1>
      <p>{r.createdAt.slice(0, 16).replace('T', ' ')} · {r.createdBy} · {T(`labels.source.${r.source}`)}{r.year ? ` · ${T('labels.yearOf', { year: r.year })}` : ''}</p>
      <div className="gk-table-wrap">
        <table className="gk-table gk-table--summary" aria-label={T('run.summary')}>
          <tbody>
            <tr><th scope="row">{T('run.reports')}</th><td data-summary="reports">{r.summary.reports}</td><th scope="row">{T('run.clean')}</th><td data-summary="clean">{r.summary.clean}</td></tr>
            <tr><th scope="row">{T('run.withErrors')}</th><td data-summary="withErrors">{r.summary.withErrors}</td><th scope="row">{T('run.unreadable')}</th><td data-summary="unreadable">{r.summary.unreadable}</td></tr>
            <tr><th scope="row">{T('run.pending')}</th><td>{r.decisions.pending}</td><th scope="row">{T('run.decided')}</th><td>{r.decisions.confirmed} / {r.decisions.dismissed} / {r.decisions.rectification}</td></tr>
          </tbody>
        </table>
      </div>
      <p>
        <a className="gk-button gk-button--secondary" href={`/api/supervision/runs/${r.id}/export.xlsx`} download>{T('run.downloadXlsx')}</a>{' '}
        <a className="gk-button gk-button--secondary" href={`/api/supervision/runs/${r.id}/notice.pdf`} download>{T('run.downloadNotice')}</a>{' '}
        <a className="gk-button gk-button--secondary" href={`${base}/comparison`}>{T('run.compare')}</a>
      </p>
      <h2 id="by-agency">{T('run.byAgency')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table" aria-labelledby="by-agency">
          <thead><tr><th scope="col">{T('run.colAgency')}</th><th scope="col">{T('run.colYear')}</th><th scope="col">{T('run.reports')}</th><th scope="col">{T('run.clean')}</th><th scope="col">{T('run.withErrors')}</th><th scope="col">{T('run.unreadable')}</th><th scope="col">{T('run.colErrors')}</th><th scope="col">{T('run.colWarnings')}</th><th scope="col">{T('run.colCrossYear')}</th></tr></thead>
          <tbody>
            {p.agencies.items.map((a) => (
              <tr key={a.agency ?? ''} data-agency={a.agency ?? ''}>
                <th scope="row"><a href={agencyHref(a.agency)}>{a.agency ?? T('labels.unnamed')}</a>{a.agency && !a.agencyId ? T('labels.notOnPlatform') : ''}</th>
                <td>{a.years.join(locale === 'en' ? ', ' : '、')}</td><td>{a.reports}</td><td>{a.clean}</td><td>{a.withErrors}</td><td>{a.unreadable}</td><td>{a.errors}</td><td>{a.warnings}</td><td>{a.crossYearFindings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.agencies.page} pageSize={p.agencies.pageSize} total={p.agencies.total} baseHref={base} param="apage" label={T('run.agencyPages')} query={keep('apage')} locale={locale} />
      <h2 id="reports">{p.agency ? T('run.reportsOf', { agency: agencyShown(p.agency) }) : T('run.reports')}</h2>
      {p.agency && <p><a href={`${base}#reports`}>{T('run.allAgencies')}</a></p>}
      <form method="get" action={`${base}#reports`} className="gk-filters">
        {p.agency && <input type="hidden" name="agency" value={p.agency} />}
        <Select name="status" label={T('finding.decisionLabel')} value={p.status ?? ''} placeholder={T('labels.all')} options={Object.keys(STATUS_LABELS).map((k) => ({ value: k, label: statusLabel(T, k) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('labels.filter')}</Button></div>
      </form>
      {/* 差异比对: pick one report for each side (decision 175) */}
      <form method="get" action={`${SUPERVISION_PATH}/report-comparison`} id="compare-form">
      <input type="hidden" name="back" value={base} />
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">{T('run.colPick')}</th><th scope="col">{T('run.colOrdinal')}</th><th scope="col">{T('run.colFile')}</th><th scope="col">{T('run.colAgency')}</th><th scope="col">{T('run.colYear')}</th><th scope="col">{T('finding.decisionLabel')}</th><th scope="col">{T('run.colRead')}</th><th scope="col">{T('run.colErrors')}</th><th scope="col">{T('run.colWarnings')}</th></tr></thead>
          <tbody>
            {p.reports.items.map((x) => (
              <tr key={x.id}>
                <td>
                  <label><input type="radio" name="left" value={`audit:${x.id}`} /><span className="gk-visually-hidden">{T('run.asLeft', { file: x.file })}</span><span aria-hidden="true">{T('run.left')}</span></label>{' '}
                  <label><input type="radio" name="right" value={`audit:${x.id}`} /><span className="gk-visually-hidden">{T('run.asRight', { file: x.file })}</span><span aria-hidden="true">{T('run.right')}</span></label>
                </td>
                <td>{x.ordinal}</td>
                <td><a href={`${SUPERVISION_PATH}/reports/${x.id}`}>{x.file}</a>{x.replacesReportId ? T('run.replacement') : ''}</td>
                <td>{x.agency ?? T('labels.unnamed')}{x.agencyId ? '' : x.agency ? T('labels.notOnPlatform') : ''}</td><td>{x.year ?? ''}</td>
                <td><Tag text={statusLabel(T, x.status)} color={tone(x.status)} /></td><td>{T(`labels.read.${x.read}`)}</td><td>{x.errors}</td><td>{x.warnings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.reports.items.length > 1 && <Button variant="secondary">{T('run.compareTwo')}</Button>}
      </form>
      <Pagination page={p.reports.page} pageSize={p.reports.pageSize} total={p.reports.total} baseHref={base} label={T('run.reportPages')} query={keep('page')} locale={locale} />
      <h2 id="cross-year">{T('run.crossYear')}</h2>
      {r.crossYear.length === 0 ? <p>{T('run.noCrossYear')}</p> : (
        <ul>
          {r.crossYear.map((c, i) => <li key={i}>{c.agency}{locale === 'en' ? ': ' : '：'}{c.from} → {c.to}{locale === 'en' ? ', ' : '，'}{c.findings.length ? T('run.crossYearFindings', { n: c.findings.length }) : T('run.crossYearSame')}{c.notChecked.length ? T('run.crossYearNotChecked', { n: c.notChecked.length }) : ''}</li>)}
        </ul>
      )}
      {p.cross.total > 0 && (
        <>
          <FindingsList findings={p.cross.items} csrf={p.shell.csrfToken} back={base} locale={locale} {...(p.refused ? { refused: p.refused } : {})} />
          <Pagination page={p.cross.page} pageSize={p.cross.pageSize} total={p.cross.total} baseHref={base} param="cpage" label={T('run.crossPages')} query={keep('cpage')} locale={locale} />
        </>
      )}
    </AdminLayout>
  );
}

export function RunReportPage(p: { shell: AdminShell; run: RunView; report: RunReportDetail; findings: Paged<FindingView>; errors?: readonly FieldError[]; corrections?: ReactElement | null; refused?: FindingFormErrors }) {
  const x = p.report;
  const base = `${SUPERVISION_PATH}/reports/${x.id}`;
  const problems = x.notes.filter((n) => n.level !== 'info');
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={x.file}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <FindingErrorSummary e={p.refused} locale={locale} />
      <SupervisionNav current="runs" locale={locale} />
      <p><a href={`${SUPERVISION_PATH}/runs/${p.run.id}`}>← {p.run.title}</a></p>
      <h1>{x.agency ?? x.file}{x.year ? ` ${T('labels.yearOf', { year: x.year })}` : ''}</h1>
      <p>{x.file} · <Tag text={statusLabel(T, x.status)} color={tone(x.status)} /> · {T(`labels.read.${x.read}`)} · {T('labels.errorsWarnings', { errors: x.errors, warnings: x.warnings })}{p.report.unreadCells.length ? T('report.unreadCells', { n: p.report.unreadCells.length }) : ''}{x.format ? ` · ${x.format === 'hybrid' ? T('report.hybrid') : T('report.format', { format: x.format })}` : ''}</p>
      {x.status === 'unreadable' && (
        <Notice kind="warning" title={T('report.unreadableTitle')} locale={locale}>{T('report.unreadableBody')}</Notice>
      )}
      <h2>{T('report.results')}</h2>
      <FindingsList findings={p.findings.items} csrf={p.shell.csrfToken} back={p.findings.page > 1 ? `${base}?page=${p.findings.page}` : base} locale={locale} {...(p.refused ? { refused: p.refused } : {})} />
      <Pagination page={p.findings.page} pageSize={p.findings.pageSize} total={p.findings.total} baseHref={base} locale={locale} />
      {p.corrections}
      {x.notChecked.length > 0 && (
        <>
          <h2>{T('report.notChecked', { n: x.notChecked.length })}</h2>
          <ul>{x.notChecked.map((c, i) => <li key={i}>[{c.rule}] {c.message}{c.missing.length ? T('report.missing', { cells: `${c.missing.slice(0, 6).map(describeCell).join(locale === 'en' ? '; ' : '、')}${c.missing.length > 6 ? T('report.more') : ''}` }) : ''}</li>)}</ul>
        </>
      )}
      {(problems.length > 0 || x.notes.length > 0) && (
        <details>
          <summary>{T('report.notes', { n: x.notes.length })}</summary>
          <ul>{x.notes.map((n, i) => <li key={i}>{n.cell ? `${describeCell(n.cell)}${locale === 'en' ? ': ' : '：'}` : ''}{n.message}</li>)}</ul>
        </details>
      )}
    </AdminLayout>
  );
}

export function RectificationsPage(p: { shell: AdminShell; list: Paged<RectificationView>; state?: string }) {
  const base = `${SUPERVISION_PATH}/rectifications`;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('rects.title')}>
      {p.shell.user.role === 'supervisor' && <SupervisionNav current="rectifications" locale={locale} />}
      <h1>{T('rects.title')}</h1>
      <form method="get" action={base} className="gk-filters">
        <Select name="state" label={T('rects.state')} value={p.state ?? ''} placeholder={T('labels.all')} options={Object.keys(RECTIFICATION_LABELS).map((k) => ({ value: k, label: T(`labels.rectification.${k}`) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('labels.filter')}</Button></div>
      </form>
      {p.list.total === 0 ? <p>{T('rects.none')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <thead><tr><th scope="col">{T('rects.colNo')}</th><th scope="col">{T('rects.colAgency')}</th><th scope="col">{T('rects.colSupervisor')}</th><th scope="col">{T('rects.colComment')}</th><th scope="col">{T('rects.colState')}</th><th scope="col">{T('rects.colCreated')}</th></tr></thead>
            <tbody>
              {p.list.items.map((r) => (
                <tr key={r.id}><td><a href={`${base}/${r.id}`}>{T('rects.no', { id: r.id })}</a></td><td>{r.agency}</td><td>{r.supervisorAgency}</td><td>{r.comment.slice(0, 60)}</td><td>{T(`labels.rectification.${r.state}`)}</td><td>{r.createdAt.slice(0, 10)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.list.page} pageSize={p.list.pageSize} total={p.list.total} baseHref={base} query={p.state ? { state: p.state } : {}} locale={locale} />
    </AdminLayout>
  );
}

export function RectificationPage(p: { shell: AdminShell; r: RectificationDetail; errors?: readonly FieldError[] }) {
  const r = p.r;
  const base = `${SUPERVISION_PATH}/rectifications/${r.id}`;
  const err = (f: string) => p.errors?.find((e) => e.field === f)?.message;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  const en = locale === 'en';
  return (
    <AdminLayout {...p.shell} active="reports" title={T('rects.no', { id: r.id })}>
      <ErrorSummary errors={p.errors} locale={locale} />
      {p.shell.user.role === 'supervisor' && <SupervisionNav current="rectifications" locale={locale} />}
      <p><a href={`${SUPERVISION_PATH}/rectifications`}>{T('rect.back')}</a></p>
      <h1>{T('rect.heading', { id: r.id, agency: r.agency })}</h1>
      <p>{T('rect.state')}<strong data-state={r.state}>{T(`labels.rectification.${r.state}`)}</strong> · {r.supervisorAgency}{en ? ` (${r.createdBy}) ` : `（${r.createdBy}）`}{T('rect.raised', { date: r.createdAt.slice(0, 10) })}</p>
      <h2>{T('rect.finding')}</h2>
      <p><Tag text={T(`labels.severity.${r.finding.severity === 'error' ? 'error' : 'warning'}`)} color={r.finding.severity === 'error' ? 'red' : 'amber'} /> [{r.finding.rule}] {r.finding.message}</p>
      {r.finding.cells.length > 0 && <p>{T('rect.cells', { cells: r.finding.cells.slice(0, 8).map(describeCell).join(locale === 'en' ? '; ' : '、') })}</p>}
      {r.report && <p>{T('rect.report', { file: r.report.file })}{r.report.year ? (en ? ` (${r.report.year})` : `（${r.report.year} 年度）`) : ''}</p>}
      <h2>{T('rect.comment')}</h2>
      <p className="gk-prewrap">{r.comment}</p>
      {r.reviewComment && r.state === 'open' && <Notice kind="warning" title={T('rect.reopened')} locale={locale}>{r.reviewComment}</Notice>}
      {r.response && (
        <>
          <h2>{T('rect.response')}</h2>
          <p className="gk-prewrap">{r.response}</p>
          <p>{T('rect.responded', { by: r.respondedBy ?? '', date: r.respondedAt?.slice(0, 10) ?? '' })}</p>
          {r.responseReport && (
            <p>{T('rect.responseReport', { file: r.responseReport.file })} · <Tag text={statusLabel(T, r.responseReport.status)} color={tone(r.responseReport.status)} /> {T('labels.errorsWarnings', { errors: r.responseReport.errors, warnings: r.responseReport.warnings })}
              {p.shell.user.role === 'supervisor' && <> · <a href={`${SUPERVISION_PATH}/reports/${r.responseReport.id}`}>{T('rect.viewResults')}</a></>}</p>
          )}
        </>
      )}
      {r.state === 'resolved' && <Notice kind="success" title={T('rect.resolved')} locale={locale}>{r.reviewComment ?? ''}{r.resolvedAt ? (en ? ` (${r.resolvedAt.slice(0, 10)})` : `（${r.resolvedAt.slice(0, 10)}）`) : ''}</Notice>}
      {r.actions.includes('respond') && (
        <form method="post" action={`${base}/response`} encType="multipart/form-data" className="gk-form" noValidate>
          <h2>{T('rect.respond')}</h2>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={r.version} />
          <Textarea name="response" label={T('rect.responseLabel')} maxLength={4000} error={err('response')} locale={locale} />
          <FileField name="file" label={T('rect.file')} required={false} hint={T('rect.fileHint')} accept={ACCEPTED_EXTENSIONS} error={err('file')} locale={locale} />
          <Button>{T('rect.submit')}</Button>
        </form>
      )}
      {(r.actions.includes('resolve') || r.actions.includes('reopen')) && (
        <form method="post" action={`${base}/review`} className="gk-form" noValidate>
          <h2>{T('rect.review')}</h2>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={r.version} />
          <Textarea name="comment" label={T('rect.reviewComment')} required={false} maxLength={2000} hint={T('rect.reviewHint')} error={err('comment')} locale={locale} />
          <Button name="outcome" value="resolve">{T('rect.resolve')}</Button> <Button name="outcome" value="reopen" variant="warning">{T('rect.reopen')}</Button>
        </form>
      )}
    </AdminLayout>
  );
}

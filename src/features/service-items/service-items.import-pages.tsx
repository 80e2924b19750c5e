// The officer's import pages: the catalogue XLSX (twin importServiceItems) and 办件 (twin importServiceCases).
// Upload → a dry run lists every row's problem (row, column, what to fix) and what each row would do → confirm.
// The confirm form carries the checked file back (hidden, base64) so the officer does not choose it again; the
// confirmed import checks every row again before it writes.
import { AdminLayout, Button, CsrfField, ErrorSummary, FileField, Notice, type AdminShell } from '../../ui/index.ts';
import type { CatalogueImportResult } from './service-items.import.ts';
import type { CaseImportResult } from './service-items.cases.ts';
import { CASE_COLUMNS } from '../../core/service-items/index.ts';
import { CATEGORY_LABELS } from '../../core/annual-report/categories.ts';
import { siT, type SiT } from './service-items.i18n.ts';

type Errors = readonly { field: string; message: string }[];
/** The checked file, sent back with the confirm button (only when the dry run found no problem). */
export interface PendingFile { filename: string; contentBase64: string }

function ConfirmForm({ action, csrf, pending, label }: { action: string; csrf: string; pending: PendingFile; label: string }) {
  return (
    <form method="post" action={action} encType="multipart/form-data" className="gk-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="filename" value={pending.filename} />
      <input type="hidden" name="contentBase64" value={pending.contentBase64} />
      <input type="hidden" name="dryRun" value="0" />
      <Button>{label}</Button>
    </form>
  );
}

/** The import buttons: check only, or import at once. */
function ImportButtons({ T }: { T: SiT }) {
  return (
    <p className="gk-button-group">
      <Button name="dryRun" value="1">{T('import.check')}</Button>
      <Button name="dryRun" value="0" variant="secondary">{T('import.now')}</Button>
    </p>
  );
}

export function CatalogueImportPage(p: { shell: AdminShell; errors?: Errors; result?: CatalogueImportResult; filename?: string; pending?: PendingFile }) {
  const r = p.result;
  const locale = p.shell.locale;
  const T = siT(locale);
  const mode = r?.dryRun ? 'dry' : 'done';
  return (
    <AdminLayout {...p.shell} active="services" title={T('import.catalogueTitle')}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <h1>{T('import.catalogueHeading')}</h1>
      <p>{T('import.catalogueIntro')}</p>
      <form method="post" action="/admin/services/import" encType="multipart/form-data" className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        <FileField name="file" label={T('import.catalogueFile')} hint={T('import.catalogueFileHint')} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={p.errors?.find((e) => e.field === 'file')?.message} locale={locale} />
        <ImportButtons T={T} />
      </form>
      {r ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result">{T(`import.result.${mode}`, { file: p.filename ?? '' })}</h2>
          <p role="status">{T(`import.catalogueSummary.${mode}`, { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, problems: r.problems.length ? T('import.problems', { n: r.problems.length }) : '' })}</p>
          {r.problems.length ? (
            <div className="gk-table-wrap">
              <table className="gk-table">
                <caption>{T('import.problemsCaption')}</caption>
                <thead><tr><th scope="col">{T('import.col.row')}</th><th scope="col">{T('import.col.column')}</th><th scope="col">{T('import.col.problem')}</th></tr></thead>
                <tbody>{r.problems.map((x, n) => <tr key={n}><td>{x.row === 1 ? T('import.headerRow') : T('import.row', { n: x.row })}</td><td>{x.column}</td><td>{x.message}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
          {r.changes.length ? (
            <div className="gk-table-wrap">
              <table className="gk-table">
                <caption>{T(`import.changesCaption.${mode}`)}</caption>
                <thead><tr><th scope="col">{T('import.col.row')}</th><th scope="col">{T('col.code')}</th><th scope="col">{T('col.name')}</th><th scope="col">{T('col.agency')}</th><th scope="col">{T('import.col.action')}</th><th scope="col">{T('import.col.elements')}</th></tr></thead>
                <tbody>{r.changes.map((c) => <tr key={c.row}><td>{c.row}</td><td>{c.code}</td><td>{c.name}</td><td>{c.agency}</td><td>{T(`import.action.${c.action}`)}</td><td>{c.elements.join(T('check.listSeparator'))}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
          {r.dryRun && !r.problems.length && p.pending && (r.created || r.updated) ? <ConfirmForm action="/admin/services/import" csrf={p.shell.csrfToken} pending={p.pending} label={T('import.catalogueConfirm', { created: r.created, updated: r.updated })} /> : null}
          {r.dryRun && !r.problems.length && !r.created && !r.updated ? <Notice title={T('import.catalogueNoChange')} locale={locale} /> : null}
        </section>
      ) : null}
      <p><a href="/admin/services">{T('import.back')}</a></p>
    </AdminLayout>
  );
}

export function CaseImportPage(p: { shell: AdminShell; errors?: Errors; result?: CaseImportResult; filename?: string; pending?: PendingFile }) {
  const r = p.result;
  const locale = p.shell.locale;
  const T = siT(locale);
  const mode = r?.dryRun ? 'dry' : 'done';
  // the importer reads Chinese or English column names; each page names the ones of its language
  const col = (names: readonly string[]) => (locale === 'en' ? names[names.length - 1]! : names[0]!);
  return (
    <AdminLayout {...p.shell} active="services" title={T('import.casesTitle')}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <h1>{T('import.casesHeading')}</h1>
      <p>{T('import.casesIntro', { caseNo: col(CASE_COLUMNS.caseNo), decidedOn: col(CASE_COLUMNS.decidedOn), itemCode: col(CASE_COLUMNS.itemCode), decisionType: col(CASE_COLUMNS.decisionType), result: col(CASE_COLUMNS.result) })}</p>
      <form method="post" action="/admin/services/cases/import" encType="multipart/form-data" className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        <FileField name="file" label={T('import.casesFile')} hint={T('import.casesFileHint')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={p.errors?.find((e) => e.field === 'file')?.message} locale={locale} />
        <ImportButtons T={T} />
      </form>
      {r ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result">{T(`import.result.${mode}`, { file: p.filename ?? '' })}</h2>
          <p role="status">{T(`import.casesSummary.${mode}`, { rows: r.total, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, problems: r.problems.length ? T('import.problems', { n: r.problems.length }) : '' })}</p>
          {r.problems.length ? (
            <div className="gk-table-wrap">
              <table className="gk-table">
                <caption>{T('import.problemsCaption')}</caption>
                <thead><tr><th scope="col">{T('import.col.row')}</th><th scope="col">{T('import.col.problem')}</th></tr></thead>
                <tbody>{r.problems.map((x, n) => <tr key={n}><td>{T('import.row', { n: x.line })}</td><td>{x.message.replace(/^第\d+行：/, '')}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
          {r.summary.length ? (
            <div className="gk-table-wrap">
              <table className="gk-table">
                <caption>{T('import.casesByYear')}</caption>
                <thead><tr><th scope="col">{T('import.col.year')}</th><th scope="col">{T('import.col.category')}</th><th scope="col">{T('import.col.cases')}</th></tr></thead>
                <tbody>{r.summary.map((s) => <tr key={`${s.year}-${s.category}`}><td>{s.year}</td><td>{locale === 'en' ? CATEGORY_LABELS[s.category].en : CATEGORY_LABELS[s.category].zh}</td><td>{s.count}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
          {r.dryRun && !r.problems.length && p.pending && (r.inserted || r.updated) ? <ConfirmForm action="/admin/services/cases/import" csrf={p.shell.csrfToken} pending={p.pending} label={T('import.casesConfirm', { inserted: r.inserted, updated: r.updated })} /> : null}
          {r.dryRun && !r.problems.length && !r.inserted && !r.updated ? <Notice title={T('import.casesNoChange')} locale={locale} /> : null}
        </section>
      ) : null}
      <p><a href="/admin/services">{T('import.back')}</a></p>
    </AdminLayout>
  );
}

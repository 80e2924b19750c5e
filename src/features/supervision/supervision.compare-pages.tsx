// The run comparison page: this run against an earlier one (chosen from the supervisor's runs), per agency the
// findings new, resolved and persisting. Its API twin is compareAuditRuns.
import { AdminLayout, Button, Pagination, Select, type AdminShell } from '../../ui/index.ts';
import type { Locale } from '../../ui/i18n.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import type { RunComparison } from './supervision.compare.ts';
import { SUPERVISION_PATH, SupervisionNav } from './supervision.nav.tsx';
import type { FindingView, Paged, RunView } from './supervision.service.ts';
import { supervisionT } from './supervision.pages.tsx';

function Findings({ items, locale }: { items: readonly FindingView[]; locale: Locale }) {
  const T = supervisionT(locale);
  const en = locale === 'en';
  if (items.length === 0) return <p>{T('runCompare.none')}</p>;
  return (
    <ul>
      {items.map((f) => (
        <li key={f.id}>
          [{f.rule}] {f.year ? T('runCompare.yearOf', { year: f.year }) : ''}{f.message}
          {f.cells.length > 0 ? `${en ? ' (' : '（'}${f.cells.slice(0, 3).map(describeCell).join(en ? '; ' : '、')}${f.cells.length > 3 ? T('runCompare.more') : ''}${en ? ')' : '）'}` : ''}
          {' '}· {T(`labels.decision.${f.decision}`)}
          {f.reportId ? <> · <a href={`${SUPERVISION_PATH}/reports/${f.reportId}`}>{T('runCompare.report')}</a></> : null}
        </li>
      ))}
    </ul>
  );
}

export function RunComparisonPage(p: { shell: AdminShell; run: RunView; runs: Paged<RunView>; comparison?: RunComparison }) {
  const base = `${SUPERVISION_PATH}/runs/${p.run.id}`;
  const c = p.comparison;
  const others = p.runs.items.filter((r) => r.id !== p.run.id);
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('runCompare.title', { title: p.run.title })}>
      <SupervisionNav current="runs" locale={locale} />
      <p><a href={base}>← {p.run.title}</a></p>
      <h1>{T('runCompare.heading')}</h1>
      <form method="get" action={`${base}/comparison`} className="gk-filters">
        <Select name="with" label={T('runCompare.with')} value={c ? String(c.earlier.id) : ''} options={others.map((r) => ({ value: String(r.id), label: r.year ? T('runCompare.optionYear', { title: r.title, date: r.createdAt.slice(0, 10), year: r.year }) : T('runCompare.option', { title: r.title, date: r.createdAt.slice(0, 10) }) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('runCompare.compare')}</Button></div>
      </form>
      {others.length === 0 && <p>{T('runCompare.noOthers')}</p>}
      {c && (
        <>
          <p>{T('runCompare.sides', { earlier: c.earlier.title, earlierDate: c.earlier.createdAt.slice(0, 10), run: c.run.title, runDate: c.run.createdAt.slice(0, 10) })}</p>
          <div className="gk-table-wrap">
            <table className="gk-table gk-table--summary" aria-label={T('runCompare.summary')}>
              <tbody>
                <tr><th scope="row">{T('runCompare.added')}</th><td data-summary="added">{c.totals.added}</td><th scope="row">{T('runCompare.resolved')}</th><td data-summary="resolved">{c.totals.resolved}</td><th scope="row">{T('runCompare.persisting')}</th><td data-summary="persisting">{c.totals.persisting}</td></tr>
              </tbody>
            </table>
          </div>
          {c.agencies.items.length === 0 && <p>{T('runCompare.noProblems')}</p>}
          {c.agencies.items.map((a) => (
            <section key={a.agency} aria-label={a.agency}>
              <h2>{a.agency}</h2>
              <h3>{T('runCompare.addedN', { n: a.added.length })}</h3>
              <Findings items={a.added} locale={locale} />
              <h3>{T('runCompare.resolvedN', { n: a.resolved.length })}</h3>
              <Findings items={a.resolved} locale={locale} />
              <h3>{T('runCompare.persistingN', { n: a.persisting.length })}</h3>
              <Findings items={a.persisting} locale={locale} />
            </section>
          ))}
          <Pagination page={c.agencies.page} pageSize={c.agencies.pageSize} total={c.agencies.total} baseHref={`${base}/comparison`} query={{ with: String(c.earlier.id) }} locale={locale} />
        </>
      )}
    </AdminLayout>
  );
}

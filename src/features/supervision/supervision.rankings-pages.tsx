// Back-office pages of the comparisons and rankings (decision 180): the ranking of the agencies below by one metric with
// last year's rank and the change, charts of the page's agencies (SVG drawn on the server) with the same figures in
// tables; and the heatmap of agencies × rules of the latest audits, as an SVG and as a table. Exports as CSV and XLSX.
import type { ReactElement } from 'react';
import { AdminLayout, Button, ErrorSummary, Pagination, Select, type AdminShell, type FieldError } from '../../ui/index.ts';
import { t, type Locale } from '../../ui/i18n.ts';
import { METRICS, OUTCOME_GROUPS, type Metric } from '../../core/supervision/rankings.ts';
import type { Chart } from './supervision.rankings-charts.ts';
import type { HeatmapRow, HeatmapRule, RankingRow, RankingTotals, SortOrder } from './supervision.rankings.ts';
import type { Paged } from './supervision.service.ts';
import { SUPERVISION_PATH, SupervisionNav, supervisionHref } from './supervision.nav.tsx';

export const RANKINGS_PATH = supervisionHref('rankings');
export const HEATMAP_PATH = supervisionHref('heatmap');
export const RANKINGS_EXPORT_API = '/api/supervision/rankings/export';

const tr = (locale: Locale) => (k: string, vars?: Record<string, string | number>) => t(locale, `rankings.${k}`, vars);
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : String(v));

function Figure({ chart }: { chart: Chart }) {
  return (
    <figure className="gk-chart">
      <figcaption>{chart.title}</figcaption>
      {/* SVG drawn on the server by echarts (renderer 'svg'); the same numbers are in the tables on this page */}
      <div role="img" aria-label={chart.title} dangerouslySetInnerHTML={{ __html: chart.svg }} />
    </figure>
  );
}

function ExportLinks({ locale, query }: { locale: Locale; query: Record<string, string> }) {
  const T = tr(locale);
  const href = (extra: Record<string, string>) => `${RANKINGS_EXPORT_API}?${new URLSearchParams({ ...query, ...extra }).toString()}`;
  return (
    <p className="gk-actions" aria-label={T('export')}>
      {T('export')}：<a href={href({ format: 'csv', data: 'ranking' })} download>{T('exportCsv')}</a>
      {' · '}<a href={href({ format: 'csv', data: 'heatmap' })} download>{T('exportHeatmapCsv')}</a>
      {' · '}<a href={href({ format: 'xlsx' })} download>{T('exportXlsx')}</a>
    </p>
  );
}

function RankChange({ row, locale }: { row: RankingRow; locale: Locale }) {
  const T = tr(locale);
  if (row.rankChange === null) return <>—</>;
  return <span data-rank-change={row.rankChange}>{row.rankChange > 0 ? `↑ ${T('rankUp', { n: row.rankChange })}` : row.rankChange < 0 ? `↓ ${T('rankDown', { n: -row.rankChange })}` : T('rankSame')}</span>;
}

export function RankingsPage(p: {
  shell: AdminShell; year: number; years: number[]; metric: Metric; order: SortOrder; orderGiven: boolean; rows: Paged<RankingRow>;
  totals: RankingTotals; previousTotals: RankingTotals; charts: Chart[]; trend: { year: number; totals: RankingTotals }[]; trendChart: Chart; errors?: readonly FieldError[];
}): ReactElement {
  const locale = p.shell.locale;
  const T = tr(locale);
  const query = { year: String(p.year), metric: p.metric, ...(p.orderGiven ? { order: p.order } : {}) };
  const tt = p.totals;
  return (
    <AdminLayout {...p.shell} active="reports" title={T('title', { year: p.year })}>
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="rankings" year={p.year} locale={locale} />
      <h1>{T('title', { year: p.year })}</h1>
      <form method="get" action={RANKINGS_PATH} className="gk-filters">
        <Select name="year" label={T('year')} value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} locale={locale} />
        <Select name="metric" label={T('metric')} value={p.metric} options={METRICS.map((m) => ({ value: m, label: T(`metrics.${m}`) }))} locale={locale} />
        <Select name="order" label={T('order')} value={p.orderGiven ? p.order : ''} placeholder={T('orderBest')} options={[{ value: 'asc', label: T('orderAsc') }, { value: 'desc', label: T('orderDesc') }]} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('show')}</Button></div>
      </form>
      <p>{T('intro')}</p>
      <p data-totals="">{T('totals', {
        agencies: tt.agencies, received: tt.received, previous: p.previousTotals.received, concluded: tt.concluded, onTime: pct(tt.onTimeShare),
        correction: pct(tt.correctionRate), audited: tt.audited, errors: tt.errors, warnings: tt.warnings,
      })}</p>
      <ExportLinks locale={locale} query={query} />
      <div className="gk-table-wrap">
        <table className="gk-table" aria-label={T('title', { year: p.year })}>
          <thead>
            <tr>
              <th scope="col">{T('rank')}</th><th scope="col">{T('previousRank')}</th><th scope="col">{T('agency')}</th>
              <th scope="col">{T('received')}（{T('change')}）</th><th scope="col">{T('concluded')}</th>
              <th scope="col">{T('onTime')}（{T('change')}）</th><th scope="col">{T('correction')}（{T('change')}）</th><th scope="col">{T('report')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.items.map((r) => (
              <tr key={r.agencyId} data-agency={r.creditCode}>
                <td data-rank={r.rank ?? ''}>{r.rank ?? '—'}</td>
                <td data-previous-rank={r.previousRank ?? ''}>{r.previousRank ?? '—'} <RankChange row={r} locale={locale} /></td>
                <th scope="row">{r.name}</th>
                <td data-received={r.received}>{r.received}（{signed(r.change.received)}）</td>
                <td>{r.concluded}</td>
                <td data-on-time={r.onTimeShare ?? ''}>{pct(r.onTimeShare)}{r.withDeadline ? `（${T('onTimeBasis', { onTime: r.onTime, due: r.withDeadline })}；${signed(r.change.onTimeShare)}）` : ''}</td>
                <td data-correction={r.correctionRate ?? ''}>{pct(r.correctionRate)}{r.reviewDecided + r.litigationDecided ? `（${T('correctionBasis', { corrected: r.reviewCorrected + r.litigationCorrected, decided: r.reviewDecided + r.litigationDecided })}；${signed(r.change.correctionRate)}）` : ''}</td>
                <td data-errors={r.report?.errors ?? ''}>{r.report ? <a href={`${SUPERVISION_PATH}/reports/${r.report.reportId}`}>{T('reportBasis', { errors: r.report.errors, warnings: r.report.warnings })}</a> : T('notAudited')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.total === 0 && <p>{T('noAgencies')}</p>}
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={RANKINGS_PATH} query={query} locale={locale} />
      <section aria-labelledby="rank-trend">
        <h2 id="rank-trend">{T('trend')}</h2>
        <Figure chart={p.trendChart} />
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label={T('trend')}>
            <thead>
              <tr>
                <th scope="col">{T('year')}</th><th scope="col">{T('received')}</th><th scope="col">{T('concluded')}</th><th scope="col">{T('onTime')}</th>
                <th scope="col">{T('correction')}</th><th scope="col">{T('auditedAgencies')}</th><th scope="col">{T('errors')}</th><th scope="col">{T('warnings')}</th>
              </tr>
            </thead>
            <tbody>
              {p.trend.map((y) => (
                <tr key={y.year} data-year={y.year}>
                  <th scope="row">{y.year}</th><td data-received={y.totals.received}>{y.totals.received}</td><td>{y.totals.concluded}</td>
                  <td data-on-time={y.totals.onTimeShare ?? ''}>{pct(y.totals.onTimeShare)}</td><td>{pct(y.totals.correctionRate)}</td>
                  <td>{y.totals.audited}</td><td>{y.totals.errors}</td><td>{y.totals.warnings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {p.charts.length > 0 && (
        <section aria-labelledby="rank-charts">
          <h2 id="rank-charts">{T('charts')}</h2>
          <p className="gk-hint">{T('chartsNote')}</p>
          <div className="gk-charts">{p.charts.map((c) => <Figure key={c.title} chart={c} />)}</div>
          <div className="gk-table-wrap">
            <table className="gk-table" aria-label={T('outcomesTable')}>
              <caption>{T('outcomesTable')}</caption>
              <thead><tr><th scope="col">{T('agency')}</th>{OUTCOME_GROUPS.map((g) => <th key={g} scope="col">{T(`outcomes.${g}`)}</th>)}<th scope="col">{T('concluded')}</th></tr></thead>
              <tbody>
                {p.rows.items.map((r) => (
                  <tr key={r.agencyId}><th scope="row">{r.name}</th>{OUTCOME_GROUPS.map((g) => <td key={g} data-outcome={g}>{r.outcomes[g]}</td>)}<td>{r.concluded}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </AdminLayout>
  );
}

export function HeatmapPage(p: {
  shell: AdminShell; year: number; years: number[]; rules: HeatmapRule[]; rows: Paged<HeatmapRow>; notAudited: number; chart: Chart | null; errors?: readonly FieldError[];
}): ReactElement {
  const locale = p.shell.locale;
  const T = tr(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('heatmapTitle', { year: p.year })}>
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="heatmap" year={p.year} locale={locale} />
      <h1>{T('heatmapTitle', { year: p.year })}</h1>
      <form method="get" action={HEATMAP_PATH} className="gk-filters">
        <Select name="year" label={T('year')} value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('show')}</Button></div>
      </form>
      <p>{T('heatmapIntro', { notAudited: p.notAudited })}</p>
      <ExportLinks locale={locale} query={{ year: String(p.year) }} />
      {p.chart && <Figure chart={p.chart} />}
      {p.rows.total === 0 ? <p>{T('noFindings')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label={T('heatmapChart')}>
            <thead>
              <tr>
                <th scope="col">{T('agency')}</th><th scope="col">{T('total')}</th><th scope="col">{T('errors')}</th><th scope="col">{T('warnings')}</th>
                {p.rules.map((r) => <th key={r.rule} scope="col" title={r.title}><abbr title={r.title}>{r.rule}</abbr></th>)}
              </tr>
            </thead>
            <tbody>
              {p.rows.items.map((r) => (
                <tr key={r.agencyId} data-agency={r.creditCode}>
                  <th scope="row"><a href={`${SUPERVISION_PATH}/reports/${r.reportId}`}>{r.name}</a></th>
                  <td data-total={r.total}>{r.total}</td><td>{r.errors}</td><td>{r.warnings}</td>
                  {p.rules.map((x) => <td key={x.rule} data-rule={x.rule}>{r.counts[x.rule] ?? 0}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={HEATMAP_PATH} query={{ year: String(p.year) }} locale={locale} />
    </AdminLayout>
  );
}

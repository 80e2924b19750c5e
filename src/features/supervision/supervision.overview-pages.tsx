// Back-office pages of the overview across agencies: the 31 January campaign (days left, counts by state, reminders),
// the agencies × years grid with states and finding counts (paged over agencies, drill into any agency's report), and
// the assessment with its weights form and the ranking.
import { AdminLayout, Button, CsrfField, ErrorSummary, Pagination, Radios, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { MAX_SAMPLE } from '../../core/supervision/sample.ts';
import type { Sample } from './supervision.sampling.ts';
import type { COMPONENTS, Weights } from '../../core/supervision/assessment.ts';
import { OVERVIEW_STATES, type AssessmentRow, type Campaign, type OverviewRow, type OverviewState } from './supervision.overview.ts';
import { supervisionT } from './supervision.pages.tsx';
import type { Paged } from './supervision.service.ts';
import { SUPERVISION_PATH, SupervisionNav, supervisionHref } from './supervision.nav.tsx';

export const OVERVIEW_PATH = supervisionHref('overview');
export const ASSESSMENT_PATH = supervisionHref('assessment');
export const SAMPLE_PATH = supervisionHref('sample');
type Cell = { state: OverviewState; late: boolean; errors: number; warnings: number };
const color = (s: OverviewState, late: boolean) => (late ? 'red' : s === 'published' ? 'green' : s === 'not_started' || s === 'returned' ? 'amber' : 'blue');

export function OverviewPage(p: { shell: AdminShell; year: number; years: number[]; campaign: Campaign; rows: Paged<OverviewRow>; grid: Map<number, Map<number, Cell>>; state?: OverviewState; late?: boolean; errors?: readonly FieldError[] }) {
  const c = p.campaign;
  const q = { year: String(p.year), ...(p.state ? { state: p.state } : {}), ...(p.late !== undefined ? { late: p.late ? '1' : '0' } : {}) };
  const notPublished = c.total - c.counts.published;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  const stateLabel = (s: OverviewState) => T(`labels.overviewState.${s}`);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('overview.title', { year: p.year })}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <SupervisionNav current="overview" year={p.year} locale={locale} />
      <h1>{T('overview.heading', { year: p.year })}</h1>
      <form method="get" action={OVERVIEW_PATH} className="gk-filters">
        <Select name="year" label={T('labels.year')} value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('labels.show')}</Button></div>
      </form>
      <section aria-labelledby="campaign" className="gk-campaign">
        <h2 id="campaign">{T('overview.campaign')}</h2>
        <p data-days-left={c.daysLeft}>{c.daysLeft >= 0 ? T('overview.daysLeft', { deadline: c.deadline, days: c.daysLeft }) : T('overview.daysPast', { deadline: c.deadline, days: -c.daysLeft })}</p>
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label={T('overview.countsLabel')}>
            <thead><tr><th scope="col">{T('overview.colBelow')}</th>{OVERVIEW_STATES.map((s) => <th key={s} scope="col">{stateLabel(s)}</th>)}<th scope="col">{T('overview.colLate')}</th></tr></thead>
            <tbody>
              <tr>
                <td><a href={`${OVERVIEW_PATH}?year=${p.year}`}>{c.total}</a></td>
                {OVERVIEW_STATES.map((s) => <td key={s} data-count={s}><a href={`${OVERVIEW_PATH}?year=${p.year}&state=${s}`}>{c.counts[s]}</a></td>)}
                <td data-count="late"><a href={`${OVERVIEW_PATH}?year=${p.year}&late=1`}>{c.late}</a></td>
              </tr>
            </tbody>
          </table>
        </div>
        {notPublished > 0 && (
          <form method="post" action={`${SUPERVISION_PATH}/reminders`} className="gk-form gk-form--inline">
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="year" value={p.year} />
            {p.state && <input type="hidden" name="state" value={p.state} />}
            <Button variant="warning">{p.state ? T('overview.remindState', { state: stateLabel(p.state) }) : T('overview.remindAll', { n: notPublished })}</Button>
            <span className="gk-hint">{T('overview.remindHint')}</span>
          </form>
        )}
      </section>
      <h2>{p.state ? T('overview.agenciesOf', { state: stateLabel(p.state) }) : p.late ? T('overview.agenciesLate') : T('overview.agencies')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead>
            <tr>
              <th scope="col">{T('overview.colAgency')}</th><th scope="col">{T('overview.colParent')}</th>
              {p.years.slice().reverse().map((y) => <th key={y} scope="col">{y}</th>)}
              <th scope="col">{T('overview.colSubmitted')}</th><th scope="col">{T('overview.colPublished')}</th><th scope="col">{T('overview.colDeadline')}</th><th scope="col">{T('overview.colReminded')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.items.map((r) => (
              <tr key={r.agencyId}>
                <th scope="row"><a href={`/admin/annual/${r.agencyId}/${p.year}`}>{r.name}</a></th>
                <td>{r.parent ?? ''}</td>
                {p.years.slice().reverse().map((y) => {
                  const x = p.grid.get(r.agencyId)?.get(y);
                  return (
                    <td key={y} data-year={y}>
                      {x ? <><strong className={`gk-tag gk-tag--${color(x.state, x.late)}`}>{stateLabel(x.state)}{x.late ? T('overview.late') : ''}</strong>{x.errors || x.warnings ? <span>{T('overview.cellCounts', { errors: x.errors, warnings: x.warnings })}</span> : null}</> : ''}
                    </td>
                  );
                })}
                <td>{r.submittedOn ?? ''}</td><td>{r.publishedOn ?? ''}</td><td>{r.deadline}</td><td>{r.remindedOn ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.total === 0 && <p>{T('overview.none')}</p>}
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={OVERVIEW_PATH} query={q} locale={locale} />
    </AdminLayout>
  );
}

export function AssessmentPage(p: { shell: AdminShell; year: number; years: number[]; weights: Weights; version: number; components: typeof COMPONENTS; rows: Paged<AssessmentRow>; errors?: readonly FieldError[] }) {
  const err = (k: string) => p.errors?.find((e) => e.field === `weights.${k}` || e.field === 'weights')?.message;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  // an item's name and statutory basis in the locale (zh-CN: the COMPONENTS' own label and source)
  const label = (k: string) => T(`assessment.components.${k}.label`);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('assessment.title', { year: p.year })}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <SupervisionNav current="assessment" year={p.year} locale={locale} />
      <h1>{T('assessment.heading', { year: p.year })}</h1>
      <form method="get" action={ASSESSMENT_PATH} className="gk-filters">
        <Select name="year" label={T('labels.year')} value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('labels.show')}</Button></div>
      </form>
      <p>{T('assessment.intro')}</p>
      <details>
        <summary>{T('assessment.weights')}</summary>
        <form method="post" action={`${ASSESSMENT_PATH}/weights`} className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={p.version} />
          <input type="hidden" name="year" value={p.year} />
          {p.components.map((c) => (
            <TextField key={c.key} name={`weights.${c.key}`} label={T('assessment.componentLabel', { label: label(c.key), source: T(`assessment.components.${c.key}.source`) })} type="number" inputMode="numeric" value={String(p.weights[c.key])} error={err(c.key)} locale={locale} />
          ))}
          <Button variant="secondary">{T('assessment.save')}</Button>
        </form>
      </details>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">{T('assessment.colRank')}</th><th scope="col">{T('assessment.colAgency')}</th><th scope="col">{T('assessment.colScore')}</th>{p.components.map((c) => <th key={c.key} scope="col">{T('assessment.colComponent', { label: label(c.key), weight: p.weights[c.key] })}</th>)}</tr></thead>
          <tbody>
            {p.rows.items.map((r) => (
              <tr key={r.agencyId}>
                <td>{r.rank ?? '—'}</td><th scope="row">{r.name}</th><td data-score={r.score ?? ''}>{r.score ?? T('assessment.noRecords')}</td>
                {p.components.map((c) => { const x = r.parts[c.key]; return <td key={c.key} title={x ? T(`assessment.basis.${x.kind}`, x.vars) : undefined}>{x ? T('assessment.part', { value: x.value, basis: T(`assessment.basis.${x.kind}`, x.vars) }) : '—'}</td>; })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={ASSESSMENT_PATH} query={{ year: String(p.year) }} locale={locale} />
    </AdminLayout>
  );
}

/** The 不定期抽查 of a year: the draw (seed, populations, sizes; drawn again only with a reason) and a 合格 / 不合格 form per record. */
export function SamplePage(p: { shell: AdminShell; year: number; years: number[]; sample: Sample | null; errors?: readonly FieldError[]; itemErrors?: { id: number; errors: readonly FieldError[] } }) {
  const s = p.sample;
  const err = (f: string) => (p.itemErrors ? undefined : p.errors?.find((e) => e.field === f)?.message);
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('sample.title', { year: p.year })}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <SupervisionNav current="sample" year={p.year} locale={locale} />
      <h1>{T('sample.heading', { year: p.year })}</h1>
      <form method="get" action={SAMPLE_PATH} className="gk-filters">
        <Select name="year" label={T('labels.year')} value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} locale={locale} />
        <div className="gk-filters__actions"><Button variant="secondary">{T('labels.show')}</Button></div>
      </form>
      <p>{T('sample.intro')}</p>
      {s ? (
        <section aria-labelledby="sample-draw">
          <h2 id="sample-draw">{T('sample.draw')}</h2>
          <dl className="gk-summary-list">
            <div><dt>{T('sample.drawnAt')}</dt><dd>{s.drawnAt.slice(0, 16).replace('T', ' ')}{locale === 'en' ? ` (${s.drawnBy})` : `（${s.drawnBy}）`}</dd></div>
            <div><dt>{T('sample.seed')}</dt><dd data-seed={s.seed}>{s.seed}</dd></div>
            <div><dt>{T('sample.items')}</dt><dd>{T('sample.itemsCount', { n: s.items.filter((i) => i.kind === 'catalogue_item').length, total: s.itemsPopulation })}</dd></div>
            <div><dt>{T('sample.cases')}</dt><dd>{T('sample.casesCount', { n: s.items.filter((i) => i.kind === 'application').length, total: s.casesPopulation })}</dd></div>
            {s.reason && <div><dt>{T('sample.reason')}</dt><dd>{s.reason}</dd></div>}
            <div><dt>{T('sample.result')}</dt><dd data-sample-score={s.score.value ?? ''}>{T('sample.checked', { checked: s.score.checked, passed: s.score.passed })}{s.score.value !== null ? T('sample.rate', { rate: s.score.value }) : ''}</dd></div>
          </dl>
          {s.earlier.length > 0 && <p className="gk-hint">{T('sample.earlier', { list: s.earlier.map((e) => T('sample.earlierItem', { date: e.drawnAt.slice(0, 10), seed: e.seed, by: e.drawnBy })).join(T('sample.earlierSep')) })}</p>}
          <div className="gk-table-wrap">
            <table className="gk-table">
              <thead><tr><th scope="col">{T('sample.colOrdinal')}</th><th scope="col">{T('sample.colAgency')}</th><th scope="col">{T('sample.colKind')}</th><th scope="col">{T('sample.colRecord')}</th><th scope="col">{T('sample.colDate')}</th><th scope="col">{T('sample.colResult')}</th></tr></thead>
              <tbody>
                {s.items.map((i) => {
                  const mine = p.itemErrors?.id === i.id ? p.itemErrors.errors : undefined;
                  return (
                    <tr key={i.id} id={`sample-item-${i.id}`}>
                      <td>{i.ordinal}</td><td>{i.agency}</td><td>{T(`labels.sampleKind.${i.kind}`)}</td><td>{i.label}</td><td>{i.refDate ?? ''}</td>
                      <td>
                        {i.result && <p data-result={i.result}><strong className={`gk-tag gk-tag--${i.result === 'pass' ? 'green' : 'red'}`}>{T(`labels.sampleResult.${i.result}`)}</strong>{i.note ? ` ${i.note}` : ''}</p>}
                        <form method="post" action={`${SAMPLE_PATH}/items/${i.id}`} className="gk-form gk-form--compact" noValidate>
                          <CsrfField token={p.shell.csrfToken} />
                          <input type="hidden" name="version" value={i.version} />
                          <input type="hidden" name="year" value={p.year} />
                          <Radios name="result" idPrefix={`s${i.id}`} label={T('sample.resultLabel')} inline value={i.result} options={[{ value: 'pass', label: T('labels.sampleResult.pass') }, { value: 'fail', label: T('labels.sampleResult.fail') }]} error={mine?.find((e) => e.field === 'result')?.message} locale={locale} />
                          <TextField name="note" idPrefix={`s${i.id}`} label={T('sample.note')} value={i.note ?? ''} maxLength={1000} error={mine?.find((e) => e.field === 'note')?.message} locale={locale} />
                          <Button variant="secondary">{T('sample.record')}</Button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {s.items.length === 0 && <p>{T('sample.noRecords')}</p>}
        </section>
      ) : <p>{T('sample.notDrawn')}</p>}
      <section aria-labelledby="sample-new">
        <h2 id="sample-new">{s ? T('sample.redraw') : T('sample.drawButton')}</h2>
        <form method="post" action={SAMPLE_PATH} className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="year" value={p.year} />
          {s && <input type="hidden" name="replaces" value={s.id} />}
          <TextField name="items" label={T('sample.itemsField', { max: MAX_SAMPLE })} type="number" inputMode="numeric" value="10" error={err('items')} locale={locale} />
          <TextField name="cases" label={T('sample.casesField', { max: MAX_SAMPLE })} type="number" inputMode="numeric" value="10" error={err('cases')} locale={locale} />
          {s && <Textarea name="reason" label={T('sample.reasonField')} maxLength={500} error={err('reason')} locale={locale} />}
          <Button variant={s ? 'warning' : 'primary'}>{s ? T('sample.redraw') : T('sample.drawButton')}</Button>
        </form>
      </section>
    </AdminLayout>
  );
}

// Back-office pages of 好差评 and the suggestions ledger: ratings (paged, filters), statistics (figures, SVG charts of
// the month trend and the channel mix, per unit), 差评 work orders (list; the order page with each step the signed-in
// user may take as a form), suggestions (ledger, staff entry, handling and reply) and the QR cards for the counter.
// Personal data of raters arrives already masked for roles outside the handling unit (services, decision 080).
// Every string of the pages comes from `evaluations.admin` of the locale catalogue (zh-CN, en).
import type { ReactNode } from 'react';
import {
  AdminLayout, Button, CsrfField, DateField, ErrorSummary, FileField, Notice, Pagination, Radios, Select, StatusTag, SummaryList, Textarea, TextField, Timeline,
  errorFor, formatNumber, type AdminShell, type FieldError,
} from '../../ui/index.ts';
import type { Locale } from '../../ui/i18n.ts';
import { CHANNELS, CLASSES, FORMULA_LABELS, LEVELS, SUGGESTION_CHANNELS, SUGGESTION_RESULTS, TARGET_LABELS, type OrderAction } from '../../core/evaluations/index.ts';
import type { QrSymbol } from './evaluations.card.ts';
import type { OrderDetail, OrderSummary } from './evaluations.orders.ts';
import { VISIT_METHODS } from './evaluations.schema.ts';
import type { EvaluationView, ReturnVisitView } from './evaluations.service.ts';
import type { Statistics } from './evaluations.stats.ts';
import type { SuggestionView } from './evaluations.suggestions.ts';
import { QrImage, type FormValues } from './evaluations.views.tsx';
import { evLabel, evT, levelName, type EvT } from './evaluations.i18n.ts';

export interface FormState {
  form: string;
  values: FormValues;
  errors: FieldError[];
}

/** Options of a vocabulary: its codes labelled in the locale. */
const opts = (locale: Locale, group: string, keys: readonly string[]) => keys.map((k) => ({ value: k, label: evLabel(locale, group, k) }));

/** The target of a 差评 work order (“窗口 3号窗口”) with the kind named in the locale. */
function targetText(locale: Locale, target: string): string {
  const kind = (Object.keys(TARGET_LABELS) as (keyof typeof TARGET_LABELS)[]).find((k) => target === TARGET_LABELS[k] || target.startsWith(`${TARGET_LABELS[k]} `));
  return kind ? `${evLabel(locale, 'targets', kind)}${target.slice(TARGET_LABELS[kind].length)}` : target;
}

/** The satisfaction formula (stored as its zh-CN text in the statistics) named in the locale. */
function formulaName(locale: Locale, formula: string): string {
  const key = (Object.keys(FORMULA_LABELS) as (keyof typeof FORMULA_LABELS)[]).find((k) => FORMULA_LABELS[k] === formula);
  return key ? evLabel(locale, 'formulas', key) : formula;
}

/** The tabs of the 好差评 section. */
function Tabs({ current, T }: { current: string; T: EvT }) {
  const tabs = [
    ['ratings', '/admin/ratings'], ['orders', '/admin/ratings/orders'], ['visits', '/admin/ratings/visits'], ['stats', '/admin/ratings/stats'],
    ['suggestions', '/admin/suggestions'], ['cards', '/admin/ratings/cards'],
  ] as const;
  return (
    <nav aria-label={T('tabs.label')} className="gk-tabs">
      <ul className="gk-list gk-list--inline">
        {tabs.map(([k, href]) => <li key={k}><a href={href} aria-current={k === current ? 'page' : undefined}>{T(`tabs.${k}`)}</a></li>)}
      </ul>
    </nav>
  );
}

export function RatingsListPage(p: { shell: AdminShell; rows: EvaluationView[]; total: number; page: number; pageSize: number; query: Record<string, string | undefined>; errors: FieldError[] }) {
  const q = p.query;
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('ratings.title')}>
      <h1 className="gk-heading-l">{T('ratings.heading')}</h1>
      <Tabs current="ratings" T={T} />
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="get" action="/admin/ratings" className="gk-filters">
        <DateField name="from" label={T('filters.from')} value={q.from} error={errorFor(p.errors, 'from')} required={false} locale={locale} />
        <DateField name="to" label={T('filters.to')} value={q.to} error={errorFor(p.errors, 'to')} required={false} locale={locale} />
        <Select name="level" label={T('ratings.level')} value={q.level} placeholder={T('filters.all')} options={LEVELS.map((l) => ({ value: String(l), label: T('ratings.levelOption', { n: l, name: levelName(locale, l) }) }))} required={false} locale={locale} />
        <Select name="channel" label={T('ratings.channel')} value={q.channel} placeholder={T('filters.all')} options={opts(locale, 'channels', CHANNELS)} required={false} locale={locale} />
        <Select name="bad" label={T('ratings.badOnly')} value={q.bad} placeholder={T('filters.no')} options={[{ value: '1', label: T('filters.yes') }]} required={false} locale={locale} />
        {q.agencyId ? <input type="hidden" name="agencyId" value={q.agencyId} /> : null}
        <Button variant="secondary">{T('filters.apply')}</Button>
      </form>
      <p>{T('ratings.total', { n: formatNumber(p.total) })}</p>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="ratings">
          <thead><tr><th scope="col">{T('col.date')}</th><th scope="col">{T('col.receiptCode')}</th><th scope="col">{T('col.agency')}</th><th scope="col">{T('col.target')}</th><th scope="col">{T('ratings.level')}</th><th scope="col">{T('ratings.channel')}</th><th scope="col">{T('col.comment')}</th><th scope="col">{T('col.rater')}</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.id}>
                <td>{r.ratedOn}</td><td>{r.receiptCode}</td><td>{r.agencyName}</td><td>{evLabel(locale, 'targets', r.targetType)}{r.targetRef ? ` ${r.targetRef}` : ''}</td>
                <td>{r.bad ? <StatusTag text={levelName(locale, r.level)} tone="red" /> : levelName(locale, r.level)}</td><td>{evLabel(locale, 'channels', r.channel)}</td><td>{r.comment ?? ''}</td>
                <td>{r.realName ? `${r.raterName ?? ''} ${r.raterPhone ?? ''}` : T('anonymous')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings" query={q} locale={locale} />
    </AdminLayout>
  );
}

export function OrdersListPage(p: { shell: AdminShell; rows: OrderSummary[]; total: number; page: number; pageSize: number; state: string; filters?: Record<string, string> }) {
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('orders.title')}>
      <h1 className="gk-heading-l">{T('orders.heading')}</h1>
      <Tabs current="orders" T={T} />
      <p>{T('orders.intro')}</p>
      <ul className="gk-list gk-list--inline">
        {(['open', 'closed', 'all'] as const).map((k) => <li key={k}>{k === p.state ? <strong>{T(`orders.states.${k}`)}</strong> : <a href={`/admin/ratings/orders?state=${k}`}>{T(`orders.states.${k}`)}</a>}</li>)}
      </ul>
      <p>{T('orders.total', { n: formatNumber(p.total) })}</p>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="orders">
          <thead><tr><th scope="col">{T('orders.col.openedOn')}</th><th scope="col">{T('col.receiptCode')}</th><th scope="col">{T('col.unit')}</th><th scope="col">{T('col.target')}</th><th scope="col">{T('col.comment')}</th><th scope="col">{T('col.state')}</th><th scope="col">{T('col.classification')}</th><th scope="col">{T('col.due')}</th></tr></thead>
          <tbody>
            {p.rows.map((o) => (
              <tr key={o.id}>
                <td>{o.openedOn}</td><td><a href={`/admin/ratings/orders/${o.id}`}>{o.receiptCode}</a>{o.realName ? T('orders.named') : ''}</td><td>{o.agencyName}</td><td>{targetText(locale, o.target)}</td><td>{o.comment ?? ''}</td>
                <td>{evLabel(locale, 'orderStates', o.state)}</td><td>{o.classification ? evLabel(locale, 'classes', o.classification) : '—'}</td>
                <td>{o.due ? (o.overdue ? <StatusTag text={T('overdueOn', { due: o.due })} tone="red" /> : T('dueLeft', { due: o.due, n: String(o.daysLeft) })) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings/orders" query={{ ...p.filters, state: p.state }} locale={locale} />
    </AdminLayout>
  );
}

function ActionForm({ id, action, version, csrf, state, multipart, locale, children }: { id: number; action: OrderAction; version: number; csrf: string; state?: FormState | undefined; multipart?: boolean; locale: Locale; children: ReactNode }) {
  const mine = state?.form === action ? state : undefined;
  return (
    <section className="gk-action" aria-labelledby={`action-${action}`} id={`action-${action}`}>
      <h3 className="gk-heading-s" id={`action-${action}-title`}>{evLabel(locale, 'actions', action)}</h3>
      {mine ? <ErrorSummary errors={mine.errors} idPrefix={action} locale={locale} /> : null}
      <form method="post" action={`/admin/ratings/orders/${id}/actions/${action}`} encType={multipart ? 'multipart/form-data' : undefined} noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={version} />
        {children}
      </form>
    </section>
  );
}

export function OrderPage(p: { shell: AdminShell; d: OrderDetail; today: string; formState?: FormState | undefined }) {
  const { d } = p;
  const st = p.formState;
  const locale = p.shell.locale;
  const T = evT(locale);
  const v = (action: OrderAction, k: string, dflt = '') => (st?.form === action ? st.values[k] : undefined) ?? dflt;
  const e = (action: OrderAction, k: string) => (st?.form === action ? errorFor(st.errors, k) : undefined);
  const csrf = p.shell.csrfToken;
  const drawn = new Set<string>(d.actions);
  const orphan = st && !drawn.has(st.form) ? st.errors : null;
  const form = { id: d.id, version: d.version, csrf, state: st, locale };
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('order.title', { code: d.receiptCode })}>
      <p><a href="/admin/ratings/orders">← {T('orders.heading')}</a></p>
      {orphan ? <ErrorSummary errors={orphan} idPrefix="page" linked={() => false} locale={locale} /> : null}
      <h1 className="gk-heading-l">{T('order.title', { code: d.receiptCode })} <StatusTag text={evLabel(locale, 'orderStates', d.state)} tone={d.state === 'closed' ? 'green' : d.overdue ? 'red' : 'blue'} /></h1>
      {d.overdue ? <Notice kind="warning" title={T('order.overdue')} locale={locale}>{T(d.classification ? 'order.overdueRectify' : 'order.overdueVerify', { due: d.due ?? '' })}</Notice> : null}
      <SummaryList items={[
        { key: T('col.unit'), value: d.agencyName },
        { key: T('order.rating'), value: T('order.ratingValue', { level: levelName(locale, d.level), on: d.ratedOn, channel: evLabel(locale, 'channels', d.channel) }) },
        { key: T('col.target'), value: targetText(locale, d.target) },
        { key: T('col.comment'), value: d.comment ?? T('notFilled') },
        { key: T('col.rater'), value: d.realName ? <span data-testid="rater">{d.raterName} {d.raterPhone}</span> : T('anonymous') },
        { key: T('col.classification'), value: d.classification ? evLabel(locale, 'classes', d.classification) : T('order.classAfterVisit') },
        { key: T('col.due'), value: d.due ? `${d.due}${d.state !== 'closed' && d.daysLeft !== null ? T('order.daysLeft', { n: d.daysLeft }) : ''}` : '—' },
        ...(d.rectification ? [{ key: T('order.rectification'), value: T('textOn', { text: d.rectification, on: String(d.rectifiedOn) }) }] : []),
        ...(d.feedback ? [{ key: T('order.feedback'), value: T('textOn', { text: d.feedback, on: String(d.feedbackOn) }) }] : []),
        ...(d.closedOn ? [{ key: T('order.closedOn'), value: d.closedOn }] : []),
      ]} />
      {d.files.length ? (
        <>
          <h2 className="gk-heading-m">{T('order.evidence')}</h2>
          <ul className="gk-list">{d.files.map((f) => <li key={f.id}><a href={`/api/evaluation-orders/${d.id}/files/${f.id}`}>{f.filename}</a>{T('order.fileSize', { kb: Math.max(1, Math.round(f.size / 1024)) })}</li>)}</ul>
        </>
      ) : null}
      <h2 className="gk-heading-m">{T('order.visits')}</h2>
      {d.visits.length ? (
        <div className="gk-table-wrap">
          <table className="gk-table" data-testid="visits">
            <thead><tr><th scope="col">{T('col.date')}</th><th scope="col">{T('visit.visitor')}</th><th scope="col">{T('visit.method')}</th><th scope="col">{T('visit.said')}</th></tr></thead>
            <tbody>{d.visits.map((x) => <tr key={x.id}><td>{x.visitedOn}</td><td>{x.visitor}</td><td>{evLabel(locale, 'visitMethods', x.method)}</td><td>{x.said}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p>{T('order.notVisited')}{d.realName ? T('order.namedMustVisit') : ''}</p>}
      {d.actions.length ? <h2 className="gk-heading-m">{T('order.handling')}</h2> : null}
      {d.actions.includes('logVisit') ? (
        <ActionForm {...form} action="logVisit">
          <DateField name="visitedOn" idPrefix="logVisit" label={T('visit.visitedOn')} value={v('logVisit', 'visitedOn', p.today)} error={e('logVisit', 'visitedOn')} locale={locale} />
          <TextField name="visitor" idPrefix="logVisit" label={T('visit.visitor')} value={v('logVisit', 'visitor', p.shell.user.displayName)} error={e('logVisit', 'visitor')} maxLength={50} locale={locale} />
          <Select name="method" idPrefix="logVisit" label={T('visit.methodLabel')} value={v('logVisit', 'method', 'phone')} options={opts(locale, 'visitMethods', VISIT_METHODS)} error={e('logVisit', 'method')} locale={locale} />
          <Textarea name="said" idPrefix="logVisit" label={T('visit.said')} value={v('logVisit', 'said')} error={e('logVisit', 'said')} rows={3} maxLength={2000} locale={locale} />
          <Button variant="secondary">{T('order.logVisit')}</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('classify') ? (
        <ActionForm {...form} action="classify">
          <Radios name="classification" idPrefix="classify" label={T('col.classification')} value={v('classify', 'classification')} error={e('classify', 'classification')}
            options={CLASSES.map((c) => ({ value: c, label: evLabel(locale, 'classes', c), hint: evLabel(locale, 'classHints', c) }))} locale={locale} />
          <Textarea name="reason" idPrefix="classify" label={T('order.classifyReason')} value={v('classify', 'reason')} error={e('classify', 'reason')} rows={3} maxLength={2000} locale={locale} />
          <Button>{T('order.classify')}</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('decideAppeal') ? (
        <ActionForm {...form} action="decideAppeal">
          <Radios name="upheld" idPrefix="decideAppeal" label={T('order.appealDecision')} value={v('decideAppeal', 'upheld')} error={e('decideAppeal', 'upheld')}
            options={[{ value: '1', label: T('order.appealUphold') }, { value: '0', label: T('order.appealReject') }]} locale={locale} />
          <Textarea name="reason" idPrefix="decideAppeal" label={T('order.appealReason')} value={v('decideAppeal', 'reason')} error={e('decideAppeal', 'reason')} rows={3} maxLength={2000} locale={locale} />
          <Button>{T('order.decide')}</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('recordRectification') ? (
        <ActionForm {...form} action="recordRectification" multipart>
          <Textarea name="text" idPrefix="recordRectification" label={T('order.rectification')} value={v('recordRectification', 'text')} error={e('recordRectification', 'text')} rows={4} maxLength={4000} locale={locale} />
          <FileField name="files" idPrefix="recordRectification" label={T('order.evidence')} hint={T('order.evidenceHint')} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple required={false} error={e('recordRectification', 'files')} locale={locale} />
          <Button>{T('order.recordRectification')}</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('sendFeedback') ? (
        <ActionForm {...form} action="sendFeedback">
          <Textarea name="text" idPrefix="sendFeedback" label={T('order.feedbackText')} hint={T('order.feedbackHint')} value={v('sendFeedback', 'text')} error={e('sendFeedback', 'text')} rows={4} maxLength={2000} locale={locale} />
          <Button>{T('order.sendFeedback')}</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('closeOrder') ? (
        <ActionForm {...form} action="closeOrder">
          <Textarea name="note" idPrefix="closeOrder" label={T('order.closeNote')} value={v('closeOrder', 'note')} error={e('closeOrder', 'note')} rows={3} maxLength={2000} locale={locale} />
          <Button>{T('order.close')}</Button>
        </ActionForm>
      ) : null}
      <h2 className="gk-heading-m">{T('order.events')}</h2>
      <Timeline events={d.events.map((x) => ({ when: x.onDate, title: evLabel(locale, 'events', x.kind), actor: x.actor, detail: detailOf(x.data, locale, T) }))} locale={locale} />
    </AdminLayout>
  );
}

function detailOf(data: Record<string, unknown> | null, locale: Locale, T: EvT): string | undefined {
  if (!data) return undefined;
  const parts: string[] = [];
  for (const k of ['label', 'reason', 'said', 'text', 'note']) {
    if (typeof data[k] !== 'string' || !data[k]) continue;
    // the stored label of a classification is the code's name at the time: named in the locale
    parts.push(k === 'label' && typeof data.classification === 'string' ? evLabel(locale, 'classes', data.classification) : String(data[k]));
  }
  if (typeof data.due === 'string') parts.push(T('event.due', { due: data.due }));
  if (Array.isArray(data.files) && data.files.length) parts.push(T('event.files', { files: data.files.join(T('listSeparator')) }));
  return parts.join(T('partSeparator')) || undefined;
}

/** The return visits (回访) of the period: who visited, how, and what the rater said — never who the rater is. */
export function VisitsListPage(p: { shell: AdminShell; rows: ReturnVisitView[]; total: number; page: number; pageSize: number; query: Record<string, string | undefined>; errors: FieldError[] }) {
  const q = p.query;
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('visits.title')}>
      <h1 className="gk-heading-l">{T('order.visits')}</h1>
      <Tabs current="visits" T={T} />
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="get" action="/admin/ratings/visits" className="gk-filters">
        <DateField name="from" label={T('filters.from')} value={q.from} error={errorFor(p.errors, 'from')} required={false} locale={locale} />
        <DateField name="to" label={T('filters.to')} value={q.to} error={errorFor(p.errors, 'to')} required={false} locale={locale} />
        {q.agencyId ? <input type="hidden" name="agencyId" value={q.agencyId} /> : null}
        <Button variant="secondary">{T('filters.apply')}</Button>
      </form>
      <p>{T('visits.total', { n: formatNumber(p.total) })}</p>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="visits">
          <thead><tr><th scope="col">{T('visit.visitedOn')}</th><th scope="col">{T('col.unit')}</th><th scope="col">{T('visit.visitor')}</th><th scope="col">{T('visit.method')}</th><th scope="col">{T('visits.rating')}</th><th scope="col">{T('orders.heading')}</th><th scope="col">{T('visits.said')}</th></tr></thead>
          <tbody>
            {p.rows.map((v) => (
              <tr key={v.id}>
                <td>{v.visitedOn}</td><td>{v.agencyName}</td><td>{v.visitor}</td><td>{evLabel(locale, 'visitMethods', v.method)}</td>
                <td>{v.receiptCode ?? '—'}{v.level ? T('visits.stars', { n: v.level }) : ''} {v.ratedOn}</td>
                <td>{v.orderId ? <a href={`/admin/ratings/orders/${v.orderId}`}>{T('visits.order', { id: v.orderId })}</a> : '—'}</td><td>{v.said ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings/visits" query={q} locale={locale} />
    </AdminLayout>
  );
}

export function StatsPage(p: { shell: AdminShell; st: Statistics; query: { from: string; to: string; agencyId?: string | undefined }; agencies: { id: number; name: string }[]; unitNames: Record<number, string>; charts: { title: string; svg: string }[]; errors: FieldError[] }) {
  const { st } = p;
  const s = st.summary;
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('stats.title')}>
      <h1 className="gk-heading-l">{T('stats.heading')}</h1>
      <Tabs current="stats" T={T} />
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="get" action="/admin/ratings/stats" className="gk-filters">
        <DateField name="from" label={T('filters.from')} value={p.query.from} error={errorFor(p.errors, 'from')} locale={locale} />
        <DateField name="to" label={T('filters.to')} value={p.query.to} error={errorFor(p.errors, 'to')} locale={locale} />
        <Select name="agencyId" label={T('col.unit')} value={p.query.agencyId} placeholder={T('stats.allUnits')} options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))} required={false} locale={locale} />
        <Button variant="secondary">{T('stats.submit')}</Button>
      </form>
      <p>{T('stats.intro', { from: st.from, to: st.to, formula: formulaName(locale, st.formula) })}</p>
      <SummaryList caption={T('stats.overall')} items={[
        { key: T('stats.ratings'), value: <span data-testid="stat-ratings">{formatNumber(s.ratings)}</span> },
        { key: T('stats.satisfaction'), value: <span data-testid="stat-satisfaction">{s.satisfaction}%</span> },
        { key: T('stats.goodRate'), value: `${s.goodRate}%` },
        { key: T('stats.bad'), value: <span data-testid="stat-bad">{formatNumber(s.badRatings)}</span> },
        { key: T('stats.rectified'), value: T('stats.rectifiedValue', { n: formatNumber(s.badRectified), rate: st.rectificationRate }) },
        { key: T('stats.overdueOrders'), value: formatNumber(st.orders.overdue) },
        { key: T('stats.visits'), value: <span data-testid="stat-visits">{formatNumber(s.returnVisits)}</span> },
        { key: T('stats.visitRate'), value: `${st.returnVisitRate}%${st.orders.named ? T('stats.namedVisitRate', { rate: st.namedReturnVisitRate }) : T('stats.noNamed')}` },
        { key: T('stats.suggestions'), value: <span data-testid="stat-suggestions">{T('stats.suggestionsValue', { received: s.suggestions.received, adopted: s.suggestions.adopted, rectified: s.suggestions.rectified })}</span> },
      ]} />
      <div className="gk-charts">
        {p.charts.map((c) => (
          <figure key={c.title} className="gk-chart">
            <figcaption>{c.title}</figcaption>
            {/* SVG drawn on the server by echarts (renderer 'svg'); the numbers are in the tables below */}
            <div role="img" aria-label={c.title} dangerouslySetInnerHTML={{ __html: c.svg }} />
          </figure>
        ))}
      </div>
      <h2 className="gk-heading-m">{T('stats.byLevel')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr>{LEVELS.map((l) => <th scope="col" key={l}>{levelName(locale, l)}</th>)}</tr></thead>
          <tbody><tr>{LEVELS.map((l) => <td key={l}>{formatNumber(st.levels[l])}</td>)}</tr></tbody>
        </table>
      </div>
      <h2 className="gk-heading-m">{T('stats.byChannel')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="by-channel">
          <thead><tr><th scope="col">{T('ratings.channel')}</th><th scope="col">{T('stats.ratings')}</th></tr></thead>
          <tbody>{st.channels.map((c) => <tr key={c.channel}><td>{evLabel(locale, 'channels', c.channel)}</td><td>{formatNumber(c.n)}</td></tr>)}</tbody>
        </table>
      </div>
      <h2 className="gk-heading-m">{T('stats.byMonth')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">{T('stats.month')}</th><th scope="col">{T('stats.ratings')}</th><th scope="col">{T('stats.bad')}</th></tr></thead>
          <tbody>{st.months.map((m) => <tr key={m.month}><td>{m.month}</td><td>{formatNumber(m.n)}</td><td>{formatNumber(m.bad)}</td></tr>)}</tbody>
        </table>
      </div>
      <h2 className="gk-heading-m">{T('stats.byUnit')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="by-unit">
          <thead><tr><th scope="col">{T('col.unit')}</th><th scope="col">{T('stats.ratings')}</th><th scope="col">{T('stats.satisfaction')}</th><th scope="col">{T('stats.goodRate')}</th><th scope="col">{T('stats.unitBad')}</th><th scope="col">{T('stats.unitRectified')}</th><th scope="col">{T('stats.unitOverdue')}</th><th scope="col">{T('stats.unitVisits')}</th><th scope="col">{T('stats.unitSuggestions')}</th></tr></thead>
          <tbody>{st.units.map((u) => (
            <tr key={u.agencyId}><td>{p.unitNames[u.agencyId] ?? u.agencyId}</td><td>{formatNumber(u.ratings)}</td><td>{u.satisfaction}%</td><td>{u.goodRate}%</td><td>{u.badRatings}</td><td>{u.badRectified}</td><td>{u.overdueOrders}</td><td>{formatNumber(u.returnVisits)}</td><td>{T('stats.unitSuggestionsValue', { received: u.suggestions.received, adopted: u.suggestions.adopted, rectified: u.suggestions.rectified })}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function SuggestionsListPage(p: { shell: AdminShell; rows: SuggestionView[]; total: number; page: number; pageSize: number; state: string; canRegister: boolean; filters?: Record<string, string> }) {
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('suggestions.title')}>
      <h1 className="gk-heading-l">{T('suggestions.heading')}</h1>
      <Tabs current="suggestions" T={T} />
      <p>{T('suggestions.intro')}{p.canRegister ? <a href="/admin/suggestions/new">{T('suggestions.register')}</a> : null}</p>
      <ul className="gk-list gk-list--inline">
        {(['open', 'replied', 'all'] as const).map((k) => <li key={k}>{k === p.state ? <strong>{T(`suggestions.states.${k}`)}</strong> : <a href={`/admin/suggestions?state=${k}`}>{T(`suggestions.states.${k}`)}</a>}</li>)}
      </ul>
      <p>{T('suggestions.total', { n: formatNumber(p.total) })}</p>
      <div className="gk-table-wrap">
        <table className="gk-table" data-testid="suggestions">
          <thead><tr><th scope="col">{T('suggestions.receivedOn')}</th><th scope="col">{T('suggestions.queryCode')}</th><th scope="col">{T('col.unit')}</th><th scope="col">{T('suggestions.source')}</th><th scope="col">{T('suggestions.content')}</th><th scope="col">{T('col.state')}</th><th scope="col">{T('suggestions.result')}</th><th scope="col">{T('suggestions.dueOn')}</th></tr></thead>
          <tbody>{p.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.receivedOn}</td><td><a href={`/admin/suggestions/${r.id}`}>{r.queryCode}</a></td><td>{r.agencyName}</td><td>{evLabel(locale, 'suggestionChannels', r.channel)}</td><td>{r.content.slice(0, 60)}</td>
              <td>{evLabel(locale, 'suggestionStates', r.state)}</td><td>{r.result ? evLabel(locale, 'suggestionResults', r.result) : '—'}</td><td>{r.overdue ? <StatusTag text={T('overdueOn', { due: r.dueOn })} tone="red" /> : r.dueOn}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/suggestions" query={{ ...p.filters, state: p.state }} locale={locale} />
    </AdminLayout>
  );
}

export function SuggestionNewPage(p: { shell: AdminShell; values: FormValues; errors: FieldError[] }) {
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('suggestions.newTitle')}>
      <p><a href="/admin/suggestions">← {T('suggestions.back')}</a></p>
      <h1 className="gk-heading-l">{T('suggestions.register')}</h1>
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="post" action="/admin/suggestions" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <Select name="channel" label={T('suggestions.channel')} value={p.values.channel} options={opts(locale, 'suggestionChannels', SUGGESTION_CHANNELS)} error={errorFor(p.errors, 'channel')} locale={locale} />
        <DateField name="receivedOn" label={T('suggestions.receivedOn')} value={p.values.receivedOn} error={errorFor(p.errors, 'receivedOn')} locale={locale} />
        <Textarea name="content" label={T('suggestions.contentLabel')} value={p.values.content} error={errorFor(p.errors, 'content')} rows={5} maxLength={4000} locale={locale} />
        <TextField name="name" label={T('suggestions.name')} value={p.values.name} error={errorFor(p.errors, 'name')} maxLength={50} required={false} locale={locale} />
        <TextField name="phone" label={T('suggestions.phone')} type="tel" value={p.values.phone} error={errorFor(p.errors, 'phone')} maxLength={30} required={false} locale={locale} />
        <Button>{T('suggestions.submit')}</Button>
      </form>
    </AdminLayout>
  );
}

export function SuggestionPage(p: { shell: AdminShell; s: SuggestionView; canHandle: boolean; formState?: FormState | undefined }) {
  const { s } = p;
  const st = p.formState;
  const locale = p.shell.locale;
  const T = evT(locale);
  const v = (form: string, k: string) => (st?.form === form ? st.values[k] : undefined);
  const e = (form: string, k: string) => (st?.form === form ? errorFor(st.errors, k) : undefined);
  const canHandle = p.canHandle && s.state !== 'replied';
  const canReply = p.canHandle && s.state === 'handled';
  const drawn = new Set<string>([...(canHandle ? ['handle'] : []), ...(canReply ? ['reply'] : [])]);
  const orphan = st && !drawn.has(st.form) ? st.errors : null;
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('suggestion.title', { code: s.queryCode })}>
      <p><a href="/admin/suggestions">← {T('suggestions.back')}</a></p>
      {orphan ? <ErrorSummary errors={orphan} idPrefix="page" linked={() => false} locale={locale} /> : null}
      <h1 className="gk-heading-l">{T('suggestion.title', { code: s.queryCode })} <StatusTag text={evLabel(locale, 'suggestionStates', s.state)} tone={s.state === 'replied' ? 'green' : s.overdue ? 'red' : 'blue'} /></h1>
      <SummaryList items={[
        { key: T('col.unit'), value: s.agencyName },
        { key: T('suggestions.source'), value: T('suggestion.sourceValue', { channel: evLabel(locale, 'suggestionChannels', s.channel), on: s.receivedOn }) },
        { key: T('suggestions.content'), value: s.content },
        { key: T('suggestion.contact'), value: s.contactName || s.contactPhone ? `${s.contactName ?? ''} ${s.contactPhone ?? ''}` : T('suggestion.noContact') },
        { key: T('suggestions.dueOn'), value: s.dueOn },
        ...(s.result ? [{ key: T('suggestions.result'), value: <span data-testid="suggestion-result">{T('suggestion.resultValue', { result: evLabel(locale, 'suggestionResults', s.result), text: s.resultText ?? '', on: s.handledOn ?? '' })}</span> }] : []),
        ...(s.reply ? [{ key: T('suggestion.reply'), value: T('textOn', { text: s.reply, on: String(s.repliedOn) }) }] : []),
      ]} />
      {canHandle ? (
        <section aria-labelledby="form-handle">
          <h2 className="gk-heading-m" id="form-handle">{s.state === 'handled' ? T('suggestion.changeResult') : T('suggestion.recordResult')}</h2>
          {st?.form === 'handle' ? <ErrorSummary errors={st.errors} idPrefix="handle" locale={locale} /> : null}
          <form method="post" action={`/admin/suggestions/${s.id}/handling`} noValidate>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="version" value={s.version} />
            <Radios name="result" idPrefix="handle" label={T('suggestions.result')} value={v('handle', 'result') ?? s.result} error={e('handle', 'result')} options={opts(locale, 'suggestionResults', SUGGESTION_RESULTS)} locale={locale} />
            <Textarea name="text" idPrefix="handle" label={T('suggestion.resultText')} value={v('handle', 'text') ?? s.resultText} error={e('handle', 'text')} rows={4} maxLength={4000} locale={locale} />
            <Button>{T('suggestion.saveResult')}</Button>
          </form>
        </section>
      ) : null}
      {canReply ? (
        <section aria-labelledby="form-reply">
          <h2 className="gk-heading-m" id="form-reply">{T('suggestion.reply')}</h2>
          {st?.form === 'reply' ? <ErrorSummary errors={st.errors} idPrefix="reply" locale={locale} /> : null}
          <form method="post" action={`/admin/suggestions/${s.id}/reply`} noValidate>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="version" value={s.version} />
            <Textarea name="text" idPrefix="reply" label={T('suggestion.replyText')} hint={T('suggestion.replyHint')} value={v('reply', 'text')} error={e('reply', 'text')} rows={4} maxLength={4000} locale={locale} />
            <Button>{T('suggestion.reply')}</Button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}

export function CardsPage(p: { shell: AdminShell; agencies: { id: number; name: string }[]; query: { agencyId: string; type: string; ref: string }; url: string | null; symbol: QrSymbol | null; pdfHref: string | null; errors: FieldError[] }) {
  const q = p.query;
  const locale = p.shell.locale;
  const T = evT(locale);
  return (
    <AdminLayout {...p.shell} active="ratings" title={T('cards.title')}>
      <h1 className="gk-heading-l">{T('cards.title')}</h1>
      <Tabs current="cards" T={T} />
      <p>{T('cards.intro')}</p>
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="get" action="/admin/ratings/cards" className="gk-filters">
        <Select name="agencyId" label={T('col.agency')} value={q.agencyId} options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))} locale={locale} />
        <Select name="type" label={T('col.target')} value={q.type} options={(['agency', 'window', 'case', 'staff', 'service_item'] as const).map((k) => ({ value: k, label: evLabel(locale, 'targets', k) }))} locale={locale} />
        <TextField name="ref" label={T('cards.ref')} hint={T('cards.refHint')} value={q.ref} error={errorFor(p.errors, 'ref')} maxLength={100} required={false} locale={locale} />
        <Button variant="secondary">{T('cards.submit')}</Button>
      </form>
      {p.url && p.symbol ? (
        <section aria-labelledby="qr-title">
          <h2 className="gk-heading-m" id="qr-title">{T('cards.qr')}</h2>
          <QrImage symbol={p.symbol} label={T('cards.qrLabel', { url: p.url })} />
          <p>{T('cards.page')}<a href={p.url} data-testid="rate-url">{p.url}</a></p>
          {p.pdfHref ? <p><a className="gk-button gk-button--primary" href={p.pdfHref}>{T('cards.pdf')}</a></p> : null}
        </section>
      ) : null}
    </AdminLayout>
  );
}

// Back-office pages of 好差评 and the suggestions ledger: ratings (paged, filters), statistics (figures, SVG charts of
// the month trend and the channel mix, per unit), 差评 work orders (list; the order page with each step the signed-in
// user may take as a form), suggestions (ledger, staff entry, handling and reply) and the QR cards for the counter.
// Personal data of raters arrives already masked for roles outside the handling unit (services, decision 080).
import type { ReactNode } from 'react';
import {
  AdminLayout, Button, CsrfField, DateField, ErrorSummary, FileField, Notice, Pagination, Radios, Select, StatusTag, SummaryList, Textarea, TextField, Timeline,
  errorFor, formatNumber, type AdminShell, type FieldError,
} from '../../ui/index.ts';
import {
  CHANNELS, CHANNEL_LABELS, CLASSES, CLASS_HINTS, CLASS_LABELS, LEVELS, LEVEL_LABELS, ORDER_ACTION_LABELS, SUGGESTION_CHANNELS, SUGGESTION_CHANNEL_LABELS,
  SUGGESTION_RESULTS, SUGGESTION_RESULT_LABELS, TARGET_LABELS, type OrderAction,
} from '../../core/evaluations/index.ts';
import type { QrSymbol } from './evaluations.card.ts';
import type { OrderDetail, OrderSummary } from './evaluations.orders.ts';
import { VISIT_METHODS, VISIT_METHOD_LABELS } from './evaluations.schema.ts';
import type { EvaluationView, ReturnVisitView } from './evaluations.service.ts';
import type { Statistics } from './evaluations.stats.ts';
import type { SuggestionView } from './evaluations.suggestions.ts';
import { QrImage, type FormValues } from './evaluations.views.tsx';

export interface FormState {
  form: string;
  values: FormValues;
  errors: FieldError[];
}

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/** The tabs of the 好差评 section. */
function Tabs({ current }: { current: string }) {
  const tabs = [
    ['ratings', '/admin/ratings', '评价'], ['orders', '/admin/ratings/orders', '差评工单'], ['visits', '/admin/ratings/visits', '回访'], ['stats', '/admin/ratings/stats', '统计'],
    ['suggestions', '/admin/suggestions', '意见建议'], ['cards', '/admin/ratings/cards', '评价二维码'],
  ] as const;
  return (
    <nav aria-label="好差评" className="gk-tabs">
      <ul className="gk-list gk-list--inline">
        {tabs.map(([k, href, label]) => <li key={k}><a href={href} aria-current={k === current ? 'page' : undefined}>{label}</a></li>)}
      </ul>
    </nav>
  );
}

export function RatingsListPage(p: { shell: AdminShell; rows: EvaluationView[]; total: number; page: number; pageSize: number; query: Record<string, string | undefined>; errors: FieldError[] }) {
  const q = p.query;
  return (
    <AdminLayout {...p.shell} active="ratings" title="好差评：评价">
      <h1 className="gk-heading-l">好差评</h1>
      <Tabs current="ratings" />
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="get" action="/admin/ratings" className="gk-filters">
        <DateField name="from" label="开始日期" value={q.from} error={errorFor(p.errors, 'from')} required={false} />
        <DateField name="to" label="结束日期" value={q.to} error={errorFor(p.errors, 'to')} required={false} />
        <Select name="level" label="等级" value={q.level} placeholder="全部" options={LEVELS.map((l) => ({ value: String(l), label: `${l}星 ${LEVEL_LABELS[l]}` }))} required={false} />
        <Select name="channel" label="渠道" value={q.channel} placeholder="全部" options={opts(CHANNELS, CHANNEL_LABELS)} required={false} />
        <Select name="bad" label="只看差评" value={q.bad} placeholder="否" options={[{ value: '1', label: '是' }]} required={false} />
        {q.agencyId ? <input type="hidden" name="agencyId" value={q.agencyId} /> : null}
        <Button variant="secondary">筛选</Button>
      </form>
      <p>共 {formatNumber(p.total)} 条评价</p>
      <table className="gk-table" data-testid="ratings">
        <thead><tr><th scope="col">日期</th><th scope="col">回执码</th><th scope="col">机构</th><th scope="col">评价对象</th><th scope="col">等级</th><th scope="col">渠道</th><th scope="col">评价内容</th><th scope="col">评价人</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.ratedOn}</td><td>{r.receiptCode}</td><td>{r.agencyName}</td><td>{r.targetLabel}{r.targetRef ? ` ${r.targetRef}` : ''}</td>
              <td>{r.bad ? <StatusTag text={r.levelLabel} tone="red" /> : r.levelLabel}</td><td>{r.channelLabel}</td><td>{r.comment ?? ''}</td>
              <td>{r.realName ? `${r.raterName ?? ''} ${r.raterPhone ?? ''}` : '匿名'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings" query={q} />
    </AdminLayout>
  );
}

export function OrdersListPage(p: { shell: AdminShell; rows: OrderSummary[]; total: number; page: number; pageSize: number; state: string; filters?: Record<string, string> }) {
  return (
    <AdminLayout {...p.shell} active="ratings" title="好差评：差评工单">
      <h1 className="gk-heading-l">差评工单</h1>
      <Tabs current="orders" />
      <p>每个差评自动生成工单，由办理单位核实、整改并反馈评价人，政务公开办回访办结（国办发〔2019〕51号）。</p>
      <ul className="gk-list gk-list--inline">
        {([['open', '未办结'], ['closed', '已办结'], ['all', '全部']] as const).map(([k, l]) => <li key={k}>{k === p.state ? <strong>{l}</strong> : <a href={`/admin/ratings/orders?state=${k}`}>{l}</a>}</li>)}
      </ul>
      <p>共 {formatNumber(p.total)} 件</p>
      <table className="gk-table" data-testid="orders">
        <thead><tr><th scope="col">差评日期</th><th scope="col">回执码</th><th scope="col">单位</th><th scope="col">评价对象</th><th scope="col">评价内容</th><th scope="col">状态</th><th scope="col">处理类别</th><th scope="col">期限</th></tr></thead>
        <tbody>
          {p.rows.map((o) => (
            <tr key={o.id}>
              <td>{o.openedOn}</td><td><a href={`/admin/ratings/orders/${o.id}`}>{o.receiptCode}</a>{o.realName ? '（实名）' : ''}</td><td>{o.agencyName}</td><td>{o.target}</td><td>{o.comment ?? ''}</td>
              <td>{o.stateLabel}</td><td>{o.classificationLabel ?? '—'}</td>
              <td>{o.due ? (o.overdue ? <StatusTag text={`已超期（${o.due}）`} tone="red" /> : `${o.due}（剩余 ${o.daysLeft} 个工作日）`) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings/orders" query={{ ...p.filters, state: p.state }} />
    </AdminLayout>
  );
}

function ActionForm({ id, action, version, csrf, state, multipart, children }: { id: number; action: OrderAction; version: number; csrf: string; state?: FormState | undefined; multipart?: boolean; children: ReactNode }) {
  const mine = state?.form === action ? state : undefined;
  return (
    <section className="gk-action" aria-labelledby={`action-${action}`} id={`action-${action}`}>
      <h3 className="gk-heading-s" id={`action-${action}-title`}>{ORDER_ACTION_LABELS[action]}</h3>
      {mine ? <ErrorSummary errors={mine.errors} idPrefix={action} /> : null}
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
  const v = (action: OrderAction, k: string, dflt = '') => (st?.form === action ? st.values[k] : undefined) ?? dflt;
  const e = (action: OrderAction, k: string) => (st?.form === action ? errorFor(st.errors, k) : undefined);
  const csrf = p.shell.csrfToken;
  const drawn = new Set<string>(d.actions);
  const orphan = st && !drawn.has(st.form) ? st.errors : null;
  return (
    <AdminLayout {...p.shell} active="ratings" title={`差评工单 ${d.receiptCode}`}>
      <p><a href="/admin/ratings/orders">← 差评工单</a></p>
      {orphan ? <ErrorSummary errors={orphan} idPrefix="page" linked={() => false} /> : null}
      <h1 className="gk-heading-l">差评工单 {d.receiptCode} <StatusTag text={d.stateLabel} tone={d.state === 'closed' ? 'green' : d.overdue ? 'red' : 'blue'} /></h1>
      {d.overdue ? <Notice kind="warning" title="已超期">本工单应于 {d.due} 前完成{d.classification ? '整改并反馈评价人' : '核实'}。</Notice> : null}
      <SummaryList items={[
        { key: '单位', value: d.agencyName },
        { key: '评价', value: `${d.levelLabel}（${d.ratedOn}，${CHANNEL_LABELS[d.channel as keyof typeof CHANNEL_LABELS] ?? d.channel}）` },
        { key: '评价对象', value: d.target },
        { key: '评价内容', value: d.comment ?? '（未填写）' },
        { key: '评价人', value: d.realName ? <span data-testid="rater">{d.raterName} {d.raterPhone}</span> : '匿名' },
        { key: '处理类别', value: d.classificationLabel ?? '待核实后确定' },
        { key: '期限', value: d.due ? `${d.due}${d.state !== 'closed' && d.daysLeft !== null ? `（剩余 ${d.daysLeft} 个工作日）` : ''}` : '—' },
        ...(d.rectification ? [{ key: '整改情况', value: `${d.rectification}（${d.rectifiedOn}）` }] : []),
        ...(d.feedback ? [{ key: '反馈评价人', value: `${d.feedback}（${d.feedbackOn}）` }] : []),
        ...(d.closedOn ? [{ key: '办结日期', value: d.closedOn }] : []),
      ]} />
      {d.files.length ? (
        <>
          <h2 className="gk-heading-m">整改佐证材料</h2>
          <ul className="gk-list">{d.files.map((f) => <li key={f.id}><a href={`/api/evaluation-orders/${d.id}/files/${f.id}`}>{f.filename}</a>（{Math.max(1, Math.round(f.size / 1024))} KB）</li>)}</ul>
        </>
      ) : null}
      <h2 className="gk-heading-m">回访记录</h2>
      {d.visits.length ? (
        <table className="gk-table" data-testid="visits">
          <thead><tr><th scope="col">日期</th><th scope="col">回访人</th><th scope="col">方式</th><th scope="col">评价人反映的情况</th></tr></thead>
          <tbody>{d.visits.map((x) => <tr key={x.id}><td>{x.visitedOn}</td><td>{x.visitor}</td><td>{x.methodLabel}</td><td>{x.said}</td></tr>)}</tbody>
        </table>
      ) : <p>尚未回访。{d.realName ? '实名差评必须先回访核实，才能确定处理类别。' : ''}</p>}
      {d.actions.length ? <h2 className="gk-heading-m">办理</h2> : null}
      {d.actions.includes('logVisit') ? (
        <ActionForm id={d.id} action="logVisit" version={d.version} csrf={csrf} state={st}>
          <DateField name="visitedOn" idPrefix="logVisit" label="回访日期" value={v('logVisit', 'visitedOn', p.today)} error={e('logVisit', 'visitedOn')} />
          <TextField name="visitor" idPrefix="logVisit" label="回访人" value={v('logVisit', 'visitor', p.shell.user.displayName)} error={e('logVisit', 'visitor')} maxLength={50} />
          <Select name="method" idPrefix="logVisit" label="回访方式" value={v('logVisit', 'method', 'phone')} options={opts(VISIT_METHODS, VISIT_METHOD_LABELS)} error={e('logVisit', 'method')} />
          <Textarea name="said" idPrefix="logVisit" label="评价人反映的情况" value={v('logVisit', 'said')} error={e('logVisit', 'said')} rows={3} maxLength={2000} />
          <Button variant="secondary">登记回访</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('classify') ? (
        <ActionForm id={d.id} action="classify" version={d.version} csrf={csrf} state={st}>
          <Radios name="classification" idPrefix="classify" label="处理类别" value={v('classify', 'classification')} error={e('classify', 'classification')}
            options={CLASSES.map((c) => ({ value: c, label: CLASS_LABELS[c], hint: CLASS_HINTS[c] }))} />
          <Textarea name="reason" idPrefix="classify" label="核实情况和处理类别的理由" value={v('classify', 'reason')} error={e('classify', 'reason')} rows={3} maxLength={2000} />
          <Button>确定处理类别</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('decideAppeal') ? (
        <ActionForm id={d.id} action="decideAppeal" version={d.version} csrf={csrf} state={st}>
          <Radios name="upheld" idPrefix="decideAppeal" label="复核决定" value={v('decideAppeal', 'upheld')} error={e('decideAppeal', 'upheld')}
            options={[{ value: '1', label: '认定为误评或恶意差评，不计入差评，办结' }, { value: '0', label: '不予认定，退回办理单位重新核实处理' }]} />
          <Textarea name="reason" idPrefix="decideAppeal" label="复核决定的理由" value={v('decideAppeal', 'reason')} error={e('decideAppeal', 'reason')} rows={3} maxLength={2000} />
          <Button>作出决定</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('recordRectification') ? (
        <ActionForm id={d.id} action="recordRectification" version={d.version} csrf={csrf} state={st} multipart>
          <Textarea name="text" idPrefix="recordRectification" label="整改情况" value={v('recordRectification', 'text')} error={e('recordRectification', 'text')} rows={4} maxLength={4000} />
          <FileField name="files" idPrefix="recordRectification" label="整改佐证材料" hint="整改照片或文件扫描件，PDF、JPG 或 PNG，每个不超过5MB，最多5个。页面提示错误时，请重新选择文件。" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple required={false} error={e('recordRectification', 'files')} />
          <Button>登记整改情况</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('sendFeedback') ? (
        <ActionForm id={d.id} action="sendFeedback" version={d.version} csrf={csrf} state={st}>
          <Textarea name="text" idPrefix="sendFeedback" label="反馈给评价人的内容" hint="评价人凭回执码在评价处理情况页面看到这段话；不要写入个人信息。" value={v('sendFeedback', 'text')} error={e('sendFeedback', 'text')} rows={4} maxLength={2000} />
          <Button>反馈评价人</Button>
        </ActionForm>
      ) : null}
      {d.actions.includes('closeOrder') ? (
        <ActionForm id={d.id} action="closeOrder" version={d.version} csrf={csrf} state={st}>
          <Textarea name="note" idPrefix="closeOrder" label="监督回访情况" value={v('closeOrder', 'note')} error={e('closeOrder', 'note')} rows={3} maxLength={2000} />
          <Button>回访并办结</Button>
        </ActionForm>
      ) : null}
      <h2 className="gk-heading-m">办理记录</h2>
      <Timeline events={d.events.map((x) => ({ when: x.onDate, title: x.label, actor: x.actor, detail: detailOf(x.data) }))} />
    </AdminLayout>
  );
}

function detailOf(data: Record<string, unknown> | null): string | undefined {
  if (!data) return undefined;
  const parts: string[] = [];
  for (const k of ['label', 'reason', 'said', 'text', 'note']) if (typeof data[k] === 'string' && data[k]) parts.push(String(data[k]));
  if (typeof data.due === 'string') parts.push(`期限 ${data.due}`);
  if (Array.isArray(data.files) && data.files.length) parts.push(`佐证材料：${data.files.join('、')}`);
  return parts.join('；') || undefined;
}

/** The return visits (回访) of the period: who visited, how, and what the rater said — never who the rater is. */
export function VisitsListPage(p: { shell: AdminShell; rows: ReturnVisitView[]; total: number; page: number; pageSize: number; query: Record<string, string | undefined>; errors: FieldError[] }) {
  const q = p.query;
  return (
    <AdminLayout {...p.shell} active="ratings" title="好差评：回访">
      <h1 className="gk-heading-l">回访记录</h1>
      <Tabs current="visits" />
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="get" action="/admin/ratings/visits" className="gk-filters">
        <DateField name="from" label="开始日期" value={q.from} error={errorFor(p.errors, 'from')} required={false} />
        <DateField name="to" label="结束日期" value={q.to} error={errorFor(p.errors, 'to')} required={false} />
        {q.agencyId ? <input type="hidden" name="agencyId" value={q.agencyId} /> : null}
        <Button variant="secondary">筛选</Button>
      </form>
      <p>共 {formatNumber(p.total)} 次回访</p>
      <table className="gk-table" data-testid="visits">
        <thead><tr><th scope="col">回访日期</th><th scope="col">单位</th><th scope="col">回访人</th><th scope="col">方式</th><th scope="col">评价（回执码、等级、日期）</th><th scope="col">差评工单</th><th scope="col">评价人反映</th></tr></thead>
        <tbody>
          {p.rows.map((v) => (
            <tr key={v.id}>
              <td>{v.visitedOn}</td><td>{v.agencyName}</td><td>{v.visitor}</td><td>{VISIT_METHOD_LABELS[v.method as keyof typeof VISIT_METHOD_LABELS] ?? v.method}</td>
              <td>{v.receiptCode ?? '—'}{v.level ? `（${v.level}星）` : ''} {v.ratedOn}</td>
              <td>{v.orderId ? <a href={`/admin/ratings/orders/${v.orderId}`}>工单 {v.orderId}</a> : '—'}</td><td>{v.said ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/ratings/visits" query={q} />
    </AdminLayout>
  );
}

export function StatsPage(p: { shell: AdminShell; st: Statistics; query: { from: string; to: string; agencyId?: string | undefined }; agencies: { id: number; name: string }[]; unitNames: Record<number, string>; charts: { title: string; svg: string }[]; errors: FieldError[] }) {
  const { st } = p;
  const s = st.summary;
  return (
    <AdminLayout {...p.shell} active="ratings" title="好差评：统计">
      <h1 className="gk-heading-l">好差评统计</h1>
      <Tabs current="stats" />
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="get" action="/admin/ratings/stats" className="gk-filters">
        <DateField name="from" label="开始日期" value={p.query.from} error={errorFor(p.errors, 'from')} />
        <DateField name="to" label="结束日期" value={p.query.to} error={errorFor(p.errors, 'to')} />
        <Select name="agencyId" label="单位" value={p.query.agencyId} placeholder="全部（本机关及下级）" options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))} required={false} />
        <Button variant="secondary">统计</Button>
      </form>
      <p>{st.from} 至 {st.to}。满意度 = {st.formula}；好评率 = 3星及以上 ÷ 全部评价；差评 = 1至2星。</p>
      <SummaryList caption="总体情况" items={[
        { key: '评价数', value: <span data-testid="stat-ratings">{formatNumber(s.ratings)}</span> },
        { key: '满意度', value: <span data-testid="stat-satisfaction">{s.satisfaction}%</span> },
        { key: '好评率', value: `${s.goodRate}%` },
        { key: '差评数', value: <span data-testid="stat-bad">{formatNumber(s.badRatings)}</span> },
        { key: '差评整改办结', value: `${formatNumber(s.badRectified)}（整改率 ${st.rectificationRate}%）` },
        { key: '超期工单', value: formatNumber(st.orders.overdue) },
        { key: '回访次数', value: <span data-testid="stat-visits">{formatNumber(s.returnVisits)}</span> },
        { key: '差评回访率', value: `${st.returnVisitRate}%${st.orders.named ? `（实名差评 ${st.namedReturnVisitRate}%，应为100%）` : '（没有实名差评）'}` },
        { key: '意见建议', value: <span data-testid="stat-suggestions">收到 {s.suggestions.received} 条，采纳 {s.suggestions.adopted} 条，查摆整改问题 {s.suggestions.rectified} 个</span> },
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
      <h2 className="gk-heading-m">按等级</h2>
      <table className="gk-table">
        <thead><tr>{LEVELS.map((l) => <th scope="col" key={l}>{LEVEL_LABELS[l]}</th>)}</tr></thead>
        <tbody><tr>{LEVELS.map((l) => <td key={l}>{formatNumber(st.levels[l])}</td>)}</tr></tbody>
      </table>
      <h2 className="gk-heading-m">按渠道</h2>
      <table className="gk-table" data-testid="by-channel">
        <thead><tr><th scope="col">渠道</th><th scope="col">评价数</th></tr></thead>
        <tbody>{st.channels.map((c) => <tr key={c.channel}><td>{c.label}</td><td>{formatNumber(c.n)}</td></tr>)}</tbody>
      </table>
      <h2 className="gk-heading-m">按月</h2>
      <table className="gk-table">
        <thead><tr><th scope="col">月份</th><th scope="col">评价数</th><th scope="col">差评数</th></tr></thead>
        <tbody>{st.months.map((m) => <tr key={m.month}><td>{m.month}</td><td>{formatNumber(m.n)}</td><td>{formatNumber(m.bad)}</td></tr>)}</tbody>
      </table>
      <h2 className="gk-heading-m">按单位</h2>
      <table className="gk-table" data-testid="by-unit">
        <thead><tr><th scope="col">单位</th><th scope="col">评价数</th><th scope="col">满意度</th><th scope="col">好评率</th><th scope="col">差评</th><th scope="col">整改办结</th><th scope="col">超期</th><th scope="col">回访</th><th scope="col">意见建议（采纳 / 整改）</th></tr></thead>
        <tbody>{st.units.map((u) => (
          <tr key={u.agencyId}><td>{p.unitNames[u.agencyId] ?? u.agencyId}</td><td>{formatNumber(u.ratings)}</td><td>{u.satisfaction}%</td><td>{u.goodRate}%</td><td>{u.badRatings}</td><td>{u.badRectified}</td><td>{u.overdueOrders}</td><td>{formatNumber(u.returnVisits)}</td><td>{u.suggestions.received}（{u.suggestions.adopted} / {u.suggestions.rectified}）</td></tr>
        ))}</tbody>
      </table>
    </AdminLayout>
  );
}

export function SuggestionsListPage(p: { shell: AdminShell; rows: SuggestionView[]; total: number; page: number; pageSize: number; state: string; canRegister: boolean; filters?: Record<string, string> }) {
  return (
    <AdminLayout {...p.shell} active="ratings" title="意见建议">
      <h1 className="gk-heading-l">意见建议（吐槽找茬）</h1>
      <Tabs current="suggestions" />
      <p>有诉必理、有理必果、及时反馈。{p.canRegister ? <a href="/admin/suggestions/new">登记线下收到的意见建议</a> : null}</p>
      <ul className="gk-list gk-list--inline">
        {([['open', '办理中'], ['replied', '已答复'], ['all', '全部']] as const).map(([k, l]) => <li key={k}>{k === p.state ? <strong>{l}</strong> : <a href={`/admin/suggestions?state=${k}`}>{l}</a>}</li>)}
      </ul>
      <p>共 {formatNumber(p.total)} 条</p>
      <table className="gk-table" data-testid="suggestions">
        <thead><tr><th scope="col">收到日期</th><th scope="col">查询码</th><th scope="col">单位</th><th scope="col">来源</th><th scope="col">内容</th><th scope="col">状态</th><th scope="col">办理结果</th><th scope="col">答复期限</th></tr></thead>
        <tbody>{p.rows.map((r) => (
          <tr key={r.id}>
            <td>{r.receivedOn}</td><td><a href={`/admin/suggestions/${r.id}`}>{r.queryCode}</a></td><td>{r.agencyName}</td><td>{r.channelLabel}</td><td>{r.content.slice(0, 60)}</td>
            <td>{r.stateLabel}</td><td>{r.resultLabel ?? '—'}</td><td>{r.overdue ? <StatusTag text={`已超期（${r.dueOn}）`} tone="red" /> : r.dueOn}</td>
          </tr>
        ))}</tbody>
      </table>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/suggestions" query={{ ...p.filters, state: p.state }} />
    </AdminLayout>
  );
}

export function SuggestionNewPage(p: { shell: AdminShell; values: FormValues; errors: FieldError[] }) {
  return (
    <AdminLayout {...p.shell} active="ratings" title="登记意见建议">
      <p><a href="/admin/suggestions">← 意见建议</a></p>
      <h1 className="gk-heading-l">登记线下收到的意见建议</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="post" action="/admin/suggestions" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <Select name="channel" label="来源渠道" value={p.values.channel} options={opts(SUGGESTION_CHANNELS, SUGGESTION_CHANNEL_LABELS)} error={errorFor(p.errors, 'channel')} />
        <DateField name="receivedOn" label="收到日期" value={p.values.receivedOn} error={errorFor(p.errors, 'receivedOn')} />
        <Textarea name="content" label="意见建议内容" value={p.values.content} error={errorFor(p.errors, 'content')} rows={5} maxLength={4000} />
        <TextField name="name" label="姓名" value={p.values.name} error={errorFor(p.errors, 'name')} maxLength={50} required={false} />
        <TextField name="phone" label="联系电话" type="tel" value={p.values.phone} error={errorFor(p.errors, 'phone')} maxLength={30} required={false} />
        <Button>登记</Button>
      </form>
    </AdminLayout>
  );
}

export function SuggestionPage(p: { shell: AdminShell; s: SuggestionView; canHandle: boolean; formState?: FormState | undefined }) {
  const { s } = p;
  const st = p.formState;
  const v = (form: string, k: string) => (st?.form === form ? st.values[k] : undefined);
  const e = (form: string, k: string) => (st?.form === form ? errorFor(st.errors, k) : undefined);
  const canHandle = p.canHandle && s.state !== 'replied';
  const canReply = p.canHandle && s.state === 'handled';
  const drawn = new Set<string>([...(canHandle ? ['handle'] : []), ...(canReply ? ['reply'] : [])]);
  const orphan = st && !drawn.has(st.form) ? st.errors : null;
  return (
    <AdminLayout {...p.shell} active="ratings" title={`意见建议 ${s.queryCode}`}>
      <p><a href="/admin/suggestions">← 意见建议</a></p>
      {orphan ? <ErrorSummary errors={orphan} idPrefix="page" linked={() => false} /> : null}
      <h1 className="gk-heading-l">意见建议 {s.queryCode} <StatusTag text={s.stateLabel} tone={s.state === 'replied' ? 'green' : s.overdue ? 'red' : 'blue'} /></h1>
      <SummaryList items={[
        { key: '单位', value: s.agencyName },
        { key: '来源', value: `${s.channelLabel}，${s.receivedOn} 收到` },
        { key: '内容', value: s.content },
        { key: '联系人', value: s.contactName || s.contactPhone ? `${s.contactName ?? ''} ${s.contactPhone ?? ''}` : '未留' },
        { key: '答复期限', value: s.dueOn },
        ...(s.resultLabel ? [{ key: '办理结果', value: <span data-testid="suggestion-result">{s.resultLabel}：{s.resultText}（{s.handledOn}）</span> }] : []),
        ...(s.reply ? [{ key: '答复', value: `${s.reply}（${s.repliedOn}）` }] : []),
      ]} />
      {canHandle ? (
        <section aria-labelledby="form-handle">
          <h2 className="gk-heading-m" id="form-handle">{s.state === 'handled' ? '修改办理结果' : '登记办理结果'}</h2>
          {st?.form === 'handle' ? <ErrorSummary errors={st.errors} idPrefix="handle" /> : null}
          <form method="post" action={`/admin/suggestions/${s.id}/handling`} noValidate>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="version" value={s.version} />
            <Radios name="result" idPrefix="handle" label="办理结果" value={v('handle', 'result') ?? s.result} error={e('handle', 'result')} options={opts(SUGGESTION_RESULTS, SUGGESTION_RESULT_LABELS)} />
            <Textarea name="text" idPrefix="handle" label="办理情况（不予采纳时写明理由）" value={v('handle', 'text') ?? s.resultText} error={e('handle', 'text')} rows={4} maxLength={4000} />
            <Button>保存办理结果</Button>
          </form>
        </section>
      ) : null}
      {canReply ? (
        <section aria-labelledby="form-reply">
          <h2 className="gk-heading-m" id="form-reply">答复</h2>
          {st?.form === 'reply' ? <ErrorSummary errors={st.errors} idPrefix="reply" /> : null}
          <form method="post" action={`/admin/suggestions/${s.id}/reply`} noValidate>
            <CsrfField token={p.shell.csrfToken} />
            <input type="hidden" name="version" value={s.version} />
            <Textarea name="text" idPrefix="reply" label="答复内容" hint="凭查询码可以看到答复；不要写入个人信息。" value={v('reply', 'text')} error={e('reply', 'text')} rows={4} maxLength={4000} />
            <Button>答复</Button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}

export function CardsPage(p: { shell: AdminShell; agencies: { id: number; name: string }[]; query: { agencyId: string; type: string; ref: string }; url: string | null; symbol: QrSymbol | null; pdfHref: string | null; errors: FieldError[] }) {
  const q = p.query;
  return (
    <AdminLayout {...p.shell} active="ratings" title="评价二维码">
      <h1 className="gk-heading-l">评价二维码</h1>
      <Tabs current="cards" />
      <p>每个窗口、办件和本机构都有一个评价页面，群众用手机扫码即可评价，无需登录。打印 PDF 卡片放在窗口，或把办件的二维码印在办件回执上。</p>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="get" action="/admin/ratings/cards" className="gk-filters">
        <Select name="agencyId" label="机构" value={q.agencyId} options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))} />
        <Select name="type" label="评价对象" value={q.type} options={(['agency', 'window', 'case', 'staff', 'service_item'] as const).map((k) => ({ value: k, label: TARGET_LABELS[k] }))} />
        <TextField name="ref" label="窗口名称、办件编号、工号或事项编码" hint="评价对象为机构时不填" value={q.ref} error={errorFor(p.errors, 'ref')} maxLength={100} required={false} />
        <Button variant="secondary">生成二维码</Button>
      </form>
      {p.url && p.symbol ? (
        <section aria-labelledby="qr-title">
          <h2 className="gk-heading-m" id="qr-title">二维码</h2>
          <QrImage symbol={p.symbol} label={`评价页面的二维码：${p.url}`} />
          <p>评价页面：<a href={p.url} data-testid="rate-url">{p.url}</a></p>
          {p.pdfHref ? <p><a className="gk-button gk-button--primary" href={p.pdfHref}>下载打印卡片（PDF，A6）</a></p> : null}
        </section>
      ) : null}
    </AdminLayout>
  );
}

// Back-office pages of the overview across agencies: the 31 January campaign (days left, counts by state, reminders),
// the agencies × years grid with states and finding counts (paged over agencies, drill into any agency's report), and
// the assessment with its weights form and the ranking.
import { AdminLayout, Button, CsrfField, ErrorSummary, Pagination, Radios, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { MAX_SAMPLE, sampleResultLabel } from '../../core/supervision/sample.ts';
import type { Sample } from './supervision.sampling.ts';
import type { COMPONENTS, Weights } from '../../core/supervision/assessment.ts';
import { OVERVIEW_STATE_LABELS, OVERVIEW_STATES, type AssessmentRow, type Campaign, type OverviewRow, type OverviewState } from './supervision.overview.ts';
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
  return (
    <AdminLayout {...p.shell} active="reports" title={`${p.year}年度报告总览`}>
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="overview" year={p.year} locale={p.shell.locale} />
      <h1>{p.year} 年度政府信息公开工作年度报告总览</h1>
      <form method="get" action={OVERVIEW_PATH} className="gk-filters">
        <Select name="year" label="年度" value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <div className="gk-filters__actions"><Button variant="secondary">查看</Button></div>
      </form>
      <section aria-labelledby="campaign" className="gk-campaign">
        <h2 id="campaign">第四十九条：1月31日前公布</h2>
        <p data-days-left={c.daysLeft}>{c.daysLeft >= 0 ? `距部门公布期限（${c.deadline}）还有 ${c.daysLeft} 天；本级人民政府的期限为 3 月 31 日。` : `部门公布期限（${c.deadline}）已过 ${-c.daysLeft} 天。`}</p>
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label="各状态机关数">
            <thead><tr><th scope="col">下级机关</th>{OVERVIEW_STATES.map((s) => <th key={s} scope="col">{OVERVIEW_STATE_LABELS[s]}</th>)}<th scope="col">逾期</th></tr></thead>
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
            <Button variant="warning">{p.state ? `督促“${OVERVIEW_STATE_LABELS[p.state]}”的机关` : `督促尚未公布的 ${notPublished} 个机关`}</Button>
            <span className="gk-hint">邮件发给各机关的经办人和负责人，并在其待办中提示，直至公布；每个机关每天一次。</span>
          </form>
        )}
      </section>
      <h2>各机关{p.state ? `（${OVERVIEW_STATE_LABELS[p.state]}）` : p.late ? '（逾期）' : ''}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead>
            <tr>
              <th scope="col">机关</th><th scope="col">上级机关</th>
              {p.years.slice().reverse().map((y) => <th key={y} scope="col">{y}</th>)}
              <th scope="col">报送日期</th><th scope="col">公布日期</th><th scope="col">期限</th><th scope="col">最近督促</th>
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
                      {x ? <><strong className={`gk-tag gk-tag--${color(x.state, x.late)}`}>{OVERVIEW_STATE_LABELS[x.state]}{x.late ? '·逾期' : ''}</strong>{x.errors || x.warnings ? <span> 错误 {x.errors}，警告 {x.warnings}</span> : null}</> : ''}
                    </td>
                  );
                })}
                <td>{r.submittedOn ?? ''}</td><td>{r.publishedOn ?? ''}</td><td>{r.deadline}</td><td>{r.remindedOn ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.total === 0 && <p>没有符合条件的机关。</p>}
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={OVERVIEW_PATH} query={q} />
    </AdminLayout>
  );
}

export function AssessmentPage(p: { shell: AdminShell; year: number; years: number[]; weights: Weights; version: number; components: typeof COMPONENTS; rows: Paged<AssessmentRow>; errors?: readonly FieldError[] }) {
  const err = (k: string) => p.errors?.find((e) => e.field === `weights.${k}` || e.field === 'weights')?.message;
  return (
    <AdminLayout {...p.shell} active="reports" title={`${p.year}年度考核`}>
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="assessment" year={p.year} locale={p.shell.locale} />
      <h1>{p.year} 年度考核与排名</h1>
      <form method="get" action={ASSESSMENT_PATH} className="gk-filters">
        <Select name="year" label="年度" value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <div className="gk-filters__actions"><Button variant="secondary">查看</Button></div>
      </form>
      <p>得分由本平台的记录计算：各项为按期或正确的比例（0–100），按下列权重加权平均；某项没有可计的记录时不计入该机关的得分，其余权重按比例放大。</p>
      <details>
        <summary>考核项目和权重</summary>
        <form method="post" action={`${ASSESSMENT_PATH}/weights`} className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={p.version} />
          <input type="hidden" name="year" value={p.year} />
          {p.components.map((c) => (
            <TextField key={c.key} name={`weights.${c.key}`} label={`${c.label}（${c.source}）`} type="number" inputMode="numeric" value={String(p.weights[c.key])} error={err(c.key)} />
          ))}
          <Button variant="secondary">保存权重</Button>
        </form>
      </details>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">排名</th><th scope="col">机关</th><th scope="col">得分</th>{p.components.map((c) => <th key={c.key} scope="col">{c.label}（权重 {p.weights[c.key]}）</th>)}</tr></thead>
          <tbody>
            {p.rows.items.map((r) => (
              <tr key={r.agencyId}>
                <td>{r.rank ?? '—'}</td><th scope="row">{r.name}</th><td data-score={r.score ?? ''}>{r.score ?? '无记录'}</td>
                {p.components.map((c) => { const x = r.parts[c.key]; return <td key={c.key} title={x?.basis}>{x ? `${x.value}（${x.basis}）` : '—'}</td>; })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.rows.page} pageSize={p.rows.pageSize} total={p.rows.total} baseHref={ASSESSMENT_PATH} query={{ year: String(p.year) }} />
    </AdminLayout>
  );
}

/** The 不定期抽查 of a year: the draw (seed, populations, sizes; drawn again only with a reason) and a 合格 / 不合格 form per record. */
export function SamplePage(p: { shell: AdminShell; year: number; years: number[]; sample: Sample | null; errors?: readonly FieldError[]; itemErrors?: { id: number; errors: readonly FieldError[] } }) {
  const s = p.sample;
  const err = (f: string) => (p.itemErrors ? undefined : p.errors?.find((e) => e.field === f)?.message);
  return (
    <AdminLayout {...p.shell} active="reports" title={`${p.year}年度不定期抽查`}>
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="sample" year={p.year} locale={p.shell.locale} />
      <h1>{p.year} 年度不定期抽查</h1>
      <form method="get" action={SAMPLE_PATH} className="gk-filters">
        <Select name="year" label="年度" value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <div className="gk-filters__actions"><Button variant="secondary">查看</Button></div>
      </form>
      <p>从下级机关本年度公开的主动公开信息和办结的依申请公开办件中随机抽取，逐条人工检查并登记合格或不合格。抽取使用记录在案的随机种子，同一种子对同样的记录得出同样的结果；重新抽取须说明理由，原抽取及其结果保留。</p>
      {s ? (
        <section aria-labelledby="sample-draw">
          <h2 id="sample-draw">本次抽取</h2>
          <dl className="gk-summary-list">
            <div><dt>抽取时间</dt><dd>{s.drawnAt.slice(0, 16).replace('T', ' ')}（{s.drawnBy}）</dd></div>
            <div><dt>随机种子</dt><dd data-seed={s.seed}>{s.seed}</dd></div>
            <div><dt>主动公开信息</dt><dd>{s.items.filter((i) => i.kind === 'catalogue_item').length} / {s.itemsPopulation} 条</dd></div>
            <div><dt>依申请公开办件</dt><dd>{s.items.filter((i) => i.kind === 'application').length} / {s.casesPopulation} 件</dd></div>
            {s.reason && <div><dt>重新抽取理由</dt><dd>{s.reason}</dd></div>}
            <div><dt>检查结果</dt><dd data-sample-score={s.score.value ?? ''}>已检查 {s.score.checked} 条，合格 {s.score.passed} 条{s.score.value !== null ? `（合格率 ${s.score.value}%）` : ''}</dd></div>
          </dl>
          {s.earlier.length > 0 && <p className="gk-hint">此前的抽取：{s.earlier.map((e) => `${e.drawnAt.slice(0, 10)} 种子 ${e.seed}（${e.drawnBy}）`).join('；')}</p>}
          <div className="gk-table-wrap">
            <table className="gk-table">
              <thead><tr><th scope="col">序号</th><th scope="col">机关</th><th scope="col">类别</th><th scope="col">记录</th><th scope="col">日期</th><th scope="col">结果</th></tr></thead>
              <tbody>
                {s.items.map((i) => {
                  const mine = p.itemErrors?.id === i.id ? p.itemErrors.errors : undefined;
                  return (
                    <tr key={i.id} id={`sample-item-${i.id}`}>
                      <td>{i.ordinal}</td><td>{i.agency}</td><td>{i.kindLabel}</td><td>{i.label}</td><td>{i.refDate ?? ''}</td>
                      <td>
                        {i.result && <p data-result={i.result}><strong className={`gk-tag gk-tag--${i.result === 'pass' ? 'green' : 'red'}`}>{sampleResultLabel(i.result)}</strong>{i.note ? ` ${i.note}` : ''}</p>}
                        <form method="post" action={`${SAMPLE_PATH}/items/${i.id}`} className="gk-form gk-form--compact" noValidate>
                          <CsrfField token={p.shell.csrfToken} />
                          <input type="hidden" name="version" value={i.version} />
                          <input type="hidden" name="year" value={p.year} />
                          <Radios name="result" idPrefix={`s${i.id}`} label="检查结果" inline value={i.result} options={[{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }]} error={mine?.find((e) => e.field === 'result')?.message} />
                          <TextField name="note" idPrefix={`s${i.id}`} label="说明（不合格须写明问题）" value={i.note ?? ''} maxLength={1000} error={mine?.find((e) => e.field === 'note')?.message} />
                          <Button variant="secondary">登记</Button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {s.items.length === 0 && <p>本年度没有可抽取的记录。</p>}
        </section>
      ) : <p>本年度尚未抽取。</p>}
      <section aria-labelledby="sample-new">
        <h2 id="sample-new">{s ? '重新抽取' : '抽取'}</h2>
        <form method="post" action={SAMPLE_PATH} className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="year" value={p.year} />
          {s && <input type="hidden" name="replaces" value={s.id} />}
          <TextField name="items" label={`主动公开信息（条，0–${MAX_SAMPLE}）`} type="number" inputMode="numeric" value="10" error={err('items')} />
          <TextField name="cases" label={`依申请公开办件（件，0–${MAX_SAMPLE}）`} type="number" inputMode="numeric" value="10" error={err('cases')} />
          {s && <Textarea name="reason" label="重新抽取的理由（必填；原抽取和结果保留）" maxLength={500} error={err('reason')} />}
          <Button variant={s ? 'warning' : 'primary'}>{s ? '重新抽取' : '抽取'}</Button>
        </form>
      </section>
    </AdminLayout>
  );
}

// Pages of decision 175: the corrections section of a run's report page (the cells corrected, the value read beside the
// value used, withdraw; the form to correct a cell) and 差异比对 (two reports side by side: the narrative by sentence
// with the changed characters marked, every table cell with its delta, the cross-year rules). The forms post to page
// routes whose API twins are correctAuditCell and withdrawAuditCellCorrection (tests/integration/api-twins.test.ts).
import type { ReactElement } from 'react';
import { AdminLayout, Button, CsrfField, ErrorSummary, Notice, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import type { Piece, SentenceRow } from '../reports/narrative-diff.ts';
import { CORRECTION_LABELS, type CorrectedReportDetail } from './supervision.corrections.ts';
import type { ReportCompareView } from './supervision.report-compare.ts';
import { SupervisionNav, supervisionHref } from './supervision.nav.tsx';

export const COMPARE_PATH = supervisionHref('comparison');
const num = (v: number | null) => (v === null ? '（空）' : String(v));

/** The corrections of a report and the form to correct a cell (on the report's page in its run). */
export function CorrectionsSection({ report: x, csrf, errors, values }: { report: CorrectedReportDetail; csrf: string; errors?: readonly FieldError[]; values?: Record<string, string> }): ReactElement | null {
  if (!x.model) return null;
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  const active = x.corrections.filter((c) => c.state === 'active');
  const corrected = new Set(active.map((c) => c.cell));
  const unread = x.unreadCells;
  const known = new Set<string>();
  const options: { value: string; label: string }[] = [];
  const add = (cell: string, prefix: string) => { if (!known.has(cell)) { known.add(cell); options.push({ value: cell, label: `${prefix}${describeCell(cell)}` }); } };
  for (const c of unread) add(c, '【未读出】');
  for (const c of active) add(c.cell, '【已更正】');
  for (const t of ['table2', 'table3', 'table4'] as const) for (const c of cellsOf(x.model, t)) add(c, '');
  return (
    <section aria-labelledby="corrections" id="corrections">
      <h2 id="corrections">更正单元格 <span lang="en" className="gk-hint">Corrections</span></h2>
      <p>读取有误或未能读出的单元格，可对照原件更正并写明理由；读取值保留，勾稽规则按更正后的数值重新核对（含相邻年度的衔接核对），已作出的处理结论在结果仍成立时保留。</p>
      {x.corrections.length > 0 && (
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label="更正记录">
            <thead><tr><th scope="col">单元格</th><th scope="col">读取值</th><th scope="col">更正值</th><th scope="col">理由</th><th scope="col">更正人、时间</th><th scope="col">状态</th><th scope="col"><span className="gk-visually-hidden">操作</span></th></tr></thead>
            <tbody>
              {x.corrections.map((c) => (
                <tr key={c.id} id={`correction-${c.id}`} data-correction-state={c.state}>
                  <td>{c.label}</td><td data-original>{num(c.original)}</td><td data-value>{c.value}</td><td>{c.reason}</td>
                  <td>{c.createdBy} {c.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>{CORRECTION_LABELS[c.state]}{c.endedBy ? `（${c.endedBy} ${c.endedAt?.slice(0, 10) ?? ''}）` : ''}</td>
                  <td>
                    {c.state === 'active' && (
                      <form method="post" action={`/admin/supervision/corrections/${c.id}/withdrawal`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="version" value={x.version} />
                        <Button variant="secondary">撤回更正<span className="gk-visually-hidden">：{c.label}</span></Button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BatchForm report={x} csrf={csrf} options={options} pending={unread.filter((c) => !corrected.has(c))} {...(errors ? { errors } : {})} {...(values?.form === 'batch' ? { values } : {})} />
      <h3>更正一个单元格</h3>
      <form method="post" action={`/admin/supervision/reports/${x.id}/corrections`} className="gk-form" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={x.version} />
        <Select name="cell" label="单元格" options={options} value={values?.cell ?? unread.find((c) => !corrected.has(c)) ?? ''} error={err('cell')} hint="未读出的单元格列在前面" />
        <TextField name="value" label="更正后的数值" inputMode="decimal" maxLength={40} value={values?.value ?? ''} error={err('value')} hint="件数填 0 或正整数；2019 年版“本年增/减”可填负数；金额可带小数" />
        <Textarea name="reason" label="更正理由" maxLength={1000} value={values?.reason ?? ''} error={err('reason')} hint="例如：对照原件（PDF 第 3 页），该栏印为 1" />
        <Button>更正并重新核对</Button>
      </form>
    </section>
  );
}

/** Rows of the several-cells form: the cells still unread first, then blank rows to pick other cells. */
export const BATCH_ROWS_MAX = 20;

/** Several cells of the report in one action (correctAuditCells): a row per cell (a row left without a value is not
 *  corrected), one reason for all. After a refusal the rows come back as the supervisor filled them in. */
function BatchForm({ report: x, csrf, options, pending, errors, values }: { report: CorrectedReportDetail; csrf: string; options: { value: string; label: string }[]; pending: readonly string[]; errors?: readonly FieldError[]; values?: Record<string, string> }) {
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  const count = Math.min(BATCH_ROWS_MAX, values ? Object.keys(values).filter((k) => k.startsWith('cell-')).length : Math.max(pending.length + 2, 5));
  const rows = Array.from({ length: count }, (_, n) => ({ n, cell: values ? values[`cell-${n}`] ?? '' : pending[n] ?? '', value: values?.[`value-${n}`] ?? '' }));
  return (
    <>
      <h3>一次更正多个单元格</h3>
      <p>例如一整行数字粘连、读不出时，逐格填写原件上的数值；留空的行不更正。全部数值都通过检查才会更正，勾稽规则只重新核对一次。</p>
      <form method="post" action={`/admin/supervision/reports/${x.id}/corrections/batch`} className="gk-form" noValidate data-form="batch">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={x.version} />
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label="要更正的单元格">
            <thead><tr><th scope="col">单元格</th><th scope="col">更正后的数值</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.n} data-batch-row={r.n}>
                  <td><Select name={`cell-${r.n}`} label={`第 ${r.n + 1} 格`} options={options} placeholder="（请选择单元格）" value={r.cell} error={err(`cell-${r.n}`)} /></td>
                  <td><TextField name={`value-${r.n}`} label={`第 ${r.n + 1} 格的数值`} inputMode="decimal" maxLength={40} value={r.value} error={err(`value-${r.n}`)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Textarea name="reason" idPrefix="batch" label="更正理由（适用于以上各格）" maxLength={1000} value={values?.reason ?? ''} error={err('batch-reason')} hint="例如：对照原件（PDF 第 3 页），（七）总计一行印为 0、1、0、0、0、0、1" />
        <Button>更正这些单元格并重新核对</Button>
      </form>
    </>
  );
}

function cellsOf(m: NonNullable<CorrectedReportDetail['model']>, t: 'table2' | 'table3' | 'table4'): string[] {
  if (t === 'table2') return Object.entries(m.table2 ?? {}).flatMap(([b, rows]) => Object.entries(rows ?? {}).flatMap(([r, cols]) => Object.keys(cols ?? {}).map((c) => `table2|${b}|${r}|${c}`)));
  if (t === 'table3') return Object.keys(m.table3?.rows ?? {}).flatMap((r) => (m.table3.columns ?? []).map((c) => `table3|${r}|${c}`));
  return Object.entries(m.table4 ?? {}).flatMap(([g, cols]) => Object.keys(cols ?? {}).map((c) => `table4|${g}|${c}`));
}

/** Characters of a changed sentence: removed ones struck through, added ones underlined, each announced. */
function Parts({ parts }: { parts: readonly Piece[] }) {
  return <>{parts.map((p, i) => (p.op === 'equal' ? <span key={i}>{p.text}</span> : p.op === 'delete'
    ? <del key={i}><span className="gk-visually-hidden">［删去：</span>{p.text}<span className="gk-visually-hidden">］</span></del>
    : <ins key={i}><span className="gk-visually-hidden">［新增：</span>{p.text}<span className="gk-visually-hidden">］</span></ins>))}</>;
}

function SentenceCells({ row }: { row: SentenceRow }) {
  switch (row.op) {
    case 'equal': return <><td lang="zh-CN">{row.left}</td><td lang="zh-CN">{row.right}</td></>;
    case 'delete': return <><td lang="zh-CN" className="gk-diff-del"><del><span className="gk-visually-hidden">［仅左侧：</span>{row.left}<span className="gk-visually-hidden">］</span></del></td><td /></>;
    case 'insert': return <><td /><td lang="zh-CN" className="gk-diff-ins"><ins><span className="gk-visually-hidden">［仅右侧：</span>{row.right}<span className="gk-visually-hidden">］</span></ins></td></>;
    default: return <><td lang="zh-CN" className="gk-diff-change"><Parts parts={row.leftParts} /></td><td lang="zh-CN" className="gk-diff-change"><Parts parts={row.rightParts} /></td></>;
  }
}

/** Runs of equal sentences longer than this are folded (opened with a click) so the changes stand out. */
const FOLD = 3;

function SectionRows({ rows }: { rows: readonly SentenceRow[] }) {
  const out: ReactElement[] = [];
  const row = (i: number) => <tr key={i} data-op={rows[i]!.op}><SentenceCells row={rows[i]!} /></tr>;
  for (let i = 0; i < rows.length;) {
    if (rows[i]!.op !== 'equal') { out.push(row(i)); i++; continue; }
    let j = i;
    while (j < rows.length && rows[j]!.op === 'equal') j++;
    if (j - i > FOLD) {
      out.push(<tr key={`f${i}`}><td colSpan={2}><details><summary>相同的 {j - i} 句</summary>{rows.slice(i, j).map((r, k) => <p key={k} lang="zh-CN">{r.op === 'equal' ? r.left : ''}</p>)}</details></td></tr>);
    } else for (let k = i; k < j; k++) out.push(row(k));
    i = j;
  }
  return <>{out}</>;
}

const RESULT_LABELS = { pass: '一致', fail: '不一致', not_checked: '未核对（单元格未读出）', not_applicable: '不适用' } as const;
const RESULT_TONE = { pass: 'green', fail: 'red', not_checked: 'amber', not_applicable: 'grey' } as const;
const TABLE_LABELS = { table2: '表二 主动公开政府信息情况', table3: '表三 收到和处理政府信息公开申请情况', table4: '表四 政府信息公开行政复议、行政诉讼情况' } as const;

function sideTitle(c: ReportCompareView, which: 'left' | 'right') {
  const s = c[which], src = which === 'left' ? c.leftSource : c.rightSource;
  return <><a href={src.href}>{s.agency || src.label}{s.year ? ` ${s.year} 年度` : ''}</a>{src.kind === 'annual' ? '（平台上的年度报告）' : `（${src.label}${src.corrections ? `，含 ${src.corrections} 处督查人员更正` : ''}）`}</>;
}

/** Gongkai's own annual reports of the agencies in scope as the two sides (an agency and a year each). */
export interface AnnualChoice { agencies: { id: number; name: string }[]; years: number[] }

function AnnualPicker({ choice, c }: { choice: AnnualChoice; c?: ReportCompareView }) {
  const pick = (ref: string | undefined) => /^annual:(\d+):(\d{4})$/.exec(ref ?? '');
  const l = pick(c?.leftSource.ref), r = pick(c?.rightSource.ref);
  const agencyOptions = choice.agencies.map((a) => ({ value: String(a.id), label: a.name }));
  const yearOptions = choice.years.map((y) => ({ value: String(y), label: `${y} 年度` }));
  return (
    <details open={!c}>
      <summary>比对平台上的年度报告 <span lang="en" className="gk-hint">Compare annual reports in Gongkai</span></summary>
      <form method="get" action={COMPARE_PATH} className="gk-form">
        <fieldset><legend>左</legend>
          <Select name="leftAgency" label="机关" idPrefix="left" options={agencyOptions} value={l?.[1] ?? String(choice.agencies[0]?.id ?? '')} />
          <Select name="leftYear" label="年度" idPrefix="left" options={yearOptions} value={l?.[2] ?? String(choice.years[1] ?? '')} />
        </fieldset>
        <fieldset><legend>右</legend>
          <Select name="rightAgency" label="机关" idPrefix="right" options={agencyOptions} value={r?.[1] ?? String(choice.agencies[0]?.id ?? '')} />
          <Select name="rightYear" label="年度" idPrefix="right" options={yearOptions} value={r?.[2] ?? String(choice.years[0] ?? '')} />
        </fieldset>
        <Button variant="secondary">比对</Button>
      </form>
    </details>
  );
}

export function ReportComparisonPage(p: { shell: AdminShell; c?: ReportCompareView; changedOnly: boolean; errors?: readonly FieldError[]; back?: string; annual?: AnnualChoice }) {
  const c = p.c;
  return (
    <AdminLayout {...p.shell} active="reports" title="差异比对">
      <ErrorSummary errors={p.errors} linked={() => false} />
      <SupervisionNav current="comparison" locale={p.shell.locale} />
      {p.back && <p><a href={p.back}>← 返回体检</a></p>}
      <h1>差异比对 <span lang="en" className="gk-hint">Report comparison</span></h1>
      {p.annual && p.annual.agencies.length > 0 && <AnnualPicker choice={p.annual} {...(c ? { c } : {})} />}
      {!c ? <p>请在一次体检的报告列表中选择两份报告（左、右）进行比对，或在上面选择平台上的两份年度报告。</p> : (
        <>
          <p>左：{sideTitle(c, 'left')}　右：{sideTitle(c, 'right')}</p>
          {c.remarks.map((r, i) => <Notice key={i} kind="info" title="说明">{r}</Notice>)}
          {c.crossYear && (
            <section aria-labelledby="cross-year">
              <h2 id="cross-year">跨年度核对（{Math.min(c.left.year, c.right.year)} → {Math.max(c.left.year, c.right.year)}）<span lang="en" className="gk-hint">Cross-year rules</span></h2>
              <div className="gk-table-wrap">
                <table className="gk-table">
                  <thead><tr><th scope="col">规则</th><th scope="col">内容</th><th scope="col">结果</th><th scope="col">说明</th></tr></thead>
                  <tbody>
                    {c.crossYear.map((r) => (
                      <tr key={r.rule} data-rule={r.rule} data-result={r.result}>
                        <td>{r.rule}</td><td>{r.title}</td><td><strong className={`gk-tag gk-tag--${RESULT_TONE[r.result]}`}>{RESULT_LABELS[r.result]}</strong></td>
                        <td>{[...r.findings.map((f) => f.message), ...r.notChecked.map((n) => n.message)].map((m, i) => <p key={i}>{m}</p>)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section aria-labelledby="cells">
            <h2 id="cells">表格 <span lang="en" className="gk-hint">Tables</span></h2>
            <p>{p.changedOnly
              ? <>只列出数值不同的单元格。<a href={`${COMPARE_PATH}?left=${encodeURIComponent(c.leftSource.ref)}&right=${encodeURIComponent(c.rightSource.ref)}`}>列出全部单元格</a></>
              : <>共 {c.cells.length} 个单元格，{c.cells.filter((x) => x.changed).length} 个数值不同。<a href={`${COMPARE_PATH}?left=${encodeURIComponent(c.leftSource.ref)}&right=${encodeURIComponent(c.rightSource.ref)}&changed=1`}>只看不同的</a></>}</p>
            {(['table2', 'table3', 'table4'] as const).map((t) => {
              const rows = c.cells.filter((x) => x.cell.startsWith(`${t}|`) && (!p.changedOnly || x.changed));
              if (rows.length === 0) return null;
              return (
                <div key={t} className="gk-table-wrap">
                  <table className="gk-table gk-diff-cells">
                    <caption>{TABLE_LABELS[t]}</caption>
                    <thead><tr><th scope="col">单元格</th><th scope="col">左（{c.left.year || '—'}）</th><th scope="col">右（{c.right.year || '—'}）</th><th scope="col">增减（右−左）</th></tr></thead>
                    <tbody>
                      {rows.map((x) => (
                        <tr key={x.cell} data-cell={x.cell} className={x.changed ? 'gk-diff-changed' : undefined}>
                          <th scope="row">{describeCell(x.cell)}</th><td>{num(x.left)}</td><td>{num(x.right)}</td>
                          <td data-delta>{x.delta === null ? (x.comparable ? '—' : '不可比') : x.delta > 0 ? `+${x.delta}` : String(x.delta)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </section>
          <section aria-labelledby="narrative">
            <h2 id="narrative">正文 <span lang="en" className="gk-hint">Narrative</span></h2>
            {c.sections.length === 0 ? <p>两份报告都没有可比对的正文。</p> : c.sections.map((s) => (
              <div key={s.key} className="gk-table-wrap">
                <table className="gk-table gk-diff-text" data-section={s.key}>
                  <caption>{s.heading}{!s.inLeft ? '（仅右侧有）' : !s.inRight ? '（仅左侧有）' : s.changed ? '' : '（相同）'}</caption>
                  <thead><tr><th scope="col">左（{c.left.year || '—'}）</th><th scope="col">右（{c.right.year || '—'}）</th></tr></thead>
                  <tbody><SectionRows rows={s.rows} /></tbody>
                </table>
              </div>
            ))}
          </section>
        </>
      )}
    </AdminLayout>
  );
}

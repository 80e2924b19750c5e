// Pages of decision 175: the corrections section of a run's report page (the cells corrected, the value read beside the
// value used, withdraw; the form to correct a cell) and 差异比对 (two reports side by side: the narrative by sentence
// with the changed characters marked, every table cell with its delta, the cross-year rules). The forms post to page
// routes whose API twins are correctAuditCell and withdrawAuditCellCorrection (tests/integration/api-twins.test.ts).
import type { ReactElement } from 'react';
import { AdminLayout, Button, CsrfField, ErrorSummary, Notice, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import type { Locale } from '../../ui/i18n.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import type { Piece, SentenceRow } from '../reports/narrative-diff.ts';
import type { CorrectedReportDetail } from './supervision.corrections.ts';
import type { ReportCompareView } from './supervision.report-compare.ts';
import { SupervisionNav, supervisionHref } from './supervision.nav.tsx';
import { supervisionT } from './supervision.pages.tsx';

export const COMPARE_PATH = supervisionHref('comparison');
const num = (locale: Locale, v: number | null) => (v === null ? supervisionT(locale)('labels.empty') : String(v));
/** The English hint beside a zh-CN heading (the heading itself is English in English). */
const EnHint = ({ locale, text }: { locale: Locale; text: string }) => (locale === 'en' ? null : <> <span lang="en" className="gk-hint">{text}</span></>);

/** The corrections of a report and the form to correct a cell (on the report's page in its run). */
export function CorrectionsSection({ report: x, csrf, errors, values, locale = 'zh-CN' }: { report: CorrectedReportDetail; csrf: string; errors?: readonly FieldError[]; values?: Record<string, string>; locale?: Locale }): ReactElement | null {
  if (!x.model) return null;
  const T = supervisionT(locale);
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  const active = x.corrections.filter((c) => c.state === 'active');
  const corrected = new Set(active.map((c) => c.cell));
  const unread = x.unreadCells;
  const known = new Set<string>();
  const options: { value: string; label: string }[] = [];
  const add = (cell: string, prefix: string) => { if (!known.has(cell)) { known.add(cell); options.push({ value: cell, label: `${prefix}${describeCell(cell)}` }); } };
  for (const c of unread) add(c, T('corrections.unread'));
  for (const c of active) add(c.cell, T('corrections.corrected'));
  for (const t of ['table2', 'table3', 'table4'] as const) for (const c of cellsOf(x.model, t)) add(c, '');
  return (
    <section aria-labelledby="corrections" id="corrections">
      <h2 id="corrections">{T('corrections.heading')}<EnHint locale={locale} text="Corrections" /></h2>
      <p>{T('corrections.intro')}</p>
      {x.corrections.length > 0 && (
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label={T('corrections.records')}>
            <thead><tr><th scope="col">{T('corrections.colCell')}</th><th scope="col">{T('corrections.colOriginal')}</th><th scope="col">{T('corrections.colValue')}</th><th scope="col">{T('corrections.colReason')}</th><th scope="col">{T('corrections.colBy')}</th><th scope="col">{T('corrections.colState')}</th><th scope="col"><span className="gk-visually-hidden">{T('corrections.colActions')}</span></th></tr></thead>
            <tbody>
              {x.corrections.map((c) => (
                <tr key={c.id} id={`correction-${c.id}`} data-correction-state={c.state}>
                  <td>{c.label}</td><td data-original>{num(locale, c.original)}</td><td data-value>{c.value}</td><td>{c.reason}</td>
                  <td>{c.createdBy} {c.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>{T(`labels.correction.${c.state}`)}{c.endedBy ? (locale === 'en' ? ` (${c.endedBy} ${c.endedAt?.slice(0, 10) ?? ''})` : `（${c.endedBy} ${c.endedAt?.slice(0, 10) ?? ''}）`) : ''}</td>
                  <td>
                    {c.state === 'active' && (
                      <form method="post" action={`/admin/supervision/corrections/${c.id}/withdrawal`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="version" value={x.version} />
                        <Button variant="secondary">{T('corrections.withdraw')}<span className="gk-visually-hidden">{locale === 'en' ? ': ' : '：'}{c.label}</span></Button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BatchForm report={x} csrf={csrf} options={options} pending={unread.filter((c) => !corrected.has(c))} locale={locale} {...(errors ? { errors } : {})} {...(values?.form === 'batch' ? { values } : {})} />
      <h3>{T('corrections.one')}</h3>
      <form method="post" action={`/admin/supervision/reports/${x.id}/corrections`} className="gk-form" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={x.version} />
        <Select name="cell" label={T('corrections.cell')} options={options} value={values?.cell ?? unread.find((c) => !corrected.has(c)) ?? ''} error={err('cell')} hint={T('corrections.cellHint')} locale={locale} />
        <TextField name="value" label={T('corrections.value')} inputMode="decimal" maxLength={40} value={values?.value ?? ''} error={err('value')} hint={T('corrections.valueHint')} locale={locale} />
        <Textarea name="reason" label={T('corrections.reason')} maxLength={1000} value={values?.reason ?? ''} error={err('reason')} hint={T('corrections.reasonHint')} locale={locale} />
        <Button>{T('corrections.submit')}</Button>
      </form>
    </section>
  );
}

/** Rows of the several-cells form: the cells still unread first, then blank rows to pick other cells. */
export const BATCH_ROWS_MAX = 20;

/** Several cells of the report in one action (correctAuditCells): a row per cell (a row left without a value is not
 *  corrected), one reason for all. After a refusal the rows come back as the supervisor filled them in. */
function BatchForm({ report: x, csrf, options, pending, errors, values, locale }: { report: CorrectedReportDetail; csrf: string; options: { value: string; label: string }[]; pending: readonly string[]; errors?: readonly FieldError[]; values?: Record<string, string>; locale: Locale }) {
  const T = supervisionT(locale);
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  const count = Math.min(BATCH_ROWS_MAX, values ? Object.keys(values).filter((k) => k.startsWith('cell-')).length : Math.max(pending.length + 2, 5));
  const rows = Array.from({ length: count }, (_, n) => ({ n, cell: values ? values[`cell-${n}`] ?? '' : pending[n] ?? '', value: values?.[`value-${n}`] ?? '' }));
  return (
    <>
      <h3>{T('corrections.batch')}</h3>
      <p>{T('corrections.batchIntro')}</p>
      <form method="post" action={`/admin/supervision/reports/${x.id}/corrections/batch`} className="gk-form" noValidate data-form="batch">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={x.version} />
        <div className="gk-table-wrap">
          <table className="gk-table" aria-label={T('corrections.batchCells')}>
            <thead><tr><th scope="col">{T('corrections.colCell')}</th><th scope="col">{T('corrections.value')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.n} data-batch-row={r.n}>
                  <td><Select name={`cell-${r.n}`} label={T('corrections.batchRow', { n: r.n + 1 })} options={options} placeholder={T('corrections.batchPick')} value={r.cell} error={err(`cell-${r.n}`)} locale={locale} /></td>
                  <td><TextField name={`value-${r.n}`} label={T('corrections.batchRowValue', { n: r.n + 1 })} inputMode="decimal" maxLength={40} value={r.value} error={err(`value-${r.n}`)} locale={locale} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Textarea name="reason" idPrefix="batch" label={T('corrections.batchReason')} maxLength={1000} value={values?.reason ?? ''} error={err('batch-reason')} hint={T('corrections.batchReasonHint')} locale={locale} />
        <Button>{T('corrections.batchSubmit')}</Button>
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
function Parts({ parts, locale }: { parts: readonly Piece[]; locale: Locale }) {
  const T = supervisionT(locale);
  return <>{parts.map((p, i) => (p.op === 'equal' ? <span key={i}>{p.text}</span> : p.op === 'delete'
    ? <del key={i}><span className="gk-visually-hidden">{T('reportCompare.deleted')}</span>{p.text}<span className="gk-visually-hidden">{T('reportCompare.close')}</span></del>
    : <ins key={i}><span className="gk-visually-hidden">{T('reportCompare.inserted')}</span>{p.text}<span className="gk-visually-hidden">{T('reportCompare.close')}</span></ins>))}</>;
}

function SentenceCells({ row, locale }: { row: SentenceRow; locale: Locale }) {
  const T = supervisionT(locale);
  switch (row.op) {
    case 'equal': return <><td lang="zh-CN">{row.left}</td><td lang="zh-CN">{row.right}</td></>;
    case 'delete': return <><td lang="zh-CN" className="gk-diff-del"><del><span className="gk-visually-hidden">{T('reportCompare.leftOnly')}</span>{row.left}<span className="gk-visually-hidden">{T('reportCompare.close')}</span></del></td><td /></>;
    case 'insert': return <><td /><td lang="zh-CN" className="gk-diff-ins"><ins><span className="gk-visually-hidden">{T('reportCompare.rightOnly')}</span>{row.right}<span className="gk-visually-hidden">{T('reportCompare.close')}</span></ins></td></>;
    default: return <><td lang="zh-CN" className="gk-diff-change"><Parts parts={row.leftParts} locale={locale} /></td><td lang="zh-CN" className="gk-diff-change"><Parts parts={row.rightParts} locale={locale} /></td></>;
  }
}

/** Runs of equal sentences longer than this are folded (opened with a click) so the changes stand out. */
const FOLD = 3;

function SectionRows({ rows, locale }: { rows: readonly SentenceRow[]; locale: Locale }) {
  const out: ReactElement[] = [];
  const row = (i: number) => <tr key={i} data-op={rows[i]!.op}><SentenceCells row={rows[i]!} locale={locale} /></tr>;
  for (let i = 0; i < rows.length;) {
    if (rows[i]!.op !== 'equal') { out.push(row(i)); i++; continue; }
    let j = i;
    while (j < rows.length && rows[j]!.op === 'equal') j++;
    if (j - i > FOLD) {
      out.push(<tr key={`f${i}`}><td colSpan={2}><details><summary>{supervisionT(locale)('reportCompare.sameSentences', { n: j - i })}</summary>{rows.slice(i, j).map((r, k) => <p key={k} lang="zh-CN">{r.op === 'equal' ? r.left : ''}</p>)}</details></td></tr>);
    } else for (let k = i; k < j; k++) out.push(row(k));
    i = j;
  }
  return <>{out}</>;
}

const RESULT_TONE = { pass: 'green', fail: 'red', not_checked: 'amber', not_applicable: 'grey' } as const;

function sideTitle(c: ReportCompareView, which: 'left' | 'right', locale: Locale) {
  const T = supervisionT(locale);
  const s = c[which], src = which === 'left' ? c.leftSource : c.rightSource;
  return <><a href={src.href}>{s.agency || src.label}{s.year ? ` ${T('labels.yearOf', { year: s.year })}` : ''}</a>{src.kind === 'annual' ? T('reportCompare.annualSide') : src.corrections ? T('reportCompare.sideCorrected', { label: src.label, n: src.corrections }) : T('reportCompare.side', { label: src.label })}</>;
}

/** Gongkai's own annual reports of the agencies in scope as the two sides (an agency and a year each). */
export interface AnnualChoice { agencies: { id: number; name: string }[]; years: number[] }

function AnnualPicker({ choice, c, locale }: { choice: AnnualChoice; c?: ReportCompareView; locale: Locale }) {
  const T = supervisionT(locale);
  const pick = (ref: string | undefined) => /^annual:(\d+):(\d{4})$/.exec(ref ?? '');
  const l = pick(c?.leftSource.ref), r = pick(c?.rightSource.ref);
  const agencyOptions = choice.agencies.map((a) => ({ value: String(a.id), label: a.name }));
  const yearOptions = choice.years.map((y) => ({ value: String(y), label: T('labels.yearOf', { year: y }) }));
  return (
    <details open={!c}>
      <summary>{T('reportCompare.annual')}<EnHint locale={locale} text="Compare annual reports in Gongkai" /></summary>
      <form method="get" action={COMPARE_PATH} className="gk-form">
        <fieldset><legend>{T('reportCompare.left')}</legend>
          <Select name="leftAgency" label={T('reportCompare.agency')} idPrefix="left" options={agencyOptions} value={l?.[1] ?? String(choice.agencies[0]?.id ?? '')} locale={locale} />
          <Select name="leftYear" label={T('reportCompare.year')} idPrefix="left" options={yearOptions} value={l?.[2] ?? String(choice.years[1] ?? '')} locale={locale} />
        </fieldset>
        <fieldset><legend>{T('reportCompare.right')}</legend>
          <Select name="rightAgency" label={T('reportCompare.agency')} idPrefix="right" options={agencyOptions} value={r?.[1] ?? String(choice.agencies[0]?.id ?? '')} locale={locale} />
          <Select name="rightYear" label={T('reportCompare.year')} idPrefix="right" options={yearOptions} value={r?.[2] ?? String(choice.years[0] ?? '')} locale={locale} />
        </fieldset>
        <Button variant="secondary">{T('reportCompare.compare')}</Button>
      </form>
    </details>
  );
}

export function ReportComparisonPage(p: { shell: AdminShell; c?: ReportCompareView; changedOnly: boolean; errors?: readonly FieldError[]; back?: string; annual?: AnnualChoice }) {
  const c = p.c;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('reportCompare.title')}>
      <ErrorSummary errors={p.errors} linked={() => false} locale={locale} />
      <SupervisionNav current="comparison" locale={locale} />
      {p.back && <p><a href={p.back}>{T('reportCompare.back')}</a></p>}
      <h1>{T('reportCompare.title')}<EnHint locale={locale} text="Report comparison" /></h1>
      {p.annual && p.annual.agencies.length > 0 && <AnnualPicker choice={p.annual} locale={locale} {...(c ? { c } : {})} />}
      {!c ? <p>{T('reportCompare.pick')}</p> : (
        <>
          <p>{T('reportCompare.sidesLeft')}{sideTitle(c, 'left', locale)}{T('reportCompare.sidesRight')}{sideTitle(c, 'right', locale)}</p>
          {c.remarks.map((r, i) => <Notice key={i} kind="info" title={T('reportCompare.remark')} locale={locale}>{r}</Notice>)}
          {c.crossYear && (
            <section aria-labelledby="cross-year">
              <h2 id="cross-year">{T('reportCompare.crossYear', { from: Math.min(c.left.year, c.right.year), to: Math.max(c.left.year, c.right.year) })}{locale === 'en' ? null : <span lang="en" className="gk-hint">Cross-year rules</span>}</h2>
              <div className="gk-table-wrap">
                <table className="gk-table">
                  <thead><tr><th scope="col">{T('reportCompare.colRule')}</th><th scope="col">{T('reportCompare.colTitle')}</th><th scope="col">{T('reportCompare.colResult')}</th><th scope="col">{T('reportCompare.colNote')}</th></tr></thead>
                  <tbody>
                    {c.crossYear.map((r) => (
                      <tr key={r.rule} data-rule={r.rule} data-result={r.result}>
                        <td>{r.rule}</td><td>{r.title}</td><td><strong className={`gk-tag gk-tag--${RESULT_TONE[r.result]}`}>{T(`labels.crossYearResult.${r.result}`)}</strong></td>
                        <td>{[...r.findings.map((f) => f.message), ...r.notChecked.map((n) => n.message)].map((m, i) => <p key={i}>{m}</p>)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section aria-labelledby="cells">
            <h2 id="cells">{T('reportCompare.tables')}<EnHint locale={locale} text="Tables" /></h2>
            <p>{p.changedOnly
              ? <>{T('reportCompare.changedOnly')}<a href={`${COMPARE_PATH}?left=${encodeURIComponent(c.leftSource.ref)}&right=${encodeURIComponent(c.rightSource.ref)}`}>{T('reportCompare.showAll')}</a></>
              : <>{T('reportCompare.counts', { total: c.cells.length, changed: c.cells.filter((x) => x.changed).length })}<a href={`${COMPARE_PATH}?left=${encodeURIComponent(c.leftSource.ref)}&right=${encodeURIComponent(c.rightSource.ref)}&changed=1`}>{T('reportCompare.onlyChanged')}</a></>}</p>
            {(['table2', 'table3', 'table4'] as const).map((t) => {
              const rows = c.cells.filter((x) => x.cell.startsWith(`${t}|`) && (!p.changedOnly || x.changed));
              if (rows.length === 0) return null;
              return (
                <div key={t} className="gk-table-wrap">
                  <table className="gk-table gk-diff-cells">
                    <caption>{T(`labels.table.${t}`)}</caption>
                    <thead><tr><th scope="col">{T('reportCompare.colCell')}</th><th scope="col">{T('reportCompare.colLeft', { year: c.left.year || '—' })}</th><th scope="col">{T('reportCompare.colRight', { year: c.right.year || '—' })}</th><th scope="col">{T('reportCompare.colDelta')}</th></tr></thead>
                    <tbody>
                      {rows.map((x) => (
                        <tr key={x.cell} data-cell={x.cell} className={x.changed ? 'gk-diff-changed' : undefined}>
                          <th scope="row">{describeCell(x.cell)}</th><td>{num(locale, x.left)}</td><td>{num(locale, x.right)}</td>
                          <td data-delta>{x.delta === null ? (x.comparable ? '—' : T('reportCompare.notComparable')) : x.delta > 0 ? `+${x.delta}` : String(x.delta)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </section>
          <section aria-labelledby="narrative">
            <h2 id="narrative">{T('reportCompare.narrative')}<EnHint locale={locale} text="Narrative" /></h2>
            {c.sections.length === 0 ? <p>{T('reportCompare.noNarrative')}</p> : c.sections.map((s) => (
              <div key={s.key} className="gk-table-wrap">
                <table className="gk-table gk-diff-text" data-section={s.key}>
                  <caption>{s.heading}{!s.inLeft ? T('reportCompare.onlyRight') : !s.inRight ? T('reportCompare.onlyLeft') : s.changed ? '' : T('reportCompare.same')}</caption>
                  <thead><tr><th scope="col">{T('reportCompare.colLeft', { year: c.left.year || '—' })}</th><th scope="col">{T('reportCompare.colRight', { year: c.right.year || '—' })}</th></tr></thead>
                  <tbody><SectionRows rows={s.rows} locale={locale} /></tbody>
                </table>
              </div>
            ))}
          </section>
        </>
      )}
    </AdminLayout>
  );
}

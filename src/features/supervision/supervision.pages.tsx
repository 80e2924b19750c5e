// Back-office pages of supervision (督查体检): the runs with the forms to start one (upload files, a folder or a zip; or
// the reports the agencies below submitted in Gongkai), one run (summary, triage counts, cross-year results, its reports,
// paged), one report of a run (reading problems apart from rule findings, rules not checked, each finding with its
// triage and rectification forms), and the rectifications (整改) with the agency's answer and the supervisor's review.
// Every form posts to a page route whose API twin is named in tests/integration/api-twins.test.ts.
import type { ReactElement } from 'react';
import { AdminLayout, Button, CsrfField, ErrorSummary, FileField, Notice, Pagination, Select, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { describeCell, ACCEPTED_EXTENSIONS } from '../reports/reports.pages.tsx';
import type { FindingView, Paged, RunReportDetail, RunReportView, RunView } from './supervision.service.ts';
import { DECISION_LABELS, STATUS_LABELS } from './supervision.service.ts';
import { RECTIFICATION_LABELS, type RectificationDetail, type RectificationView } from './supervision.rectify.ts';
import type { RunAgencyView } from './supervision.agencies.ts';
import { SUPERVISION_PATH, SupervisionNav } from './supervision.nav.tsx';

export { SUPERVISION_PATH } from './supervision.nav.tsx';

/** How the pages name the reports whose agency could not be read (also the agency filter's value for them). */
export const UNNAMED_AGENCY = '（未识别）';

const SOURCE_LABELS = { upload: '上传文件', platform: '平台报送' } as const;
const READ_LABELS = { complete: '完整读取', partial: '部分未读出', none: '无法读取' } as const;
/** A rectification's state as shown beside its finding. */
const RECTIFICATION_STATUS = { open: '待机关整改', answered: '机关已反馈，待审核', resolved: '整改已办结' } as const;
const tone = (status: string) => (status === 'clean' ? 'green' : status === 'findings' ? 'red' : 'amber');

function Tag({ text, color }: { text: string; color: string }) {
  return <strong className={`gk-tag gk-tag--${color}`}>{text}</strong>;
}

export function RunsPage(p: { shell: AdminShell; runs: Paged<RunView>; years: number[]; errors?: readonly FieldError[] }) {
  const err = (f: string) => p.errors?.find((e) => e.field === f)?.message;
  return (
    <AdminLayout {...p.shell} active="reports" title="督查体检">
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="runs" locale={p.shell.locale} />
      <h1>督查体检</h1>
      <p>对各机关的政府信息公开工作年度报告批量体检（条例第四十九条、第五十条）。每条结果注明来自读取文件还是勾稽规则；读不出的单元格不参与勾稽，不会错怪报告。体检结果连同日期保存，可与往年的体检比较。</p>
      <section aria-labelledby="new-upload">
        <h2 id="new-upload">上传报告体检</h2>
        <form method="post" action={`${SUPERVISION_PATH}/runs`} encType="multipart/form-data" className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <TextField name="title" label="名称" required={false} maxLength={200} hint="例如：2025年度区直部门年度报告督查" error={err('title')} />
          <FileField name="files" label="报告文件" hint="可多选，也可以上传一个装有报告的 zip 压缩包；支持 .docx、.pdf、.html、.txt、.json。" accept={`${ACCEPTED_EXTENSIONS},.zip`} multiple error={err('files')} />
          <div className="gk-form-group">
            <label className="gk-label" htmlFor="field-folder">或选择一个文件夹</label>
            <input className="gk-file-upload" id="field-folder" name="folder" type="file" multiple {...{ webkitdirectory: '' }} />
          </div>
          <Button>开始体检</Button>
        </form>
      </section>
      <section aria-labelledby="new-platform">
        <h2 id="new-platform">体检下级机关在平台上报送的报告</h2>
        <form method="post" action={`${SUPERVISION_PATH}/runs`} encType="multipart/form-data" className="gk-form" noValidate>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="source" value="platform" />
          <Select name="year" label="报告年度" options={p.years.map((y) => ({ value: String(y), label: `${y} 年度` }))} value={String(p.years[0] ?? '')} error={err('year')} idPrefix="platform" />
          <Button variant="secondary">体检已报送的报告</Button>
        </form>
      </section>
      <h2>体检记录</h2>
      {p.runs.total === 0 ? <p>还没有体检记录。</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <thead><tr><th scope="col">时间</th><th scope="col">名称</th><th scope="col">来源</th><th scope="col">报告</th><th scope="col">通过</th><th scope="col">有错误</th><th scope="col">未能完整读取</th><th scope="col">待定结果</th></tr></thead>
            <tbody>
              {p.runs.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td><td><a href={`${SUPERVISION_PATH}/runs/${r.id}`}>{r.title}</a></td><td>{SOURCE_LABELS[r.source]}</td>
                  <td>{r.summary.reports}</td><td>{r.summary.clean}</td><td>{r.summary.withErrors}</td><td>{r.summary.unreadable}</td><td>{r.decisions.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.runs.page} pageSize={p.runs.pageSize} total={p.runs.total} baseHref={SUPERVISION_PATH} />
    </AdminLayout>
  );
}

/** A refused triage or rectification form of one finding: its messages, shown at the form (opened) and in the page's summary. */
export interface FindingFormErrors { findingId: number; form: 'triage' | 'rectification'; errors: readonly FieldError[] }

/** The page's error summary for a refused finding form, its links pointing at that form's fields. */
function FindingErrorSummary({ e }: { e: FindingFormErrors | undefined }) {
  if (!e) return null;
  return <ErrorSummary errors={e.errors} idPrefix={e.form === 'triage' ? `finding-${e.findingId}` : `finding-${e.findingId}-rect`} />;
}

/** A finding with its triage form (and the rectification form when the report's agency is below the supervisor). */
function FindingItem({ f, csrf, back, refused }: { f: FindingView; csrf: string; back: string; refused?: FindingFormErrors }) {
  const id = `finding-${f.id}`;
  const err = (form: FindingFormErrors['form'], field: string) => (refused?.findingId === f.id && refused.form === form ? refused.errors.find((e) => e.field === field)?.message : undefined);
  return (
    <li id={id} className={`gk-finding gk-finding--${f.severity}`}>
      <p>
        {/* a reading problem is the reader's failure, not an error of the report (findingCounts) */}
        {f.source === 'import' ? <Tag text="读取问题" color="grey" /> : <><Tag text={f.severity === 'error' ? '错误' : '警告'} color={f.severity === 'error' ? 'red' : 'amber'} />{' '}<Tag text="勾稽规则" color="blue" /></>}{' '}
        <span className="gk-finding-rule">[{f.rule}]</span> <span lang="zh-CN">{f.message}</span>
      </p>
      {f.cells.length > 0 && <p className="gk-finding-cells">涉及单元格：{f.cells.slice(0, 8).map(describeCell).join('、')}{f.cells.length > 8 ? ` 等 ${f.cells.length} 个` : ''}</p>}
      <p>结论：<strong data-decision={f.decision}>{DECISION_LABELS[f.decision]}</strong>{f.reason ? `（${f.reason}）` : ''}{f.decidedBy ? ` · ${f.decidedBy} ${f.decidedAt?.slice(0, 10) ?? ''}` : ''}{f.carriedFrom ? ' · 沿用以前体检的结论' : ''}
        {f.rectification && <> · <a href={`${SUPERVISION_PATH}/rectifications/${f.rectification.id}`}>整改#{f.rectification.id}</a>：<span data-rectification={f.rectification.state}>{RECTIFICATION_STATUS[f.rectification.state]}</span></>}</p>
      {f.decision !== 'rectification' && (
        <details open={refused?.findingId === f.id}>
          <summary>处理这条结果</summary>
          <form method="post" action={`${SUPERVISION_PATH}/findings/${f.id}/triage`} className="gk-form gk-form--inline">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={f.version} />
            <input type="hidden" name="back" value={`${back}#${id}`} />
            <Select name="decision" label="结论" idPrefix={id} value={f.decision === 'pending' ? 'confirmed' : f.decision} options={[{ value: 'confirmed', label: '确认' }, { value: 'dismissed', label: '排除（须写明理由）' }, { value: 'pending', label: '待定' }]} />
            <TextField name="reason" label="理由" idPrefix={id} required={false} maxLength={1000} value={f.reason ?? ''} hint="排除时必填" error={err('triage', 'reason') ?? err('triage', 'decision')} />
            <Button variant="secondary">保存结论</Button>
          </form>
          {f.agencyId !== null && (
            <form method="post" action={`${SUPERVISION_PATH}/findings/${f.id}/rectification`} className="gk-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="version" value={f.version} />
              <input type="hidden" name="back" value={`${back}#${id}`} />
              <Textarea name="comment" label="交机关整改：整改要求" idPrefix={`${id}-rect`} maxLength={2000} hint={`${f.agency ?? ''}的待办中将出现这项整改`} error={err('rectification', 'comment')} />
              <Button variant="warning">交机关整改</Button>
            </form>
          )}
        </details>
      )}
    </li>
  );
}

export function FindingsList({ findings, csrf, back, refused }: { findings: readonly FindingView[]; csrf: string; back: string; refused?: FindingFormErrors }): ReactElement {
  if (findings.length === 0) return <p>没有体检结果。</p>;
  return <ol className="gk-findings-list">{findings.map((f) => <FindingItem key={f.id} f={f} csrf={csrf} back={back} {...(refused ? { refused } : {})} />)}</ol>;
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
  return (
    <AdminLayout {...p.shell} active="reports" title={r.title}>
      <FindingErrorSummary e={p.refused} />
      <SupervisionNav current="runs" locale={p.shell.locale} />
      <p><a href={SUPERVISION_PATH}>← 督查体检</a></p>
      <h1>{r.title}</h1>
      <p>{r.createdAt.slice(0, 16).replace('T', ' ')} · {r.createdBy} · {SOURCE_LABELS[r.source]}{r.year ? ` · ${r.year} 年度` : ''}</p>
      <div className="gk-table-wrap">
        <table className="gk-table gk-table--summary" aria-label="汇总">
          <tbody>
            <tr><th scope="row">报告</th><td data-summary="reports">{r.summary.reports}</td><th scope="row">通过</th><td data-summary="clean">{r.summary.clean}</td></tr>
            <tr><th scope="row">有错误</th><td data-summary="withErrors">{r.summary.withErrors}</td><th scope="row">未能完整读取</th><td data-summary="unreadable">{r.summary.unreadable}</td></tr>
            <tr><th scope="row">结果：待定</th><td>{r.decisions.pending}</td><th scope="row">已确认 / 已排除 / 已交整改</th><td>{r.decisions.confirmed} / {r.decisions.dismissed} / {r.decisions.rectification}</td></tr>
          </tbody>
        </table>
      </div>
      <p>
        <a className="gk-button gk-button--secondary" href={`/api/supervision/runs/${r.id}/export.xlsx`} download>下载 Excel 工作簿</a>{' '}
        <a className="gk-button gk-button--secondary" href={`/api/supervision/runs/${r.id}/notice.pdf`} download>下载通报（PDF，仅列已确认的问题）</a>{' '}
        <a className="gk-button gk-button--secondary" href={`${base}/comparison`}>与以前的体检比较</a>
      </p>
      <h2 id="by-agency">按机关</h2>
      <div className="gk-table-wrap">
        <table className="gk-table" aria-labelledby="by-agency">
          <thead><tr><th scope="col">机关</th><th scope="col">年度</th><th scope="col">报告</th><th scope="col">通过</th><th scope="col">有错误</th><th scope="col">未能完整读取</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">跨年度核对结果</th></tr></thead>
          <tbody>
            {p.agencies.items.map((a) => (
              <tr key={a.agency ?? ''} data-agency={a.agency ?? ''}>
                <th scope="row"><a href={agencyHref(a.agency)}>{a.agency ?? UNNAMED_AGENCY}</a>{a.agency && !a.agencyId ? '（不在本平台）' : ''}</th>
                <td>{a.years.join('、')}</td><td>{a.reports}</td><td>{a.clean}</td><td>{a.withErrors}</td><td>{a.unreadable}</td><td>{a.errors}</td><td>{a.warnings}</td><td>{a.crossYearFindings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.agencies.page} pageSize={p.agencies.pageSize} total={p.agencies.total} baseHref={base} param="apage" label="机关分页" query={keep('apage')} />
      <h2 id="reports">报告{p.agency ? `：${p.agency}` : ''}</h2>
      {p.agency && <p><a href={`${base}#reports`}>列出全部机关的报告</a></p>}
      <form method="get" action={`${base}#reports`} className="gk-filters">
        {p.agency && <input type="hidden" name="agency" value={p.agency} />}
        <Select name="status" label="结论" value={p.status ?? ''} placeholder="全部" options={Object.entries(STATUS_LABELS).map(([k, v]) => ({ value: k, label: v }))} />
        <div className="gk-filters__actions"><Button variant="secondary">筛选</Button></div>
      </form>
      {/* 差异比对: pick one report for each side (decision 175) */}
      <form method="get" action={`${SUPERVISION_PATH}/report-comparison`} id="compare-form">
      <input type="hidden" name="back" value={base} />
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">比对（左 / 右）</th><th scope="col">序号</th><th scope="col">文件</th><th scope="col">机关</th><th scope="col">年度</th><th scope="col">结论</th><th scope="col">读取</th><th scope="col">错误</th><th scope="col">警告</th></tr></thead>
          <tbody>
            {p.reports.items.map((x) => (
              <tr key={x.id}>
                <td>
                  <label><input type="radio" name="left" value={`audit:${x.id}`} /><span className="gk-visually-hidden">作为左侧比对：{x.file}</span><span aria-hidden="true">左</span></label>{' '}
                  <label><input type="radio" name="right" value={`audit:${x.id}`} /><span className="gk-visually-hidden">作为右侧比对：{x.file}</span><span aria-hidden="true">右</span></label>
                </td>
                <td>{x.ordinal}</td>
                <td><a href={`${SUPERVISION_PATH}/reports/${x.id}`}>{x.file}</a>{x.replacesReportId ? '（整改后的报告）' : ''}</td>
                <td>{x.agency ?? '（未识别）'}{x.agencyId ? '' : x.agency ? '（不在本平台）' : ''}</td><td>{x.year ?? ''}</td>
                <td><Tag text={STATUS_LABELS[x.status] ?? x.status} color={tone(x.status)} /></td><td>{READ_LABELS[x.read]}</td><td>{x.errors}</td><td>{x.warnings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.reports.items.length > 1 && <Button variant="secondary">差异比对：比较选中的两份报告</Button>}
      </form>
      <Pagination page={p.reports.page} pageSize={p.reports.pageSize} total={p.reports.total} baseHref={base} label="报告分页" query={keep('page')} />
      <h2 id="cross-year">跨年度核对</h2>
      {r.crossYear.length === 0 ? <p>没有同一机关相邻年度的报告。</p> : (
        <ul>
          {r.crossYear.map((c, i) => <li key={i}>{c.agency}：{c.from} → {c.to}，{c.findings.length ? `${c.findings.length} 条结果` : '一致'}{c.notChecked.length ? `，${c.notChecked.length} 项未能核对` : ''}</li>)}
        </ul>
      )}
      {p.cross.total > 0 && (
        <>
          <FindingsList findings={p.cross.items} csrf={p.shell.csrfToken} back={base} {...(p.refused ? { refused: p.refused } : {})} />
          <Pagination page={p.cross.page} pageSize={p.cross.pageSize} total={p.cross.total} baseHref={base} param="cpage" label="跨年度结果分页" query={keep('cpage')} />
        </>
      )}
    </AdminLayout>
  );
}

export function RunReportPage(p: { shell: AdminShell; run: RunView; report: RunReportDetail; findings: Paged<FindingView>; errors?: readonly FieldError[]; corrections?: ReactElement | null; refused?: FindingFormErrors }) {
  const x = p.report;
  const base = `${SUPERVISION_PATH}/reports/${x.id}`;
  const problems = x.notes.filter((n) => n.level !== 'info');
  return (
    <AdminLayout {...p.shell} active="reports" title={x.file}>
      <ErrorSummary errors={p.errors} />
      <FindingErrorSummary e={p.refused} />
      <SupervisionNav current="runs" locale={p.shell.locale} />
      <p><a href={`${SUPERVISION_PATH}/runs/${p.run.id}`}>← {p.run.title}</a></p>
      <h1>{x.agency ?? x.file}{x.year ? ` ${x.year} 年度` : ''}</h1>
      <p>{x.file} · <Tag text={STATUS_LABELS[x.status] ?? x.status} color={tone(x.status)} /> · {READ_LABELS[x.read]} · 错误 {x.errors}，警告 {x.warnings}{p.report.unreadCells.length ? `，${p.report.unreadCells.length} 个单元格未读出` : ''}{x.format ? ` · ${x.format === 'hybrid' ? '混合格式' : `${x.format} 年版格式`}` : ''}</p>
      {x.status === 'unreadable' && (
        <Notice kind="warning" title="未能完整读取">读不出的单元格不参与勾稽，相关规则列为“未核对”，不算作报告的错误。请核对原件。</Notice>
      )}
      <h2>体检结果</h2>
      <FindingsList findings={p.findings.items} csrf={p.shell.csrfToken} back={p.findings.page > 1 ? `${base}?page=${p.findings.page}` : base} {...(p.refused ? { refused: p.refused } : {})} />
      <Pagination page={p.findings.page} pageSize={p.findings.pageSize} total={p.findings.total} baseHref={base} />
      {p.corrections}
      {x.notChecked.length > 0 && (
        <>
          <h2>未核对的规则（{x.notChecked.length}）</h2>
          <ul>{x.notChecked.map((c, i) => <li key={i}>[{c.rule}] {c.message}{c.missing.length ? `（缺：${c.missing.slice(0, 6).map(describeCell).join('、')}${c.missing.length > 6 ? ' 等' : ''}）` : ''}</li>)}</ul>
        </>
      )}
      {(problems.length > 0 || x.notes.length > 0) && (
        <details>
          <summary>读取备注 {x.notes.length} 条</summary>
          <ul>{x.notes.map((n, i) => <li key={i}>{n.cell ? `${describeCell(n.cell)}：` : ''}{n.message}</li>)}</ul>
        </details>
      )}
    </AdminLayout>
  );
}

export function RectificationsPage(p: { shell: AdminShell; list: Paged<RectificationView>; state?: string }) {
  const base = `${SUPERVISION_PATH}/rectifications`;
  return (
    <AdminLayout {...p.shell} active="reports" title="年度报告整改">
      {p.shell.user.role === 'supervisor' && <SupervisionNav current="rectifications" locale={p.shell.locale} />}
      <h1>年度报告整改</h1>
      <form method="get" action={base} className="gk-filters">
        <Select name="state" label="状态" value={p.state ?? ''} placeholder="全部" options={Object.entries(RECTIFICATION_LABELS).map(([k, v]) => ({ value: k, label: v }))} />
        <div className="gk-filters__actions"><Button variant="secondary">筛选</Button></div>
      </form>
      {p.list.total === 0 ? <p>没有整改事项。</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <thead><tr><th scope="col">编号</th><th scope="col">被要求整改的机关</th><th scope="col">提出机关</th><th scope="col">整改要求</th><th scope="col">状态</th><th scope="col">提出时间</th></tr></thead>
            <tbody>
              {p.list.items.map((r) => (
                <tr key={r.id}><td><a href={`${base}/${r.id}`}>整改#{r.id}</a></td><td>{r.agency}</td><td>{r.supervisorAgency}</td><td>{r.comment.slice(0, 60)}</td><td>{RECTIFICATION_LABELS[r.state]}</td><td>{r.createdAt.slice(0, 10)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={p.list.page} pageSize={p.list.pageSize} total={p.list.total} baseHref={base} query={p.state ? { state: p.state } : {}} />
    </AdminLayout>
  );
}

export function RectificationPage(p: { shell: AdminShell; r: RectificationDetail; errors?: readonly FieldError[] }) {
  const r = p.r;
  const base = `${SUPERVISION_PATH}/rectifications/${r.id}`;
  const err = (f: string) => p.errors?.find((e) => e.field === f)?.message;
  return (
    <AdminLayout {...p.shell} active="reports" title={`整改#${r.id}`}>
      <ErrorSummary errors={p.errors} />
      {p.shell.user.role === 'supervisor' && <SupervisionNav current="rectifications" locale={p.shell.locale} />}
      <p><a href={`${SUPERVISION_PATH}/rectifications`}>← 年度报告整改</a></p>
      <h1>整改#{r.id}：{r.agency}</h1>
      <p>状态：<strong data-state={r.state}>{RECTIFICATION_LABELS[r.state]}</strong> · {r.supervisorAgency}（{r.createdBy}）{r.createdAt.slice(0, 10)} 提出</p>
      <h2>体检结果</h2>
      <p><Tag text={r.finding.severity === 'error' ? '错误' : '警告'} color={r.finding.severity === 'error' ? 'red' : 'amber'} /> [{r.finding.rule}] {r.finding.message}</p>
      {r.finding.cells.length > 0 && <p>涉及单元格：{r.finding.cells.slice(0, 8).map(describeCell).join('、')}</p>}
      {r.report && <p>报告：{r.report.file}{r.report.year ? `（${r.report.year} 年度）` : ''}</p>}
      <h2>整改要求</h2>
      <p className="gk-prewrap">{r.comment}</p>
      {r.reviewComment && r.state === 'open' && <Notice kind="warning" title="退回重新整改">{r.reviewComment}</Notice>}
      {r.response && (
        <>
          <h2>整改情况</h2>
          <p className="gk-prewrap">{r.response}</p>
          <p>{r.respondedBy} {r.respondedAt?.slice(0, 10)} 反馈</p>
          {r.responseReport && (
            <p>更正后的报告：{r.responseReport.file} · <Tag text={STATUS_LABELS[r.responseReport.status] ?? r.responseReport.status} color={tone(r.responseReport.status)} /> 错误 {r.responseReport.errors}，警告 {r.responseReport.warnings}
              {p.shell.user.role === 'supervisor' && <> · <a href={`${SUPERVISION_PATH}/reports/${r.responseReport.id}`}>查看体检结果</a></>}</p>
          )}
        </>
      )}
      {r.state === 'resolved' && <Notice kind="success" title="已办结">{r.reviewComment ?? ''}{r.resolvedAt ? `（${r.resolvedAt.slice(0, 10)}）` : ''}</Notice>}
      {r.actions.includes('respond') && (
        <form method="post" action={`${base}/response`} encType="multipart/form-data" className="gk-form" noValidate>
          <h2>反馈整改情况</h2>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={r.version} />
          <Textarea name="response" label="整改情况" maxLength={4000} error={err('response')} />
          <FileField name="file" label="更正后的报告" required={false} hint="报告本身有误时，附上更正后的报告（将重新体检）" accept={ACCEPTED_EXTENSIONS} error={err('file')} />
          <Button>提交整改反馈</Button>
        </form>
      )}
      {(r.actions.includes('resolve') || r.actions.includes('reopen')) && (
        <form method="post" action={`${base}/review`} className="gk-form" noValidate>
          <h2>审核整改反馈</h2>
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={r.version} />
          <Textarea name="comment" label="意见" required={false} maxLength={2000} hint="退回重新整改时必填" error={err('comment')} />
          <Button name="outcome" value="resolve">办结</Button> <Button name="outcome" value="reopen" variant="warning">退回重新整改</Button>
        </form>
      )}
    </AdminLayout>
  );
}

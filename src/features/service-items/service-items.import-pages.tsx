// The officer's import pages: the catalogue XLSX (twin importServiceItems) and 办件 (twin importServiceCases).
// Upload → a dry run lists every row's problem (row, column, what to fix) and what each row would do → confirm.
// The confirm form carries the checked file back (hidden, base64) so the officer does not choose it again; the
// confirmed import checks every row again before it writes.
import { AdminLayout, Button, CsrfField, ErrorSummary, FileField, Notice, type AdminShell } from '../../ui/index.ts';
import type { CatalogueImportResult } from './service-items.import.ts';
import type { CaseImportResult } from './service-items.cases.ts';
import { CASE_COLUMNS } from '../../core/service-items/index.ts';
import { CATEGORY_LABELS } from '../../core/annual-report/categories.ts';

type Errors = readonly { field: string; message: string }[];
/** The checked file, sent back with the confirm button (only when the dry run found no problem). */
export interface PendingFile { filename: string; contentBase64: string }

const ACTION_LABEL = { create: '新增', update: '修改', unchanged: '不变' } as const;

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

export function CatalogueImportPage(p: { shell: AdminShell; errors?: Errors; result?: CatalogueImportResult; filename?: string; pending?: PendingFile }) {
  const r = p.result;
  return (
    <AdminLayout {...p.shell} active="services" title="导入事项目录">
      <ErrorSummary errors={p.errors} />
      <h1>导入事项目录（XLSX）</h1>
      <p>文件格式与“导出目录（XLSX）”相同：第一行为列名 —— 实施单位、层级、状态、状态生效日期，然后是各要素（事项名称、基本编码、事项类型……材料目录、常见问题）。
        按实施编码对应已有事项：内容相同的行不变，有变化的行记为事项的新版本（变更原因“导入 文件名”），新的实施编码为新增事项；街道、社区的新事项实施同一基本编码的区级事项。
        空白表格、示例样表不在表格中，导入时保留。列可以缺少（缺少的要素不变），但不能有不认识的列。</p>
      <form method="post" action="/admin/services/import" encType="multipart/form-data" className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        <FileField name="file" label="事项目录文件（.xlsx）" hint="最大 20 MB" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={p.errors?.find((e) => e.field === 'file')?.message} />
        <p className="gk-button-group">
          <Button name="dryRun" value="1">检查（不导入）</Button>
          <Button name="dryRun" value="0" variant="secondary">直接导入</Button>
        </p>
      </form>
      {r ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result">{r.dryRun ? `检查结果：${p.filename ?? ''}` : `已导入：${p.filename ?? ''}`}</h2>
          <p role="status">共 {r.rows} 行：{r.dryRun ? '将' : '已'}新增 {r.created} 项，{r.dryRun ? '将' : '已'}修改 {r.updated} 项，不变 {r.unchanged} 项{r.problems.length ? `；${r.problems.length} 个问题，修改文件后重新上传（有问题时不导入任何一行）` : ''}。</p>
          {r.problems.length ? (
            <table className="gk-table">
              <caption>每一行的问题</caption>
              <thead><tr><th scope="col">行号</th><th scope="col">列</th><th scope="col">问题和修改方法</th></tr></thead>
              <tbody>{r.problems.map((x, n) => <tr key={n}><td>{x.row === 1 ? '第 1 行（列名）' : `第 ${x.row} 行`}</td><td>{x.column}</td><td>{x.message}</td></tr>)}</tbody>
            </table>
          ) : null}
          {r.changes.length ? (
            <table className="gk-table">
              <caption>{r.dryRun ? '将要新增或修改的事项' : '新增或修改的事项'}</caption>
              <thead><tr><th scope="col">行号</th><th scope="col">实施编码</th><th scope="col">事项名称</th><th scope="col">实施单位</th><th scope="col">操作</th><th scope="col">变化的要素</th></tr></thead>
              <tbody>{r.changes.map((c) => <tr key={c.row}><td>{c.row}</td><td>{c.code}</td><td>{c.name}</td><td>{c.agency}</td><td>{ACTION_LABEL[c.action]}</td><td>{c.elements.join('、')}</td></tr>)}</tbody>
            </table>
          ) : null}
          {r.dryRun && !r.problems.length && p.pending && (r.created || r.updated) ? <ConfirmForm action="/admin/services/import" csrf={p.shell.csrfToken} pending={p.pending} label={`确认导入（新增 ${r.created} 项，修改 ${r.updated} 项）`} /> : null}
          {r.dryRun && !r.problems.length && !r.created && !r.updated ? <Notice title="文件与系统中的事项一致，没有需要导入的变化" /> : null}
        </section>
      ) : null}
      <p><a href="/admin/services">返回事项列表</a></p>
    </AdminLayout>
  );
}

export function CaseImportPage(p: { shell: AdminShell; errors?: Errors; result?: CaseImportResult; filename?: string; pending?: PendingFile }) {
  const r = p.result;
  return (
    <AdminLayout {...p.shell} active="services" title="导入办件">
      <ErrorSummary errors={p.errors} />
      <h1>导入办件（CSV 或 XLSX）</h1>
      <p>第一行为列名：{CASE_COLUMNS.caseNo[0]}、{CASE_COLUMNS.decidedOn[0]}、{CASE_COLUMNS.itemCode[0]}（本单位事项的实施编码）、{CASE_COLUMNS.decisionType[0]}（可空：按事项类型归入年度报告表二的类别）、{CASE_COLUMNS.result[0]}。
        按办件编号对应：已导入的办件内容相同则不变，不同则更新；年度报告表二的“处理决定数量”由这些办件统计。</p>
      <form method="post" action="/admin/services/cases/import" encType="multipart/form-data" className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        <FileField name="file" label="办件文件（.csv 或 .xlsx）" hint="最大 20 MB；CSV 可为 UTF-8 或 GB18030 编码" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" error={p.errors?.find((e) => e.field === 'file')?.message} />
        <p className="gk-button-group">
          <Button name="dryRun" value="1">检查（不导入）</Button>
          <Button name="dryRun" value="0" variant="secondary">直接导入</Button>
        </p>
      </form>
      {r ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result">{r.dryRun ? `检查结果：${p.filename ?? ''}` : `已导入：${p.filename ?? ''}`}</h2>
          <p role="status">共 {r.total} 行：{r.dryRun ? '将' : '已'}新增 {r.inserted} 件，{r.dryRun ? '将' : '已'}更新 {r.updated} 件，已导入且相同 {r.unchanged} 件{r.problems.length ? `；${r.problems.length} 个问题，修改文件后重新上传（有问题时不导入任何一行）` : ''}。</p>
          {r.problems.length ? (
            <table className="gk-table">
              <caption>每一行的问题</caption>
              <thead><tr><th scope="col">行号</th><th scope="col">问题和修改方法</th></tr></thead>
              <tbody>{r.problems.map((x, n) => <tr key={n}><td>第 {x.line} 行</td><td>{x.message.replace(/^第\d+行：/, '')}</td></tr>)}</tbody>
            </table>
          ) : null}
          {r.summary.length ? (
            <table className="gk-table">
              <caption>可导入的办件（按年度和表二类别）</caption>
              <thead><tr><th scope="col">年度</th><th scope="col">类别</th><th scope="col">办件数</th></tr></thead>
              <tbody>{r.summary.map((s) => <tr key={`${s.year}-${s.category}`}><td>{s.year}</td><td>{CATEGORY_LABELS[s.category].zh}</td><td>{s.count}</td></tr>)}</tbody>
            </table>
          ) : null}
          {r.dryRun && !r.problems.length && p.pending && (r.inserted || r.updated) ? <ConfirmForm action="/admin/services/cases/import" csrf={p.shell.csrfToken} pending={p.pending} label={`确认导入（新增 ${r.inserted} 件，更新 ${r.updated} 件）`} /> : null}
          {r.dryRun && !r.problems.length && !r.inserted && !r.updated ? <Notice title="这些办件都已导入，没有变化" /> : null}
        </section>
      ) : null}
      <p><a href="/admin/services">返回事项列表</a></p>
    </AdminLayout>
  );
}

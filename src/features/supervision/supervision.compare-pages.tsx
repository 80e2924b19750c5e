// The run comparison page: this run against an earlier one (chosen from the supervisor's runs), per agency the
// findings new, resolved and persisting. Its API twin is compareAuditRuns.
import { AdminLayout, Button, Pagination, Select, type AdminShell } from '../../ui/index.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import type { RunComparison } from './supervision.compare.ts';
import { SUPERVISION_PATH, SupervisionNav } from './supervision.nav.tsx';
import { DECISION_LABELS, type FindingView, type Paged, type RunView } from './supervision.service.ts';

function Findings({ items, empty }: { items: readonly FindingView[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {items.map((f) => (
        <li key={f.id}>
          [{f.rule}] {f.year ? `${f.year} 年度 ` : ''}{f.message}
          {f.cells.length > 0 ? `（${f.cells.slice(0, 3).map(describeCell).join('、')}${f.cells.length > 3 ? ' 等' : ''}）` : ''}
          {' '}· {DECISION_LABELS[f.decision]}
          {f.reportId ? <> · <a href={`${SUPERVISION_PATH}/reports/${f.reportId}`}>报告</a></> : null}
        </li>
      ))}
    </ul>
  );
}

export function RunComparisonPage(p: { shell: AdminShell; run: RunView; runs: Paged<RunView>; comparison?: RunComparison }) {
  const base = `${SUPERVISION_PATH}/runs/${p.run.id}`;
  const c = p.comparison;
  const others = p.runs.items.filter((r) => r.id !== p.run.id);
  return (
    <AdminLayout {...p.shell} active="reports" title={`体检比较：${p.run.title}`}>
      <SupervisionNav current="runs" locale={p.shell.locale} />
      <p><a href={base}>← {p.run.title}</a></p>
      <h1>两次体检比较</h1>
      <form method="get" action={`${base}/comparison`} className="gk-filters">
        <Select name="with" label="与这次体检比较" value={c ? String(c.earlier.id) : ''} options={others.map((r) => ({ value: String(r.id), label: `${r.title}（${r.createdAt.slice(0, 10)}${r.year ? `，${r.year} 年度` : ''}）` }))} />
        <div className="gk-filters__actions"><Button variant="secondary">比较</Button></div>
      </form>
      {others.length === 0 && <p>还没有别的体检可以比较。</p>}
      {c && (
        <>
          <p>较早：{c.earlier.title}（{c.earlier.createdAt.slice(0, 10)}）；本次：{c.run.title}（{c.run.createdAt.slice(0, 10)}）。已排除的结果不计。</p>
          <div className="gk-table-wrap">
            <table className="gk-table gk-table--summary" aria-label="比较汇总">
              <tbody>
                <tr><th scope="row">新出现</th><td data-summary="added">{c.totals.added}</td><th scope="row">已解决</th><td data-summary="resolved">{c.totals.resolved}</td><th scope="row">仍存在</th><td data-summary="persisting">{c.totals.persisting}</td></tr>
              </tbody>
            </table>
          </div>
          {c.agencies.items.length === 0 && <p>两次体检都没有问题。</p>}
          {c.agencies.items.map((a) => (
            <section key={a.agency} aria-label={a.agency}>
              <h2>{a.agency}</h2>
              <h3>新出现（{a.added.length}）</h3>
              <Findings items={a.added} empty="无" />
              <h3>已解决（{a.resolved.length}）</h3>
              <Findings items={a.resolved} empty="无" />
              <h3>仍存在（{a.persisting.length}）</h3>
              <Findings items={a.persisting} empty="无" />
            </section>
          ))}
          <Pagination page={c.agencies.page} pageSize={c.agencies.pageSize} total={c.agencies.total} baseHref={`${base}/comparison`} query={{ with: String(c.earlier.id) }} />
        </>
      )}
    </AdminLayout>
  );
}

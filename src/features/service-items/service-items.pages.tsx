// Back-office pages of the service-item catalogue: the list (paged, filters in the URL) and one item — every element
// (each with the anchor `field-el.<key>` the item_mismatch work item links to, and for an editor a link to correct it),
// completeness problems, the units implementing it, the status form and the change history.
import { AdminLayout, Button, Pagination, type AdminShell } from '../../ui/index.ts';
import { MaterialFilesForm, StatusForm } from './service-items.form-pages.tsx';
import type { FormFields } from './service-items.forms.ts';
import { displayValue, type Material } from '../../core/service-items/index.ts';
import type { ItemDetail, ItemSummary } from './service-items.service.ts';

export function ServiceItemListPage(p: { shell: AdminShell; items: ItemSummary[]; total: number; page: number; pageSize: number; q: string; canCreate: boolean }) {
  return (
    <AdminLayout {...p.shell} active="services" title="政务服务事项">
      <h1>政务服务事项</h1>
      <p className="gk-button-group">
        {p.canCreate ? <Button href="/admin/services/new">新增事项</Button> : null}
        <Button href="/admin/services/check" variant="secondary">三级一致性检查</Button>
        <Button href="/api/service-items/export" variant="secondary">导出目录（XLSX）</Button>
        {p.canCreate ? <Button href="/admin/services/import" variant="secondary">导入目录（XLSX）</Button> : null}
        {p.canCreate ? <Button href="/admin/services/cases/import" variant="secondary">导入办件</Button> : null}
      </p>
      <form method="get" action="/admin/services" className="gk-filters">
        <label htmlFor="field-q">事项名称、编码或材料</label>
        <input id="field-q" name="q" defaultValue={p.q} />
        <button type="submit">查找</button>
      </form>
      <p>共 {p.total} 项</p>
      <table className="gk-table">
        <thead><tr><th scope="col">实施编码</th><th scope="col">事项名称</th><th scope="col">事项类型</th><th scope="col">层级</th><th scope="col">实施单位</th><th scope="col">状态</th></tr></thead>
        <tbody>
          {p.items.map((i) => (
            <tr key={i.id}><td>{i.code}</td><td><a href={`/admin/services/${i.id}`}>{i.name}</a></td><td>{i.type}</td><td>{i.levelLabel}</td><td>{i.agency}</td><td>{i.statusLabel}</td></tr>
          ))}
        </tbody>
      </table>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/services" query={p.q ? { q: p.q } : {}} />
    </AdminLayout>
  );
}

export function ServiceItemPage(p: { shell: AdminShell; item: ItemDetail; canEdit: boolean; storedFiles: ReadonlySet<string>; status?: { fields: FormFields; errors: { field: string; message: string }[] }; files?: { fields: FormFields; errors: { field: string; message: string }[] } }) {
  const it = p.item;
  return (
    <AdminLayout {...p.shell} active="services" title={it.name}>
      <p><a href="/admin/services">← 政务服务事项</a></p>
      <h1>{it.name}</h1>
      <p>{it.levelLabel} · {it.agency} · 实施编码 {it.code} · {it.statusLabel}（{it.statusSince} 起）· 第 {it.version} 版 · 要素完整度 {it.score} 分</p>
      {p.canEdit && it.status !== 'cancelled' ? <p className="gk-button-group"><Button href={`/admin/services/${it.id}/edit`}>修改要素</Button><Button href="#status-form" variant="secondary">变更状态</Button></p> : null}
      {it.completeness.length > 0 && (
        <div className="gk-notice gk-notice--warning" role="status">
          <h2>要素不完整</h2>
          <ul>{it.completeness.map((c) => <li key={c.rule}><a href={`#field-el.${c.element}`}>{c.message}</a></li>)}</ul>
        </div>
      )}
      <h2>事项要素</h2>
      <table className="gk-table">
        <tbody>
          {it.schema.map((e) => (
            <tr key={e.key} id={`field-el.${e.key}`}>
              <th scope="row">{e.label}{p.canEdit && it.status !== 'cancelled' ? <> <a href={`/admin/services/${it.id}/edit#field-el.${e.key}`} className="gk-link-small">修改<span className="gk-visually-hidden">{e.label}</span></a></> : null}</th>
              <td>{e.kind === 'materials' && Array.isArray(it.values[e.key])
                ? <ol>{(it.values[e.key] as Material[]).map((m, n) => <li key={n}>{displayValue({ ...e, kind: 'materials' }, [m]).replace(/^1\. /, '')}</li>)}</ol>
                : displayValue(e, it.values[e.key]) || '（未填写）'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {it.implementations.length > 0 && (
        <>
          <h2>街道、社区实施情况</h2>
          <ul>{it.implementations.map((k) => <li key={k.id}><a href={`/admin/services/${k.id}`}>{k.agency}（{k.levelLabel}，{k.code}，{k.statusLabel}）</a></li>)}</ul>
        </>
      )}
      {p.canEdit && it.status !== 'cancelled' ? <MaterialFilesForm csrfToken={p.shell.csrfToken} id={it.id} version={it.version} stored={p.storedFiles} materials={Array.isArray(it.values.materials) ? (it.values.materials as Material[]) : []} {...(p.files ? { fields: p.files.fields, errors: p.files.errors } : {})} /> : null}
      {p.canEdit && it.status !== 'cancelled' ? <StatusForm csrfToken={p.shell.csrfToken} id={it.id} version={it.version} current={it.status} {...(p.status ? { fields: p.status.fields, errors: p.status.errors } : {})} /> : null}
      <h2>变更历史</h2>
      <table className="gk-table">
        <thead><tr><th scope="col">版本</th><th scope="col">时间</th><th scope="col">修改人</th><th scope="col">修改内容</th><th scope="col">原因</th></tr></thead>
        <tbody>
          {it.history.map((h) => (
            <tr key={h.version}>
              <td>{h.version}</td><td>{h.at.slice(0, 16).replace('T', ' ')}</td><td>{h.actor}</td>
              <td>{h.status ? `状态：${({ active: '在用', suspended: '暂停', cancelled: '取消' } as Record<string, string>)[h.status]}（${h.effectiveOn} 生效）` : ''}{h.kind === 'create' ? `新建（${h.changes.length} 项要素）` : h.changes.map((c) => `${c.label}：${c.before || '（空）'} → ${c.after || '（空）'}`).join('；')}</td>
              <td>{h.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

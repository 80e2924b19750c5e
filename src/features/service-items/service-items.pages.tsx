// Back-office pages of the service-item catalogue: the list (paged, filters in the URL) and one item — every element
// (each with the anchor `field-el.<key>` the item_mismatch work item links to, and for an editor a link to correct it),
// completeness problems, the units implementing it, the status form and the change history.
import { AdminLayout, Button, Pagination, type AdminShell } from '../../ui/index.ts';
import { materialLine, shownValue, siT } from './service-items.i18n.ts';
import { MaterialFilesForm, StatusForm } from './service-items.form-pages.tsx';
import type { FormFields } from './service-items.forms.ts';
import type { Material } from '../../core/service-items/index.ts';
import type { ItemDetail, ItemSummary } from './service-items.service.ts';

export function ServiceItemListPage(p: { shell: AdminShell; items: ItemSummary[]; total: number; page: number; pageSize: number; q: string; canCreate: boolean }) {
  const locale = p.shell.locale;
  const T = siT(locale);
  return (
    <AdminLayout {...p.shell} active="services" title={T('title')}>
      <h1>{T('title')}</h1>
      <p className="gk-button-group">
        {p.canCreate ? <Button href="/admin/services/new">{T('list.new')}</Button> : null}
        <Button href="/admin/services/check" variant="secondary">{T('list.check')}</Button>
        <Button href="/api/service-items/export" variant="secondary">{T('list.export')}</Button>
        {p.canCreate ? <Button href="/admin/services/import" variant="secondary">{T('list.import')}</Button> : null}
        {p.canCreate ? <Button href="/admin/services/cases/import" variant="secondary">{T('list.importCases')}</Button> : null}
      </p>
      <form method="get" action="/admin/services" className="gk-filters">
        <label htmlFor="field-q">{T('list.q')}</label>
        <input id="field-q" name="q" defaultValue={p.q} />
        <button type="submit">{T('list.find')}</button>
      </form>
      <p>{T('list.total', { n: p.total })}</p>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">{T('col.code')}</th><th scope="col">{T('col.name')}</th><th scope="col">{T('col.type')}</th><th scope="col">{T('col.level')}</th><th scope="col">{T('col.agency')}</th><th scope="col">{T('col.status')}</th></tr></thead>
          <tbody>
            {p.items.map((i) => (
              <tr key={i.id}><td>{i.code}</td><td><a href={`/admin/services/${i.id}`}>{i.name}</a></td><td>{i.type}</td><td>{T(`level.${i.level}`)}</td><td>{i.agency}</td><td>{T(`status.${i.status}`)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/services" query={p.q ? { q: p.q } : {}} locale={locale} />
    </AdminLayout>
  );
}

export function ServiceItemPage(p: { shell: AdminShell; item: ItemDetail; canEdit: boolean; storedFiles: ReadonlySet<string>; status?: { fields: FormFields; errors: { field: string; message: string }[] }; files?: { fields: FormFields; errors: { field: string; message: string }[] } }) {
  const it = p.item;
  const locale = p.shell.locale;
  const T = siT(locale);
  return (
    <AdminLayout {...p.shell} active="services" title={it.name}>
      <p><a href="/admin/services">← {T('title')}</a></p>
      <h1>{it.name}</h1>
      <p>{T('item.meta', { level: T(`level.${it.level}`), agency: it.agency, code: it.code, status: T(`status.${it.status}`), since: it.statusSince, version: it.version, score: it.score })}</p>
      {p.canEdit && it.status !== 'cancelled' ? <p className="gk-button-group"><Button href={`/admin/services/${it.id}/edit`}>{T('item.edit')}</Button><Button href="#status-form" variant="secondary">{T('item.changeStatus')}</Button></p> : null}
      {it.completeness.length > 0 && (
        <div className="gk-notice gk-notice--warning" role="status">
          <h2>{T('item.incomplete')}</h2>
          <ul>{it.completeness.map((c) => <li key={c.rule}><a href={`#field-el.${c.element}`}>{c.message}</a></li>)}</ul>
        </div>
      )}
      <h2>{T('item.elements')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <tbody>
            {it.schema.map((e) => (
              <tr key={e.key} id={`field-el.${e.key}`}>
                <th scope="row">{e.label}{p.canEdit && it.status !== 'cancelled' ? <> <a href={`/admin/services/${it.id}/edit#field-el.${e.key}`} className="gk-link-small">{T('item.editElement')}<span className="gk-visually-hidden">{e.label}</span></a></> : null}</th>
                <td>{e.kind === 'materials' && Array.isArray(it.values[e.key])
                  ? <ol>{(it.values[e.key] as Material[]).map((m, n) => <li key={n}>{materialLine(T, m)}</li>)}</ol>
                  : shownValue(T, e, it.values[e.key]) || T('item.notFilled')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {it.implementations.length > 0 && (
        <>
          <h2>{T('item.implementations')}</h2>
          <ul>{it.implementations.map((k) => <li key={k.id}><a href={`/admin/services/${k.id}`}>{T('item.implementation', { agency: k.agency, level: T(`level.${k.level}`), code: k.code, status: T(`status.${k.status}`) })}</a></li>)}</ul>
        </>
      )}
      {p.canEdit && it.status !== 'cancelled' ? <MaterialFilesForm locale={locale} csrfToken={p.shell.csrfToken} id={it.id} version={it.version} stored={p.storedFiles} materials={Array.isArray(it.values.materials) ? (it.values.materials as Material[]) : []} {...(p.files ? { fields: p.files.fields, errors: p.files.errors } : {})} /> : null}
      {p.canEdit && it.status !== 'cancelled' ? <StatusForm locale={locale} csrfToken={p.shell.csrfToken} id={it.id} version={it.version} current={it.status} {...(p.status ? { fields: p.status.fields, errors: p.status.errors } : {})} /> : null}
      <h2>{T('history.title')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">{T('history.version')}</th><th scope="col">{T('history.at')}</th><th scope="col">{T('history.actor')}</th><th scope="col">{T('history.changes')}</th><th scope="col">{T('history.reason')}</th></tr></thead>
          <tbody>
            {it.history.map((h) => (
              <tr key={h.version}>
                <td>{h.version}</td><td>{h.at.slice(0, 16).replace('T', ' ')}</td><td>{h.actor}</td>
                <td>{h.status ? T('history.status', { status: T(`status.${h.status}`), on: String(h.effectiveOn) }) : ''}{h.kind === 'create' ? T('history.created', { n: h.changes.length }) : h.changes.map((c) => T('history.change', { label: c.label, before: c.before || T('history.empty'), after: c.after || T('history.empty') })).join(T('history.separator'))}</td>
                <td>{h.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

// Back-office forms of the service-item catalogue: create an item (a 区 department defines it; a 街道 / 社区 implements
// one of the 区's items), edit its elements (optimistic locking: a stale save comes back with the user's input and the
// newer version), change its status with the date it takes effect, and the three-level check with the must-match set.
// Every form posts to a page route whose API twin is createServiceItem / updateServiceItem / setServiceItemMustMatch.
import type { ReactNode } from 'react';
import { AdminLayout, Button, Checkboxes, CsrfField, DateField, ErrorSummary, FileField, Notice, Select, TextField, Textarea, errorFor, type AdminShell } from '../../ui/index.ts';
import { MATERIAL_FORMS, MATERIAL_SOURCES, NECESSITY, TIME_UNITS, type ElementDef } from '../../core/service-items/index.ts';
import { rowCount, type FormFields } from './service-items.forms.ts';
import type { ConsistencyResult } from './service-items.service.ts';
import { siT, valueOptions, type SiT } from './service-items.i18n.ts';
import type { Locale } from '../../ui/i18n.ts';

type Errors = readonly { field: string; message: string }[];
const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** One element as form controls; the group carries `field-el.<key>` so the error summary and work items link to it. */
function ElementField({ e, f, errors, locale }: { e: ElementDef; f: FormFields; errors: Errors | undefined; locale: Locale }) {
  const T = siT(locale);
  const name = `el.${e.key}`;
  const err = errorFor(errors, name);
  const req = e.required ? true : false;
  switch (e.kind) {
    case 'longtext':
      return <Textarea name={name} label={e.label} hint={e.help} value={f[name]} error={err} required={req} rows={4} maxLength={20000} locale={locale} />;
    case 'choice':
      return <Select name={name} label={e.label} hint={e.help} options={opts(e.options ?? [])} value={f[name] ?? ''} placeholder={T('form.choose')} error={err} required={req} locale={locale} />;
    case 'yesno':
      return <Select name={name} label={e.label} options={[{ value: '是', label: T('form.yes') }, { value: '否', label: T('form.no') }]} value={f[name] ?? ''} placeholder={T('form.choose')} error={err} required={req} locale={locale} />;
    case 'integer':
      return <TextField name={name} label={e.label} hint={e.help ?? T('form.integerHint')} value={f[name]} error={err} inputMode="numeric" className="gk-width-5" maxLength={4} required={req} locale={locale} />;
    case 'url':
      return <TextField name={name} label={e.label} hint={T('form.urlHint')} value={f[name]} error={err} type="url" required={req} locale={locale} />;
    case 'timeLimit':
      return (
        <div className={err ? 'gk-form-group gk-form-group--error' : 'gk-form-group'} id={`field-${name}`} tabIndex={-1}>
          <fieldset className="gk-fieldset">
            <legend className="gk-fieldset__legend">{e.label}</legend>
            <div className="gk-hint">{T('form.timeLimitHint')}</div>
            {err ? <p className="gk-error-message"><span className="gk-error-message__prefix">{T('form.errorPrefix')}</span>{err}</p> : null}
            <TextField name={`${name}.amount`} label={T('form.timeLimit')} value={f[`${name}.amount`]} className="gk-width-5" maxLength={40} locale={locale} />
            <Select name={`${name}.unit`} label={T('form.unit')} options={valueOptions(T, TIME_UNITS)} value={f[`${name}.unit`] ?? '工作日'} locale={locale} />
          </fieldset>
        </div>
      );
    case 'materials':
      return <MaterialsField name={name} label={e.label} f={f} err={err} rows={rowCount(f, e.key)} T={T} locale={locale} />;
    case 'faq':
      return <FaqField name={name} label={e.label} f={f} err={err} rows={rowCount(f, e.key)} T={T} locale={locale} />;
    default:
      return <TextField name={name} label={e.label} hint={e.help} value={f[name]} error={err} maxLength={500} required={req} locale={locale} />;
  }
}

function Group({ name, label, err, hint, T, children }: { name: string; label: string; err: string | undefined; hint: string; T: SiT; children: ReactNode }) {
  return (
    <div className={err ? 'gk-form-group gk-form-group--error' : 'gk-form-group'} id={`field-${name}`} tabIndex={-1}>
      <fieldset className="gk-fieldset">
        <legend className="gk-fieldset__legend">{label}</legend>
        <div className="gk-hint">{hint}</div>
        {err ? <p className="gk-error-message"><span className="gk-error-message__prefix">{T('form.errorPrefix')}</span>{err}</p> : null}
        {children}
      </fieldset>
    </div>
  );
}

function MaterialsField({ name, label, f, err, rows, T, locale }: { name: string; label: string; f: FormFields; err: string | undefined; rows: number; T: SiT; locale: Locale }) {
  return (
    <Group name={name} label={label} err={err} hint={T('form.materialsHint')} T={T}>
      {Array.from({ length: rows }, (_, n) => {
        const p = `${name}.${n}`;
        return (
          <div key={n} className="gk-repeat-row">
            <p className="gk-hint">{T('form.row', { n: n + 1 })}</p>
            <TextField name={`${p}.name`} label={T('form.material.name')} value={f[`${p}.name`]} maxLength={300} locale={locale} />
            <Select name={`${p}.necessity`} label={T('form.material.necessity')} options={valueOptions(T, NECESSITY)} value={f[`${p}.necessity`] ?? '必要'} locale={locale} />
            <Select name={`${p}.form`} label={T('form.material.form')} options={valueOptions(T, MATERIAL_FORMS)} value={f[`${p}.form`] ?? '纸质'} locale={locale} />
            <Select name={`${p}.source`} label={T('form.material.source')} options={valueOptions(T, MATERIAL_SOURCES)} value={f[`${p}.source`] ?? '申请人自备'} locale={locale} />
            <TextField name={`${p}.copies`} label={T('form.material.copies')} value={f[`${p}.copies`] ?? '1'} inputMode="numeric" className="gk-width-3" maxLength={3} locale={locale} />
            <TextField name={`${p}.blankForm`} label={T('form.material.blankForm')} hint={T('form.material.blankFormHint')} value={f[`${p}.blankForm`]} maxLength={200} locale={locale} />
            <TextField name={`${p}.sample`} label={T('form.material.sample')} value={f[`${p}.sample`]} maxLength={200} locale={locale} />
            <TextField name={`${p}.basis`} label={T('form.material.basis')} value={f[`${p}.basis`]} maxLength={500} locale={locale} />
          </div>
        );
      })}
    </Group>
  );
}

function FaqField({ name, label, f, err, rows, T, locale }: { name: string; label: string; f: FormFields; err: string | undefined; rows: number; T: SiT; locale: Locale }) {
  return (
    <Group name={name} label={label} err={err} hint={T('form.faqHint')} T={T}>
      {Array.from({ length: rows }, (_, n) => (
        <div key={n} className="gk-repeat-row">
          <TextField name={`${name}.${n}.q`} label={T('form.question', { n: n + 1 })} value={f[`${name}.${n}.q`]} maxLength={500} locale={locale} />
          <Textarea name={`${name}.${n}.a`} label={T('form.answer', { n: n + 1 })} value={f[`${name}.${n}.a`]} rows={2} maxLength={5000} locale={locale} />
        </div>
      ))}
    </Group>
  );
}

export interface ItemFormProps {
  shell: AdminShell;
  schema: readonly ElementDef[];
  fields: FormFields;
  errors?: Errors;
  /** create: the 区 department defines; a 街道 / 社区 picks the item it implements */
  mode: { kind: 'create'; level: 'district' | 'street' | 'community'; parents: readonly { id: number; label: string }[] } | { kind: 'edit'; id: number; name: string; version: number };
  /** a save that lost against a newer version: the user's input is kept below */
  stale?: { detail: string };
}

export function ServiceItemFormPage(p: ItemFormProps) {
  const m = p.mode;
  const locale = p.shell.locale;
  const T = siT(locale);
  const title = m.kind === 'create' ? (m.level === 'district' ? T('form.titleNew') : T('form.titleImplement')) : T('form.titleEdit', { name: m.name });
  const action = m.kind === 'create' ? '/admin/services' : `/admin/services/${m.id}/edit`;
  const f = p.fields;
  const basic = p.schema.filter((e) => e.group === 'basic');
  const impl = p.schema.filter((e) => e.group === 'impl');
  return (
    <AdminLayout {...p.shell} active="services" title={title}>
      <p><a href={m.kind === 'edit' ? `/admin/services/${m.id}` : '/admin/services'}>← {m.kind === 'edit' ? m.name : T('title')}</a></p>
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} linked={(field) => field !== 'form' && field !== 'version'} />
      {p.stale ? (
        <Notice kind="warning" title={T('form.staleTitle')} locale={locale}>
          <p>{p.stale.detail}</p>
          <p>{T('form.staleBefore')}<a href={m.kind === 'edit' ? `/admin/services/${m.id}` : '/admin/services'} target="_blank" rel="noopener">{T('form.staleLink')}</a>{T('form.staleAfter')}</p>
        </Notice>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={p.shell.csrfToken} />
        {m.kind === 'edit' ? <input type="hidden" name="version" value={String(m.version)} /> : null}
        {m.kind === 'create' && m.level !== 'district' ? (
          <>
            <Select name="parentId" label={T('form.parent')} hint={T('form.parentHint')} options={m.parents.map((x) => ({ value: String(x.id), label: x.label }))} value={f.parentId ?? ''} placeholder={T('form.choose')} error={errorFor(p.errors, 'parentId')} required locale={locale} />
            <TextField name="el.implCode" label={T('form.ownCode')} value={f['el.implCode']} error={errorFor(p.errors, 'el.implCode')} required maxLength={500} locale={locale} />
            <details>
              <summary>{T('form.ownElements')}</summary>
              {impl.filter((e) => e.key !== 'implCode').map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} locale={locale} />)}
            </details>
          </>
        ) : (
          <>
            <h2>{T('form.basic')}</h2>
            {basic.map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} locale={locale} />)}
            <h2>{T('form.impl')}</h2>
            {impl.map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} locale={locale} />)}
          </>
        )}
        {m.kind === 'create' ? <DateField name="statusOn" label={T('form.startOn')} hint={T('form.startOnHint')} value={f.statusOn} error={errorFor(p.errors, 'statusOn')} required={false} locale={locale} /> : null}
        <Textarea name="reason" label={m.kind === 'create' ? T('form.note') : T('form.reason')} hint={m.kind === 'create' ? T('form.noteHint') : T('form.reasonHint')} value={f.reason} error={errorFor(p.errors, 'reason')} required={m.kind === 'edit'} rows={2} maxLength={500} locale={locale} />
        <Button>{m.kind === 'create' ? T('form.saveItem') : T('form.saveChanges')}</Button>
      </form>
    </AdminLayout>
  );
}

/** The status form on the item page (在用 / 暂停 / 取消 with the effective date). */
export function StatusForm(p: { locale?: Locale; csrfToken: string; id: number; version: number; current: string; fields?: FormFields; errors?: Errors }) {
  const f = p.fields ?? {};
  const locale = p.locale ?? 'zh-CN';
  const T = siT(locale);
  const choices = (['active', 'suspended', 'cancelled'] as const).map((value) => ({ value, label: T(`status.${value}`) })).filter((o) => o.value !== p.current);
  return (
    <form method="post" action={`/admin/services/${p.id}/status`} noValidate id="status-form">
      <h2>{T('statusForm.title')}</h2>
      <ErrorSummary errors={p.errors} locale={locale} linked={(field) => ['status', 'statusOn', 'reason'].includes(field)} />
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="version" value={String(p.version)} />
      <Select name="status" label={T('statusForm.status')} options={choices} value={f.status ?? ''} placeholder={T('form.choose')} error={errorFor(p.errors, 'status')} required locale={locale} />
      <DateField name="statusOn" label={T('statusForm.on')} value={f.statusOn} error={errorFor(p.errors, 'statusOn')} required locale={locale} />
      <Textarea name="reason" label={T('form.reason')} hint={T('statusForm.reasonHint')} value={f.reason} error={errorFor(p.errors, 'reason')} required rows={2} maxLength={500} locale={locale} />
      <Button variant="secondary">{T('item.changeStatus')}</Button>
    </form>
  );
}

export function ConsistencyPage(p: { shell: AdminShell; agency: string; result: ConsistencyResult; schema: readonly ElementDef[]; mustMatch: readonly string[]; mustMatchVersion: number; canEditSet: boolean; fields?: FormFields; errors?: Errors; stale?: string }) {
  const r = p.result;
  const locale = p.shell.locale;
  const T = siT(locale);
  return (
    <AdminLayout {...p.shell} active="services" title={T('check.title')}>
      <p><a href="/admin/services">← {T('title')}</a></p>
      <h1>{T('check.heading', { agency: p.agency })}</h1>
      <p>{T('check.intro', { elements: r.mustMatch.map((m) => m.label).join(T('check.listSeparator')) })}</p>
      <h2>{T('check.differences', { n: r.differences.length })}</h2>
      {r.differences.length === 0 ? <p>{T('check.noDifferences')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table" id="differences">
            <thead><tr><th scope="col">{T('check.col.item')}</th><th scope="col">{T('check.col.element')}</th><th scope="col">{T('check.col.values')}</th></tr></thead>
            <tbody>
              {r.differences.map((d) => (
                <tr key={`${d.item}-${d.element}`}>
                  <td><a href={`/admin/services/${d.item}`}>{d.itemName}</a></td>
                  <td>{d.label}</td>
                  <td><ul>{d.values.map((v) => (
                    <li key={v.itemId}>{T('check.value', { agency: v.agency, value: v.value || T('item.notFilled') })}{v.differs ? <> <strong className="gk-tag gk-tag--red">{T('check.differs')}</strong> <a href={`/admin/services/${v.itemId}/edit#field-el.${d.element}`}>{T('check.correct')}</a></> : v.itemId === d.item ? T('check.definedByDistrict') : ''}</li>
                  ))}</ul></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{T('check.scores')}</h2>
      <div className="gk-table-wrap">
        <table className="gk-table" id="scores">
          <thead><tr><th scope="col">{T('check.col.unit')}</th><th scope="col">{T('check.col.score')}</th><th scope="col">{T('check.col.items')}</th><th scope="col">{T('check.col.incomplete')}</th></tr></thead>
          <tbody>{r.scores.map((s) => <tr key={s.agencyId}><td>{s.agency}</td><td>{s.score}</td><td>{s.items}</td><td>{s.incomplete}</td></tr>)}</tbody>
        </table>
      </div>
      <h2>{T('check.mustMatch')}</h2>
      <p className="gk-hint">{T('check.mustMatchHint')}</p>
      {p.stale ? <Notice kind="warning" title={T('check.staleTitle')} locale={locale}>{p.stale}</Notice> : null}
      {p.canEditSet ? (
        <form method="post" action="/admin/services/must-match" noValidate>
          <ErrorSummary errors={p.errors} locale={locale} linked={(f) => f === 'keys'} />
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={String(p.mustMatchVersion)} />
          <Checkboxes name="keys" label={T('check.mustMatchLabel')} options={p.schema.filter((e) => e.kind !== 'faq').map((e) => ({ value: e.key, label: e.label }))} values={p.fields?.keys !== undefined ? p.fields.keys.split(',') : p.mustMatch} error={errorFor(p.errors, 'keys')} locale={locale} />
          <Button variant="secondary">{T('check.save')}</Button>
        </form>
      ) : <ul>{r.mustMatch.map((m) => <li key={m.key}>{m.label}</li>)}</ul>}
    </AdminLayout>
  );
}

/** 空白表格 / 示例样表 of the materials: what is attached (with download and removal) and an upload form. */
export function MaterialFilesForm(p: { locale?: Locale; csrfToken: string; id: number; version: number; materials: readonly { name: string; blankForm: string; sample: string }[]; stored: ReadonlySet<string>; fields?: FormFields; errors?: Errors }) {
  const f = p.fields ?? {};
  const locale = p.locale ?? 'zh-CN';
  const T = siT(locale);
  const attached = p.materials.flatMap((m) => (['blankForm', 'sample'] as const).filter((k) => m[k]).map((k) => ({ material: m.name, kind: k, filename: m[k] })));
  const label = { blankForm: T('files.blankForm'), sample: T('files.sample') } as const;
  return (
    <section aria-labelledby="files-title" id="files-form">
      <h2 id="files-title">{T('files.title')}</h2>
      <ErrorSummary errors={p.errors} locale={locale} idPrefix="files" linked={(field) => ['material', 'kind', 'file'].includes(field)} />
      {attached.length ? (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <caption>{T('files.caption')}</caption>
            <thead><tr><th scope="col">{T('files.col.material')}</th><th scope="col">{T('files.col.kind')}</th><th scope="col">{T('files.col.file')}</th><th scope="col">{T('files.col.action')}</th></tr></thead>
            <tbody>
              {attached.map((a) => (
                <tr key={`${a.material}-${a.kind}`}>
                  <td>{a.material}</td><td>{label[a.kind]}</td>
                  <td>{p.stored.has(a.filename)
                    ? <a href={`/services/${p.id}/files/${encodeURIComponent(a.filename)}`}>{a.filename}</a>
                    : <>{a.filename} <strong className="gk-tag gk-tag--amber">{T('files.missing')}</strong><span className="gk-hint">{T('files.missingHint')}</span></>}</td>
                  <td>
                    <form method="post" action={`/admin/services/${p.id}/files/removal`}>
                      <CsrfField token={p.csrfToken} />
                      <input type="hidden" name="version" value={String(p.version)} />
                      <input type="hidden" name="material" value={a.material} />
                      <input type="hidden" name="kind" value={a.kind} />
                      <Button variant="warning">{T('files.remove')}<span className="gk-visually-hidden">{T('files.removeWhat', { material: a.material, kind: label[a.kind] })}</span></Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{T('files.none')}</p>}
      {p.materials.length ? (
        <form method="post" action={`/admin/services/${p.id}/files`} encType="multipart/form-data" noValidate className="gk-form">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <Select name="material" idPrefix="files" label={T('files.col.material')} options={p.materials.map((m) => ({ value: m.name, label: m.name }))} value={f.material ?? ''} placeholder={T('files.chooseMaterial')} error={errorFor(p.errors, 'material')} required locale={locale} />
          <Select name="kind" idPrefix="files" label={T('files.col.kind')} options={[{ value: 'blankForm', label: label.blankForm }, { value: 'sample', label: label.sample }]} value={f.kind ?? 'blankForm'} error={errorFor(p.errors, 'kind')} required locale={locale} />
          <FileField name="file" idPrefix="files" label={T('files.col.file')} hint={T('files.fileHint')} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" error={errorFor(p.errors, 'file')} required locale={locale} />
          <Button variant="secondary">{T('files.upload')}</Button>
        </form>
      ) : <p>{T('files.noMaterials')}</p>}
    </section>
  );
}

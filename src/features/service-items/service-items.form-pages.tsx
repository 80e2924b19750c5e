// Back-office forms of the service-item catalogue: create an item (a 区 department defines it; a 街道 / 社区 implements
// one of the 区's items), edit its elements (optimistic locking: a stale save comes back with the user's input and the
// newer version), change its status with the date it takes effect, and the three-level check with the must-match set.
// Every form posts to a page route whose API twin is createServiceItem / updateServiceItem / setServiceItemMustMatch.
import type { ReactNode } from 'react';
import { AdminLayout, Button, Checkboxes, CsrfField, DateField, ErrorSummary, FileField, Notice, Select, TextField, Textarea, errorFor, type AdminShell } from '../../ui/index.ts';
import { MATERIAL_FORMS, MATERIAL_SOURCES, NECESSITY, TIME_UNITS, type ElementDef } from '../../core/service-items/index.ts';
import { rowCount, type FormFields } from './service-items.forms.ts';
import type { ConsistencyResult } from './service-items.service.ts';

type Errors = readonly { field: string; message: string }[];
const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** One element as form controls; the group carries `field-el.<key>` so the error summary and work items link to it. */
function ElementField({ e, f, errors }: { e: ElementDef; f: FormFields; errors: Errors | undefined }) {
  const name = `el.${e.key}`;
  const err = errorFor(errors, name);
  const req = e.required ? true : false;
  switch (e.kind) {
    case 'longtext':
      return <Textarea name={name} label={e.label} hint={e.help} value={f[name]} error={err} required={req} rows={4} maxLength={20000} />;
    case 'choice':
      return <Select name={name} label={e.label} hint={e.help} options={opts(e.options ?? [])} value={f[name] ?? ''} placeholder="请选择" error={err} required={req} />;
    case 'yesno':
      return <Select name={name} label={e.label} options={opts(['是', '否'])} value={f[name] ?? ''} placeholder="请选择" error={err} required={req} />;
    case 'integer':
      return <TextField name={name} label={e.label} hint={e.help ?? '整数，例如 0 或 1'} value={f[name]} error={err} inputMode="numeric" className="gk-width-5" maxLength={4} required={req} />;
    case 'url':
      return <TextField name={name} label={e.label} hint="以 http:// 或 https:// 开头" value={f[name]} error={err} type="url" required={req} />;
    case 'timeLimit':
      return (
        <div className={err ? 'gk-form-group gk-form-group--error' : 'gk-form-group'} id={`field-${name}`} tabIndex={-1}>
          <fieldset className="gk-fieldset">
            <legend className="gk-fieldset__legend">{e.label}</legend>
            <div className="gk-hint">时限填数字（例如 5）；“即时”等文字也可保存，但要素完整度检查会提示</div>
            {err ? <p className="gk-error-message"><span className="gk-error-message__prefix">错误：</span>{err}</p> : null}
            <TextField name={`${name}.amount`} label="时限" value={f[`${name}.amount`]} className="gk-width-5" maxLength={40} />
            <Select name={`${name}.unit`} label="单位" options={opts(TIME_UNITS)} value={f[`${name}.unit`] ?? '工作日'} />
          </fieldset>
        </div>
      );
    case 'materials':
      return <MaterialsField name={name} label={e.label} f={f} err={err} rows={rowCount(f, e.key)} />;
    case 'faq':
      return <FaqField name={name} label={e.label} f={f} err={err} rows={rowCount(f, e.key)} />;
    default:
      return <TextField name={name} label={e.label} hint={e.help} value={f[name]} error={err} maxLength={500} required={req} />;
  }
}

function Group({ name, label, err, hint, children }: { name: string; label: string; err: string | undefined; hint: string; children: ReactNode }) {
  return (
    <div className={err ? 'gk-form-group gk-form-group--error' : 'gk-form-group'} id={`field-${name}`} tabIndex={-1}>
      <fieldset className="gk-fieldset">
        <legend className="gk-fieldset__legend">{label}</legend>
        <div className="gk-hint">{hint}</div>
        {err ? <p className="gk-error-message"><span className="gk-error-message__prefix">错误：</span>{err}</p> : null}
        {children}
      </fieldset>
    </div>
  );
}

function MaterialsField({ name, label, f, err, rows }: { name: string; label: string; f: FormFields; err: string | undefined; rows: number }) {
  return (
    <Group name={name} label={label} err={err} hint="每行一项材料；名称留空的行不保存。需要更多行时先保存，保存后会再多出两行空行。">
      {Array.from({ length: rows }, (_, n) => {
        const p = `${name}.${n}`;
        return (
          <div key={n} className="gk-repeat-row">
            <p className="gk-hint">第 {n + 1} 项</p>
            <TextField name={`${p}.name`} label="材料名称" value={f[`${p}.name`]} maxLength={300} />
            <Select name={`${p}.necessity`} label="必要性" options={opts(NECESSITY)} value={f[`${p}.necessity`] ?? '必要'} />
            <Select name={`${p}.form`} label="材料形式" options={opts(MATERIAL_FORMS)} value={f[`${p}.form`] ?? '纸质'} />
            <Select name={`${p}.source`} label="来源渠道" options={opts(MATERIAL_SOURCES)} value={f[`${p}.source`] ?? '申请人自备'} />
            <TextField name={`${p}.copies`} label="份数" value={f[`${p}.copies`] ?? '1'} inputMode="numeric" className="gk-width-3" maxLength={3} />
            <TextField name={`${p}.blankForm`} label="空白表格文件名" hint="已上传到本事项的文件名，没有则留空" value={f[`${p}.blankForm`]} maxLength={200} />
            <TextField name={`${p}.sample`} label="示例样表文件名" value={f[`${p}.sample`]} maxLength={200} />
            <TextField name={`${p}.basis`} label="填报依据" value={f[`${p}.basis`]} maxLength={500} />
          </div>
        );
      })}
    </Group>
  );
}

function FaqField({ name, label, f, err, rows }: { name: string; label: string; f: FormFields; err: string | undefined; rows: number }) {
  return (
    <Group name={name} label={label} err={err} hint="问题和解答都留空的行不保存。">
      {Array.from({ length: rows }, (_, n) => (
        <div key={n} className="gk-repeat-row">
          <TextField name={`${name}.${n}.q`} label={`问题 ${n + 1}`} value={f[`${name}.${n}.q`]} maxLength={500} />
          <Textarea name={`${name}.${n}.a`} label={`解答 ${n + 1}`} value={f[`${name}.${n}.a`]} rows={2} maxLength={5000} />
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
  const title = m.kind === 'create' ? (m.level === 'district' ? '新增政务服务事项' : '实施区级部门的事项') : `修改事项要素：${m.name}`;
  const action = m.kind === 'create' ? '/admin/services' : `/admin/services/${m.id}/edit`;
  const f = p.fields;
  const basic = p.schema.filter((e) => e.group === 'basic');
  const impl = p.schema.filter((e) => e.group === 'impl');
  return (
    <AdminLayout {...p.shell} active="services" title={title}>
      <p><a href={m.kind === 'edit' ? `/admin/services/${m.id}` : '/admin/services'}>← {m.kind === 'edit' ? m.name : '政务服务事项'}</a></p>
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} linked={(field) => field !== 'form' && field !== 'version'} />
      {p.stale ? (
        <Notice kind="warning" title="您的修改尚未保存：他人已在此期间修改了该事项">
          <p>{p.stale.detail}</p>
          <p>您填写的内容仍保留在下方。请先<a href={m.kind === 'edit' ? `/admin/services/${m.id}` : '/admin/services'} target="_blank" rel="noopener">查看最新版本（新窗口）</a>，确认后再点击“保存修改”，将以下内容保存为新版本。</p>
        </Notice>
      ) : null}
      <form method="post" action={action} noValidate>
        <CsrfField token={p.shell.csrfToken} />
        {m.kind === 'edit' ? <input type="hidden" name="version" value={String(m.version)} /> : null}
        {m.kind === 'create' && m.level !== 'district' ? (
          <>
            <Select name="parentId" label="实施的区级事项" hint="街道、社区实施区级部门确定的事项；下面未填写的要素沿用区级部门的内容" options={m.parents.map((x) => ({ value: String(x.id), label: x.label }))} value={f.parentId ?? ''} placeholder="请选择" error={errorFor(p.errors, 'parentId')} required />
            <TextField name="el.implCode" label="本单位的实施编码" value={f['el.implCode']} error={errorFor(p.errors, 'el.implCode')} required maxLength={500} />
            <details>
              <summary>本单位不同于区级部门的要素（办理地点、咨询方式等）</summary>
              {impl.filter((e) => e.key !== 'implCode').map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} />)}
            </details>
          </>
        ) : (
          <>
            <h2>基本目录</h2>
            {basic.map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} />)}
            <h2>实施清单</h2>
            {impl.map((e) => <ElementField key={e.key} e={e} f={f} errors={p.errors} />)}
          </>
        )}
        {m.kind === 'create' ? <DateField name="statusOn" label="启用日期" hint="事项开始在用的日期，例如 2019-04-01；不填为今天" value={f.statusOn} error={errorFor(p.errors, 'statusOn')} required={false} /> : null}
        <Textarea name="reason" label={m.kind === 'create' ? '说明' : '变更原因'} hint={m.kind === 'create' ? '例如：依据省级基本目录新增' : '记入变更历史，例如：依据新修订的条例调整承诺时限'} value={f.reason} error={errorFor(p.errors, 'reason')} required={m.kind === 'edit'} rows={2} maxLength={500} />
        <Button>{m.kind === 'create' ? '保存事项' : '保存修改'}</Button>
      </form>
    </AdminLayout>
  );
}

/** The status form on the item page (在用 / 暂停 / 取消 with the effective date). */
export function StatusForm(p: { csrfToken: string; id: number; version: number; current: string; fields?: FormFields; errors?: Errors }) {
  const f = p.fields ?? {};
  const choices = [{ value: 'active', label: '在用' }, { value: 'suspended', label: '暂停' }, { value: 'cancelled', label: '取消' }].filter((o) => o.value !== p.current);
  return (
    <form method="post" action={`/admin/services/${p.id}/status`} noValidate id="status-form">
      <h2>变更事项状态</h2>
      <ErrorSummary errors={p.errors} linked={(field) => ['status', 'statusOn', 'reason'].includes(field)} />
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="version" value={String(p.version)} />
      <Select name="status" label="新状态" options={choices} value={f.status ?? ''} placeholder="请选择" error={errorFor(p.errors, 'status')} required />
      <DateField name="statusOn" label="生效日期" value={f.statusOn} error={errorFor(p.errors, 'statusOn')} required />
      <Textarea name="reason" label="变更原因" hint="例如：依据省政府决定取消" value={f.reason} error={errorFor(p.errors, 'reason')} required rows={2} maxLength={500} />
      <Button variant="secondary">变更状态</Button>
    </form>
  );
}

export function ConsistencyPage(p: { shell: AdminShell; agency: string; result: ConsistencyResult; schema: readonly ElementDef[]; mustMatch: readonly string[]; mustMatchVersion: number; canEditSet: boolean; fields?: FormFields; errors?: Errors; stale?: string }) {
  const r = p.result;
  return (
    <AdminLayout {...p.shell} active="services" title="三级一致性检查">
      <p><a href="/admin/services">← 政务服务事项</a></p>
      <h1>三级一致性检查：{p.agency}</h1>
      <p>比较区级部门确定的事项与街道、社区实施清单中必须一致的要素（{r.mustMatch.map((m) => m.label).join('、')}）。</p>
      <h2>不一致的要素（{r.differences.length} 处）</h2>
      {r.differences.length === 0 ? <p>没有不一致的要素。</p> : (
        <table className="gk-table" id="differences">
          <thead><tr><th scope="col">事项</th><th scope="col">要素</th><th scope="col">各单位的值</th></tr></thead>
          <tbody>
            {r.differences.map((d) => (
              <tr key={`${d.item}-${d.element}`}>
                <td><a href={`/admin/services/${d.item}`}>{d.itemName}</a></td>
                <td>{d.label}</td>
                <td><ul>{d.values.map((v) => (
                  <li key={v.itemId}>{v.agency}：{v.value || '（未填写）'}{v.differs ? <> <strong className="gk-tag gk-tag--red">不一致</strong> <a href={`/admin/services/${v.itemId}/edit#field-el.${d.element}`}>去修改</a></> : v.itemId === d.item ? '（区级部门确定）' : ''}</li>
                ))}</ul></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>要素完整度得分</h2>
      <table className="gk-table" id="scores">
        <thead><tr><th scope="col">单位</th><th scope="col">得分</th><th scope="col">事项数</th><th scope="col">要素不完整的事项</th></tr></thead>
        <tbody>{r.scores.map((s) => <tr key={s.agencyId}><td>{s.agency}</td><td>{s.score}</td><td>{s.items}</td><td>{s.incomplete}</td></tr>)}</tbody>
      </table>
      <h2>必须一致的要素</h2>
      <p className="gk-hint">默认为“三级十同”的十项要素（官方清单尚待确认），由政务公开主管部门调整。</p>
      {p.stale ? <Notice kind="warning" title="未保存：他人已修改了必须一致的要素">{p.stale}</Notice> : null}
      {p.canEditSet ? (
        <form method="post" action="/admin/services/must-match" noValidate>
          <ErrorSummary errors={p.errors} linked={(f) => f === 'keys'} />
          <CsrfField token={p.shell.csrfToken} />
          <input type="hidden" name="version" value={String(p.mustMatchVersion)} />
          <Checkboxes name="keys" label="在区、街道、社区之间必须一致的要素" options={p.schema.filter((e) => e.kind !== 'faq').map((e) => ({ value: e.key, label: e.label }))} values={p.fields?.keys !== undefined ? p.fields.keys.split(',') : p.mustMatch} error={errorFor(p.errors, 'keys')} />
          <Button variant="secondary">保存必须一致的要素</Button>
        </form>
      ) : <ul>{r.mustMatch.map((m) => <li key={m.key}>{m.label}</li>)}</ul>}
    </AdminLayout>
  );
}

/** 空白表格 / 示例样表 of the materials: what is attached (with download and removal) and an upload form. */
export function MaterialFilesForm(p: { csrfToken: string; id: number; version: number; materials: readonly { name: string; blankForm: string; sample: string }[]; stored: ReadonlySet<string>; fields?: FormFields; errors?: Errors }) {
  const f = p.fields ?? {};
  const attached = p.materials.flatMap((m) => (['blankForm', 'sample'] as const).filter((k) => m[k]).map((k) => ({ material: m.name, kind: k, filename: m[k] })));
  const label = { blankForm: '空白表格', sample: '示例样表' } as const;
  return (
    <section aria-labelledby="files-title" id="files-form">
      <h2 id="files-title">空白表格和示例样表</h2>
      <ErrorSummary errors={p.errors} idPrefix="files" linked={(field) => ['material', 'kind', 'file'].includes(field)} />
      {attached.length ? (
        <table className="gk-table">
          <caption>材料目录中的空白表格和示例样表（已上传的在办事指南页面和 PDF 中提供下载）</caption>
          <thead><tr><th scope="col">材料</th><th scope="col">类别</th><th scope="col">文件</th><th scope="col">操作</th></tr></thead>
          <tbody>
            {attached.map((a) => (
              <tr key={`${a.material}-${a.kind}`}>
                <td>{a.material}</td><td>{label[a.kind]}</td>
                <td>{p.stored.has(a.filename)
                  ? <a href={`/services/${p.id}/files/${encodeURIComponent(a.filename)}`}>{a.filename}</a>
                  : <>{a.filename} <strong className="gk-tag gk-tag--amber">未上传</strong><span className="gk-hint">（材料目录写了这个文件名，但文件还没有上传：办事指南中显示“请到窗口领取”。请在下方上传。）</span></>}</td>
                <td>
                  <form method="post" action={`/admin/services/${p.id}/files/removal`}>
                    <CsrfField token={p.csrfToken} />
                    <input type="hidden" name="version" value={String(p.version)} />
                    <input type="hidden" name="material" value={a.material} />
                    <input type="hidden" name="kind" value={a.kind} />
                    <Button variant="warning">删除<span className="gk-visually-hidden">{a.material}的{label[a.kind]}</span></Button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>材料目录中还没有空白表格或示例样表。</p>}
      {p.materials.length ? (
        <form method="post" action={`/admin/services/${p.id}/files`} encType="multipart/form-data" noValidate className="gk-form">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <Select name="material" idPrefix="files" label="材料" options={p.materials.map((m) => ({ value: m.name, label: m.name }))} value={f.material ?? ''} placeholder="请选择材料" error={errorFor(p.errors, 'material')} required />
          <Select name="kind" idPrefix="files" label="类别" options={[{ value: 'blankForm', label: '空白表格' }, { value: 'sample', label: '示例样表' }]} value={f.kind ?? 'blankForm'} error={errorFor(p.errors, 'kind')} required />
          <FileField name="file" idPrefix="files" label="文件" hint="PDF、Word（DOCX）、Excel（XLSX）或图片；同名文件会替换原文件" accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg" error={errorFor(p.errors, 'file')} required />
          <Button variant="secondary">上传</Button>
        </form>
      ) : <p>这个事项还没有材料目录：请先在“修改要素”中填写材料，再上传空白表格。</p>}
    </section>
  );
}

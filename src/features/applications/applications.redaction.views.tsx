// The redaction view (区分处理, decision 120): each page of a disclosed file as the original and as it will be
// delivered, side by side (what the reviewer compares before approving); for the officer the suggestions to
// accept or dismiss, a box form per page (a drag on the original fills it), the list of redactions with their
// reasons, the search terms, and the button that makes the redacted copy.
import { AdminLayout, Button, CsrfField, ErrorSummary, Notice, Select, StatusTag, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { REASON_INFO, REDACTION_REASONS } from '../../core/redaction/index.ts';
import type { RedactionView } from './applications.redaction.ts';
import { REDACTION_ROUTES, type RedactionOpName } from './applications.redaction.schema.ts';

const KIND_LABEL: Record<string, string> = { 'id-number': '身份证号', phone: '电话号码', 'bank-card': '银行卡号', email: '电子邮箱', term: '指定词语', box: '划定区域' };
const REASON_OPTIONS = REDACTION_REASONS.map((r) => ({ value: r, label: REASON_INFO[r].label }));

export interface RedactionFormState { form: string; values: Record<string, string>; errors: FieldError[] }

function OpForm(p: { v: RedactionView; shell: AdminShell; op: RedactionOpName; children?: React.ReactNode; button: string; variant?: 'primary' | 'secondary' | 'warning'; extra?: React.ReactNode; id?: string; page?: number }) {
  return (
    <form method="post" action={`/admin/applications/${p.v.applicationId}/disclosures/${p.v.disclosureId}/redaction/${p.op}`} className="gk-redact-form" {...(p.page ? { 'data-redact-form': String(p.page) } : {})} id={p.id}>
      <CsrfField token={p.shell.csrfToken} />
      <input type="hidden" name="version" value={String(p.v.version)} />
      {p.children}
      <Button variant={p.variant ?? 'primary'}>{p.button}</Button>
      {p.extra}
    </form>
  );
}

export function RedactionPage(p: { shell: AdminShell; v: RedactionView; caseCode: string; formState?: RedactionFormState }) {
  const { v, shell } = p;
  const fs = p.formState;
  const err = (form: string, field: string) => (fs && fs.form === form ? fs.errors.find((e) => e.field === field)?.message : undefined);
  const val = (form: string, field: string) => (fs && fs.form === form ? fs.values[field] : undefined);
  const img = (page: number, variant: 'original' | 'redacted') => `/admin/applications/${v.applicationId}/disclosures/${v.disclosureId}/pages/${page}?variant=${variant}&v=${v.version}`;
  return (
    <AdminLayout {...shell} active="applications" title={`区分处理：${v.filename}`}>
      <p><a href={`/admin/applications/${v.applicationId}`}>← 返回申请 {p.caseCode}</a></p>
      {fs ? <ErrorSummary errors={fs.errors} locale={shell.locale} idPrefix="page" linked={() => false} /> : null}
      <h1 className="gk-heading-l">区分处理：{v.filename} {v.frozen ? <StatusTag text="已随答复书出具" tone="green" /> : v.copy ? <StatusTag text="已生成遮盖后的文件" tone="blue" /> : <StatusTag text="尚未生成遮盖后的文件" tone="amber" />}</h1>
      <Notice kind="info" title="只交付遮盖后的文件">
        遮盖后的文件由每一页的图像重新生成：遮盖处涂黑，原件中的文字层、批注、元数据和修订记录都不会带出（决定记录 120）。申请人只能下载遮盖后的文件，原件留在机关内部。坐标以“点”为单位（1/72 英寸），自页面左上角起算。
      </Notice>
      <h2 className="gk-heading-m">区分处理说明（答复书据此生成）</h2>
      <p data-testid="redaction-statement">{v.statement ?? '本文件没有遮盖：全文公开。'}</p>

      {v.canEdit ? (
        <>
          <h2 className="gk-heading-m">遮盖建议（{v.suggestions.length}）</h2>
          {v.suggestions.length === 0 ? <p>没有待处理的建议{v.dismissed ? `（已不采纳 ${v.dismissed} 条）` : ''}。</p> : (
            <ul className="gk-redact-suggestions">
              {v.suggestions.map((s) => (
                <li key={s.key} data-suggestion={s.kind}>
                  <strong>第 {s.page} 页 · {KIND_LABEL[s.kind]}</strong>：<code>{s.text}</code>
                  <OpForm v={v} shell={shell} op="acceptSuggestion" button="采纳并遮盖" id={`accept-${s.key}`}>
                    <input type="hidden" name="key" value={s.key} />
                    <Select name="reason" label="理由" idPrefix={`accept-${s.key}`} options={REASON_OPTIONS} value={val('acceptSuggestion', 'reason') ?? 'art15-privacy'} error={err(`acceptSuggestion:${s.key}`, 'reason')} />
                    <TextField name="otherText" label="其他理由（选“其他理由”时填写）" idPrefix={`accept-${s.key}`} required={false} maxLength={200} error={err(`acceptSuggestion:${s.key}`, 'otherText')} />
                  </OpForm>
                  <OpForm v={v} shell={shell} op="dismissSuggestion" button="不采纳" variant="secondary">
                    <input type="hidden" name="key" value={s.key} />
                  </OpForm>
                </li>
              ))}
            </ul>
          )}
          <OpForm v={v} shell={shell} op="setTerms" button="按这些词语查找" variant="secondary" id="terms">
            <Textarea name="terms" label="要查找的姓名或词语（每行一个，如征求意见的第三方名称）" idPrefix="terms" required={false} value={val('setTerms', 'terms') ?? v.terms.join('\n')} error={err('setTerms', 'terms')} />
          </OpForm>
        </>
      ) : null}

      <h2 className="gk-heading-m">已遮盖（{v.redactions.length} 处）</h2>
      {v.redactions.length === 0 ? <p>尚无遮盖。</p> : (
        <table className="gk-table">
          <thead><tr><th>页</th><th>类型</th><th>理由</th><th>位置（点）</th>{v.canEdit ? <th>操作</th> : null}</tr></thead>
          <tbody>
            {v.redactions.map((r) => (
              <tr key={r.id} data-redaction={r.kind}>
                <td>{r.page}</td><td>{KIND_LABEL[r.kind] ?? r.kind}</td><td>{r.reasonLabel}</td>
                <td>{r.boxes.map((b) => `(${b.x.toFixed(0)}, ${b.y.toFixed(0)}) ${b.w.toFixed(0)}×${b.h.toFixed(0)}`).join('；')}</td>
                {v.canEdit ? <td><OpForm v={v} shell={shell} op="removeRedaction" button="撤销" variant="warning"><input type="hidden" name="redactionId" value={String(r.id)} /></OpForm></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {v.canEdit ? (
        <OpForm v={v} shell={shell} op="makeCopy" button={v.copy ? '重新生成遮盖后的文件' : '生成遮盖后的文件'} id="make-copy">
          <p>{v.copy ? `遮盖后的文件已于 ${v.copy.at.slice(0, 16).replace('T', ' ')} 生成（${Math.ceil(v.copy.size / 1024)} KB）。` : '审核通过时会自动生成；先生成可以让审核人对照已生成的文件。'}</p>
        </OpForm>
      ) : null}

      <h2 className="gk-heading-m">页面对照：原件 | 遮盖后</h2>
      {v.pages.map((pg, i) => {
        const n = i + 1;
        const form = `addBox:${n}`;
        return (
          <section key={n} className="gk-redact-page" aria-label={`第 ${n} 页`}>
            <h3 className="gk-heading-s">第 {n} 页（{pg.w} × {pg.h} 点）</h3>
            <div className="gk-redact-pair">
              <figure><img src={img(n, 'original')} alt={`第 ${n} 页原件`} width={Math.round(pg.w)} height={Math.round(pg.h)} data-redact-page={String(n)} data-page-w={String(pg.w)} data-page-h={String(pg.h)} /><figcaption>原件</figcaption></figure>
              <figure><img src={img(n, 'redacted')} alt={`第 ${n} 页遮盖后`} width={Math.round(pg.w)} height={Math.round(pg.h)} /><figcaption>遮盖后（交付申请人）</figcaption></figure>
            </div>
            {v.canEdit ? (
              <OpForm v={v} shell={shell} op="addBox" button="遮盖此区域" page={n} id={`box-${n}`}>
                <input type="hidden" name="page" value={String(n)} />
                <div className="gk-redact-coords">
                  {(['x', 'y', 'w', 'h'] as const).map((f) => (
                    <TextField key={f} name={f} label={({ x: 'X', y: 'Y', w: '宽', h: '高' })[f]} idPrefix={`box-${n}`} inputMode="decimal" value={val(form, f) ?? ''} error={err(form, f)} />
                  ))}
                </div>
                <Select name="reason" label="理由" idPrefix={`box-${n}`} options={REASON_OPTIONS} value={val(form, 'reason') ?? 'art15-privacy'} error={err(form, 'reason')} />
                <TextField name="otherText" label="其他理由（选“其他理由”时填写）" idPrefix={`box-${n}`} required={false} maxLength={200} value={val(form, 'otherText') ?? ''} error={err(form, 'otherText')} />
              </OpForm>
            ) : null}
          </section>
        );
      })}
    </AdminLayout>
  );
}

export const REDACTION_FLASH: Record<RedactionOpName, string> = Object.fromEntries(Object.entries(REDACTION_ROUTES).map(([k, d]) => [k, d.flash])) as Record<RedactionOpName, string>;

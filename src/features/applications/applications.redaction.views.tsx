// The redaction view (区分处理, decision 120): each page of a disclosed file as the original and as it will be
// delivered, side by side (what the reviewer compares before approving); for the officer the suggestions to
// accept or dismiss, per page a text form (selecting text on the original fills it) and a box form (a drag on the
// original fills it), the list of redactions with their reasons, the search terms, and the button that makes the
// redacted copy. Every string comes from the locale namespace `redaction` (zh-CN, en).
import { AdminLayout, Button, CsrfField, ErrorSummary, Notice, Select, StatusTag, TextField, Textarea, type AdminShell, type FieldError } from '../../ui/index.ts';
import { t, type Locale } from '../../ui/i18n.ts';
import { REDACTION_REASONS } from '../../core/redaction/index.ts';
import type { RedactionItem, RedactionView } from './applications.redaction.ts';
import type { RedactionOpName } from './applications.redaction.schema.ts';

const reasonOptions = (locale: Locale) => REDACTION_REASONS.map((r) => ({ value: r, label: t(locale, `redaction.reasons.${r}`) }));
const kindLabel = (locale: Locale, kind: string) => t(locale, `redaction.kinds.${kind}`);
const reasonLabel = (locale: Locale, r: RedactionItem) => (r.reason === 'other' ? t(locale, 'redaction.otherReason', { text: r.otherText ?? '' }) : t(locale, `redaction.reasons.${r.reason}`));

export interface RedactionFormState { form: string; values: Record<string, string>; errors: FieldError[] }

function OpForm(p: { v: RedactionView; shell: AdminShell; op: RedactionOpName; children?: React.ReactNode; button: string; variant?: 'primary' | 'secondary' | 'warning'; extra?: React.ReactNode; id?: string; data?: Record<string, string> }) {
  return (
    <form method="post" action={`/admin/applications/${p.v.applicationId}/disclosures/${p.v.disclosureId}/redaction/${p.op}`} className="gk-redact-form" {...(p.data ?? {})} id={p.id}>
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
  const L = shell.locale;
  const fs = p.formState;
  const err = (form: string, field: string) => (fs && fs.form === form ? fs.errors.find((e) => e.field === field)?.message : undefined);
  const val = (form: string, field: string) => (fs && fs.form === form ? fs.values[field] : undefined);
  const img = (page: number, variant: 'original' | 'redacted') => `/admin/applications/${v.applicationId}/disclosures/${v.disclosureId}/pages/${page}?variant=${variant}&v=${v.version}`;
  const reasons = reasonOptions(L);
  const reasonFields = (form: string, idPrefix: string) => (
    <>
      <Select name="reason" label={t(L, 'redaction.reason')} idPrefix={idPrefix} options={reasons} value={val(form, 'reason') ?? 'art15-privacy'} error={err(form, 'reason')} locale={L} />
      <TextField name="otherText" label={t(L, 'redaction.otherText')} idPrefix={idPrefix} required={false} maxLength={200} value={val(form, 'otherText') ?? ''} error={err(form, 'otherText')} locale={L} />
    </>
  );
  return (
    <AdminLayout {...shell} active="applications" title={t(L, 'redaction.title', { file: v.filename })}>
      <p><a href={`/admin/applications/${v.applicationId}`}>{t(L, 'redaction.back', { code: p.caseCode })}</a></p>
      {fs ? <ErrorSummary errors={fs.errors} locale={L} idPrefix="page" linked={() => false} /> : null}
      <h1 className="gk-heading-l">{t(L, 'redaction.title', { file: v.filename })} {v.frozen ? <StatusTag text={t(L, 'redaction.tag.frozen')} tone="green" /> : v.copy ? <StatusTag text={t(L, 'redaction.tag.copy')} tone="blue" /> : <StatusTag text={t(L, 'redaction.tag.noCopy')} tone="amber" />}</h1>
      <Notice kind="info" title={t(L, 'redaction.notice.title')} locale={L}>{t(L, 'redaction.notice.body')}</Notice>
      <h2 className="gk-heading-m">{t(L, 'redaction.statementHeading')}</h2>
      {/* the letter's own sentence (a Chinese legal text), shown as the letter will say it */}
      <p data-testid="redaction-statement">{v.statement ?? t(L, 'redaction.noRedaction')}</p>

      {v.canEdit ? (
        <>
          <h2 className="gk-heading-m">{t(L, 'redaction.suggestionsHeading', { n: v.suggestions.length })}</h2>
          {v.suggestions.length === 0 ? <p>{v.dismissed ? t(L, 'redaction.noSuggestionsDismissed', { n: v.dismissed }) : t(L, 'redaction.noSuggestions')}</p> : (
            <ul className="gk-redact-suggestions">
              {v.suggestions.map((s) => (
                <li key={s.key} data-suggestion={s.kind}>
                  <strong>{t(L, 'redaction.suggestionOn', { page: s.page, kind: kindLabel(L, s.kind) })}</strong>：<code>{s.text}</code>
                  <OpForm v={v} shell={shell} op="acceptSuggestion" button={t(L, 'redaction.accept')} id={`accept-${s.key}`}>
                    <input type="hidden" name="key" value={s.key} />
                    {reasonFields(`acceptSuggestion:${s.key}`, `accept-${s.key}`)}
                  </OpForm>
                  <OpForm v={v} shell={shell} op="dismissSuggestion" button={t(L, 'redaction.dismiss')} variant="secondary">
                    <input type="hidden" name="key" value={s.key} />
                  </OpForm>
                </li>
              ))}
            </ul>
          )}
          <OpForm v={v} shell={shell} op="setTerms" button={t(L, 'redaction.termsButton')} variant="secondary" id="terms">
            <Textarea name="terms" label={t(L, 'redaction.terms')} idPrefix="terms" required={false} value={val('setTerms', 'terms') ?? v.terms.join('\n')} error={err('setTerms', 'terms')} locale={L} />
          </OpForm>
        </>
      ) : null}

      <h2 className="gk-heading-m">{t(L, 'redaction.redactedHeading', { n: v.redactions.length })}</h2>
      {v.redactions.length === 0 ? <p>{t(L, 'redaction.noneYet')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table">
            <thead><tr><th>{t(L, 'redaction.col.page')}</th><th>{t(L, 'redaction.col.kind')}</th><th>{t(L, 'redaction.col.reason')}</th><th>{t(L, 'redaction.col.position')}</th>{v.canEdit ? <th>{t(L, 'redaction.col.action')}</th> : null}</tr></thead>
            <tbody>
              {v.redactions.map((r) => (
                <tr key={r.id} data-redaction={r.kind}>
                  <td>{r.page}</td><td>{kindLabel(L, r.kind)}</td><td>{reasonLabel(L, r)}</td>
                  <td>{r.boxes.map((b) => `(${b.x.toFixed(0)}, ${b.y.toFixed(0)}) ${b.w.toFixed(0)}×${b.h.toFixed(0)}`).join('；')}</td>
                  {v.canEdit ? <td><OpForm v={v} shell={shell} op="removeRedaction" button={t(L, 'redaction.remove')} variant="warning"><input type="hidden" name="redactionId" value={String(r.id)} /></OpForm></td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {v.canEdit ? (
        <OpForm v={v} shell={shell} op="makeCopy" button={t(L, v.copy ? 'redaction.remakeCopy' : 'redaction.makeCopy')} id="make-copy">
          <p>{v.copy ? t(L, 'redaction.copyMade', { at: v.copy.at.slice(0, 16).replace('T', ' '), kb: Math.ceil(v.copy.size / 1024) }) : t(L, 'redaction.copyLater')}</p>
        </OpForm>
      ) : null}

      <h2 className="gk-heading-m">{t(L, 'redaction.compareHeading')}</h2>
      {v.pages.map((pg, i) => {
        const n = i + 1;
        const boxForm = `addBox:${n}`;
        const textForm = `addText:${n}`;
        const original = <img src={img(n, 'original')} alt={t(L, 'redaction.originalAlt', { n })} width={Math.round(pg.w)} height={Math.round(pg.h)} data-redact-page={String(n)} data-page-w={String(pg.w)} data-page-h={String(pg.h)} />;
        return (
          <section key={n} className="gk-redact-page" aria-label={t(L, 'redaction.page', { n })}>
            <h3 className="gk-heading-s">{t(L, 'redaction.pageHeading', { n, w: pg.w, h: pg.h })}</h3>
            <div className="gk-redact-pair">
              <figure>
                {v.canEdit ? (
                  // the page's text, invisible over the image: selecting it (script only) fills the text form below
                  <div className="gk-redact-stage" data-redact-stage={String(n)}>
                    {original}
                    <div className="gk-redact-text" hidden data-redact-text={String(n)} data-page-w={String(pg.w)} data-page-h={String(pg.h)}>
                      {(pg.text ?? []).map((it, k) => <span key={k} data-x={String(it.x)} data-y={String(it.y)} data-w={String(it.w)} data-h={String(it.h)}>{it.str}</span>)}
                    </div>
                  </div>
                ) : original}
                <figcaption>{t(L, 'redaction.originalCaption')}</figcaption>
              </figure>
              <figure><img src={img(n, 'redacted')} alt={t(L, 'redaction.redactedAlt', { n })} width={Math.round(pg.w)} height={Math.round(pg.h)} /><figcaption>{t(L, 'redaction.redactedCaption')}</figcaption></figure>
            </div>
            {v.canEdit ? (
              <div className="gk-redact-tools">
                <OpForm v={v} shell={shell} op="addText" button={t(L, 'redaction.text.button')} data={{ 'data-text-form': String(n) }} id={`text-${n}`}>
                  <input type="hidden" name="page" value={String(n)} />
                  <input type="hidden" name="nearX" value={val(textForm, 'nearX') ?? ''} />
                  <input type="hidden" name="nearY" value={val(textForm, 'nearY') ?? ''} />
                  <TextField name="text" label={t(L, 'redaction.text.label')} hint={t(L, 'redaction.text.hint')} idPrefix={`text-${n}`} maxLength={200} value={val(textForm, 'text') ?? ''} error={err(textForm, 'text')} locale={L} />
                  {reasonFields(textForm, `text-${n}`)}
                </OpForm>
                <OpForm v={v} shell={shell} op="addBox" button={t(L, 'redaction.box.button')} data={{ 'data-redact-form': String(n) }} id={`box-${n}`}>
                  <input type="hidden" name="page" value={String(n)} />
                  <p className="gk-hint">{t(L, 'redaction.box.hint')}</p>
                  <div className="gk-redact-coords">
                    {(['x', 'y', 'w', 'h'] as const).map((f) => (
                      <TextField key={f} name={f} label={t(L, `redaction.box.${f}`)} idPrefix={`box-${n}`} inputMode="decimal" value={val(boxForm, f) ?? ''} error={err(boxForm, f)} locale={L} />
                    ))}
                  </div>
                  {reasonFields(boxForm, `box-${n}`)}
                </OpForm>
              </div>
            ) : null}
          </section>
        );
      })}
    </AdminLayout>
  );
}

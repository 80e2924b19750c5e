// Form kit with GOV.UK habits (ui.md "Forms"): label above the field, hint under the label,
// the field's own message in words (not only colour), autocomplete where it applies,
// and the submitted value echoed back so nothing typed is lost.
// Every field's element id is `field-<name>` — or `field-<idPrefix>-<name>` when one page holds several
// forms with the same field names (the case page's action forms); ErrorSummary links to it.
import type { ReactNode } from 'react';
import type { FieldError, Locale } from '../types.ts';
import { t } from '../i18n.ts';

export function fieldId(name: string, idPrefix?: string): string {
  return idPrefix ? `field-${idPrefix}-${name}` : `field-${name}`;
}

/** The message for one field, if any. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

/**
 * The list of problems above a form, each linked to its field. `idPrefix`: the fields' id prefix (see
 * fieldId). An error whose field is not on the form (e.g. a stale version) is listed without a link.
 */
export function ErrorSummary({ errors, locale = 'zh-CN', idPrefix, linked }: { errors: readonly FieldError[] | undefined; locale?: Locale; idPrefix?: string; linked?: (field: string) => boolean }) {
  if (!errors || errors.length === 0) return null;
  const titleId = idPrefix ? `error-summary-title-${idPrefix}` : 'error-summary-title';
  return (
    <div className="gk-error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} data-gk-error-summary="">
      <h2 className="gk-error-summary__title" id={titleId}>
        {t(locale, 'common.errorSummary.title')}
      </h2>
      <ul className="gk-error-summary__list">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {linked && !linked(e.field) ? e.message : <a href={`#${fieldId(e.field, idPrefix)}`}>{e.message}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface BaseFieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  locale?: Locale;
  /** extra class on the form group, e.g. 'gk-width-10' */
  className?: string;
  /** id prefix when a page holds several forms with the same field names: ids become `field-<idPrefix>-<name>` */
  idPrefix?: string;
}

function describedBy(id: string, hint?: string, error?: string, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  if (!hint) return null;
  return (
    <div className="gk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  );
}

function ErrorMessage({ id, error, locale = 'zh-CN' }: { id: string; error?: string; locale?: Locale }) {
  if (!error) return null;
  return (
    <p className="gk-error-message" id={`${id}-error`}>
      <span className="gk-error-message__prefix">{t(locale, 'common.errorPrefix')}</span>
      {error}
    </p>
  );
}

function groupClass(error?: string, extra?: string): string {
  return ['gk-form-group', error ? 'gk-form-group--error' : '', extra ?? ''].filter(Boolean).join(' ');
}

function Label({ id, label, required, locale = 'zh-CN' }: { id: string; label: string; required?: boolean; locale?: Locale }) {
  return (
    <label className="gk-label" htmlFor={id}>
      {label}
      {required === false ? <span className="gk-optional">{t(locale, 'common.optional')}</span> : null}
    </label>
  );
}

export interface TextFieldProps extends BaseFieldProps {
  value?: string | null;
  type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'search' | 'url';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search';
  maxLength?: number;
  spellCheck?: boolean;
  /** shown but not editable (still submitted) */
  readOnly?: boolean;
}

export function TextField(p: TextFieldProps) {
  // Passwords are never echoed back.
  const value = p.type === 'password' ? undefined : (p.value ?? '');
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label id={id} label={p.label} required={p.required} locale={p.locale} />
      <Hint id={id} hint={p.hint} />
      <ErrorMessage id={id} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-input gk-input--error' : 'gk-input'}
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        defaultValue={value}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        spellCheck={p.spellCheck}
        readOnly={p.readOnly || undefined}
        required={p.required || undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      />
    </div>
  );
}

export interface TextareaProps extends BaseFieldProps {
  value?: string | null;
  rows?: number;
  maxLength?: number;
  autoComplete?: string;
  /**
   * Show a character count under the box (needs maxLength). Without JavaScript it states the limit, which
   * the server enforces; site.js turns it into a live count ("还可以输入 N 个字" / "已超出 N 个字"). The box
   * then has no maxlength attribute, so pasted text is never cut off silently: the count and the server say
   * how much to shorten.
   */
  showCount?: boolean;
}

export function Textarea(p: TextareaProps) {
  const id = fieldId(p.name, p.idPrefix);
  const locale = p.locale ?? 'zh-CN';
  const count = p.showCount && p.maxLength ? p.maxLength : undefined;
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label id={id} label={p.label} required={p.required} locale={p.locale} />
      <Hint id={id} hint={p.hint} />
      <ErrorMessage id={id} error={p.error} locale={p.locale} />
      <textarea
        className={p.error ? 'gk-textarea gk-input--error' : 'gk-textarea'}
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        maxLength={count ? undefined : p.maxLength}
        autoComplete={p.autoComplete}
        required={p.required || undefined}
        defaultValue={p.value ?? ''}
        aria-describedby={describedBy(id, p.hint, p.error, count ? `${id}-count` : undefined)}
        aria-invalid={p.error ? true : undefined}
        data-gk-count-max={count}
      />
      {count ? (
        <div
          className="gk-hint gk-char-count"
          id={`${id}-count`}
          aria-live="polite"
          data-gk-count-for={id}
          data-gk-count-under={t(locale, 'common.charCount.remaining')}
          data-gk-count-over={t(locale, 'common.charCount.over')}
        >
          {t(locale, 'common.charCount.limit', { max: count })}
        </div>
      ) : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export interface SelectProps extends BaseFieldProps {
  options: readonly Option[];
  value?: string | null;
  /** a first, empty choice such as "请选择" */
  placeholder?: string;
  autoComplete?: string;
}

export function Select(p: SelectProps) {
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label id={id} label={p.label} required={p.required} locale={p.locale} />
      <Hint id={id} hint={p.hint} />
      <ErrorMessage id={id} error={p.error} locale={p.locale} />
      <select
        className={p.error ? 'gk-select gk-input--error' : 'gk-select'}
        id={id}
        name={p.name}
        autoComplete={p.autoComplete}
        defaultValue={p.value ?? ''}
        required={p.required || undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      >
        {p.placeholder !== undefined ? (
          <option value="">
            {p.placeholder}
          </option>
        ) : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceGroupProps extends BaseFieldProps {
  options: readonly Option[];
  inline?: boolean;
}

/** The first choice carries `field-<name>` so that the error summary link lands on it. */
function choiceId(name: string, i: number, idPrefix?: string): string {
  return i === 0 ? fieldId(name, idPrefix) : `${fieldId(name, idPrefix)}-${i + 1}`;
}

function ChoiceGroup(p: ChoiceGroupProps & { type: 'radio' | 'checkbox'; isChecked: (v: string) => boolean }) {
  const cls = p.type === 'radio' ? 'gk-radios' : 'gk-checkboxes';
  const id0 = fieldId(p.name, p.idPrefix);
  return (
    <div className={groupClass(p.error, p.className)}>
      <fieldset className="gk-fieldset" aria-describedby={describedBy(id0, p.hint, p.error)}>
        <legend className="gk-fieldset__legend">
          {p.label}
          {p.required === false ? <span className="gk-optional">{t(p.locale ?? 'zh-CN', 'common.optional')}</span> : null}
        </legend>
        <Hint id={id0} hint={p.hint} />
        <ErrorMessage id={id0} error={p.error} locale={p.locale} />
        <div className={p.inline ? `${cls} ${cls}--inline` : cls}>
          {p.options.map((o, i) => {
            const id = choiceId(p.name, i, p.idPrefix);
            return (
              <div className={`${cls}__item`} key={o.value}>
                <input
                  className={`${cls}__input`}
                  id={id}
                  name={p.name}
                  type={p.type}
                  value={o.value}
                  defaultChecked={p.isChecked(o.value)}
                  aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                />
                <label className={`${cls}__label`} htmlFor={id}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div className={`gk-hint ${cls}__hint`} id={`${id}-item-hint`}>
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios(p: ChoiceGroupProps & { value?: string | null }) {
  return <ChoiceGroup {...p} type="radio" isChecked={(v) => v === p.value} />;
}

export function Checkboxes(p: ChoiceGroupProps & { values?: readonly string[] }) {
  return <ChoiceGroup {...p} type="checkbox" isChecked={(v) => (p.values ?? []).includes(v)} />;
}

export interface DateFieldProps extends BaseFieldProps {
  /** a calendar date YYYY-MM-DD (or whatever the person typed, echoed back) */
  value?: string | null;
  min?: string;
  max?: string;
}

/** `<input type=date>`; the value is always YYYY-MM-DD. Browsers without a date picker show a text box, hence the hint. */
export function DateField(p: DateFieldProps) {
  const hint = p.hint ?? t(p.locale ?? 'zh-CN', 'common.dateHint');
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label id={id} label={p.label} required={p.required} locale={p.locale} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-input gk-input--date gk-input--error' : 'gk-input gk-input--date'}
        id={id}
        name={p.name}
        type="date"
        defaultValue={p.value ?? ''}
        min={p.min}
        max={p.max}
        required={p.required || undefined}
        aria-describedby={describedBy(id, hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      />
    </div>
  );
}

export interface FileFieldProps extends BaseFieldProps {
  accept?: string;
  multiple?: boolean;
}

/** A file input (the form needs `encType="multipart/form-data"`). Browsers cannot echo a file back; say so in the error. */
export function FileField(p: FileFieldProps) {
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label id={id} label={p.label} required={p.required} locale={p.locale} />
      <Hint id={id} hint={p.hint} />
      <ErrorMessage id={id} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-file-upload gk-input--error' : 'gk-file-upload'}
        id={id}
        name={p.name}
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        required={p.required || undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      />
    </div>
  );
}

/** Hidden CSRF token field; the backend checks `_csrf` on every state-changing form. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export interface ButtonProps {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'warning';
  type?: 'submit' | 'button';
  /** render as a link styled as a button */
  href?: string;
  name?: string;
  value?: string;
}

export function Button({ children, variant = 'primary', type = 'submit', href, name, value }: ButtonProps) {
  const cls = `gk-button gk-button--${variant}`;
  if (href) {
    return (
      <a className={cls} href={href}>
        {children}
      </a>
    );
  }
  return (
    <button className={cls} type={type} name={name} value={value}>
      {children}
    </button>
  );
}

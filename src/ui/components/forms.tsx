// Form kit with GOV.UK habits (ui.md "Forms"): label above the field, hint under the label,
// the field's own message in words (not only colour), autocomplete where it applies,
// and the submitted value echoed back so nothing typed is lost.
// Every field's element id is `field-<name>`; ErrorSummary links to it.
import type { ReactNode } from 'react';
import type { FieldError, Locale } from '../types.ts';
import { t } from '../i18n.ts';

export function fieldId(name: string): string {
  return `field-${name}`;
}

/** The message for one field, if any. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}

export function ErrorSummary({ errors, locale = 'zh-CN' }: { errors: readonly FieldError[] | undefined; locale?: Locale }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="gk-error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-gk-error-summary="">
      <h2 className="gk-error-summary__title" id="error-summary-title">
        {t(locale, 'common.errorSummary.title')}
      </h2>
      <ul className="gk-error-summary__list">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
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
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ name, hint }: { name: string; hint?: string }) {
  if (!hint) return null;
  return (
    <div className="gk-hint" id={`${fieldId(name)}-hint`}>
      {hint}
    </div>
  );
}

function ErrorMessage({ name, error, locale = 'zh-CN' }: { name: string; error?: string; locale?: Locale }) {
  if (!error) return null;
  return (
    <p className="gk-error-message" id={`${fieldId(name)}-error`}>
      <span className="gk-error-message__prefix">{t(locale, 'common.errorPrefix')}</span>
      {error}
    </p>
  );
}

function groupClass(error?: string, extra?: string): string {
  return ['gk-form-group', error ? 'gk-form-group--error' : '', extra ?? ''].filter(Boolean).join(' ');
}

function Label({ name, label, required, locale = 'zh-CN' }: { name: string; label: string; required?: boolean; locale?: Locale }) {
  return (
    <label className="gk-label" htmlFor={fieldId(name)}>
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
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label name={p.name} label={p.label} required={p.required} locale={p.locale} />
      <Hint name={p.name} hint={p.hint} />
      <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-input gk-input--error' : 'gk-input'}
        id={fieldId(p.name)}
        name={p.name}
        type={p.type ?? 'text'}
        defaultValue={value}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        spellCheck={p.spellCheck}
        readOnly={p.readOnly || undefined}
        required={p.required || undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
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
}

export function Textarea(p: TextareaProps) {
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label name={p.name} label={p.label} required={p.required} locale={p.locale} />
      <Hint name={p.name} hint={p.hint} />
      <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
      <textarea
        className={p.error ? 'gk-textarea gk-input--error' : 'gk-textarea'}
        id={fieldId(p.name)}
        name={p.name}
        rows={p.rows ?? 5}
        maxLength={p.maxLength}
        autoComplete={p.autoComplete}
        required={p.required || undefined}
        defaultValue={p.value ?? ''}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
        aria-invalid={p.error ? true : undefined}
      />
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
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label name={p.name} label={p.label} required={p.required} locale={p.locale} />
      <Hint name={p.name} hint={p.hint} />
      <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
      <select
        className={p.error ? 'gk-select gk-input--error' : 'gk-select'}
        id={fieldId(p.name)}
        name={p.name}
        autoComplete={p.autoComplete}
        defaultValue={p.value ?? ''}
        required={p.required || undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
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
function choiceId(name: string, i: number): string {
  return i === 0 ? fieldId(name) : `${fieldId(name)}-${i + 1}`;
}

function ChoiceGroup(p: ChoiceGroupProps & { type: 'radio' | 'checkbox'; isChecked: (v: string) => boolean }) {
  const cls = p.type === 'radio' ? 'gk-radios' : 'gk-checkboxes';
  return (
    <div className={groupClass(p.error, p.className)}>
      <fieldset className="gk-fieldset" aria-describedby={describedBy(p.name, p.hint, p.error)}>
        <legend className="gk-fieldset__legend">
          {p.label}
          {p.required === false ? <span className="gk-optional">{t(p.locale ?? 'zh-CN', 'common.optional')}</span> : null}
        </legend>
        <Hint name={p.name} hint={p.hint} />
        <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
        <div className={p.inline ? `${cls} ${cls}--inline` : cls}>
          {p.options.map((o, i) => {
            const id = choiceId(p.name, i);
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
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label name={p.name} label={p.label} required={p.required} locale={p.locale} />
      <Hint name={p.name} hint={hint} />
      <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-input gk-input--date gk-input--error' : 'gk-input gk-input--date'}
        id={fieldId(p.name)}
        name={p.name}
        type="date"
        defaultValue={p.value ?? ''}
        min={p.min}
        max={p.max}
        required={p.required || undefined}
        aria-describedby={describedBy(p.name, hint, p.error)}
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
  return (
    <div className={groupClass(p.error, p.className)}>
      <Label name={p.name} label={p.label} required={p.required} locale={p.locale} />
      <Hint name={p.name} hint={p.hint} />
      <ErrorMessage name={p.name} error={p.error} locale={p.locale} />
      <input
        className={p.error ? 'gk-file-upload gk-input--error' : 'gk-file-upload'}
        id={fieldId(p.name)}
        name={p.name}
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        required={p.required || undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
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

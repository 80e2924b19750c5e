// 404, 500 and other error pages, in Chinese first. They take no data beyond the locale, so the
// error handler can always render them. No stack trace or SQL is ever shown: only the request id.
import type { FieldError, Locale, Prefs } from '../types.ts';
import { ErrorSummary } from '../components/forms.tsx';
import { t } from '../i18n.ts';
import { BareLayout } from '../layouts/BareLayout.tsx';

export function NotFoundPage({ locale, prefs, homeHref = '/' }: { locale: Locale; prefs?: Prefs; homeHref?: string }) {
  const title = t(locale, 'errors.notFound.title');
  return (
    <BareLayout locale={locale} title={title} prefs={prefs}>
      <h1 className="gk-heading-l">{title}</h1>
      <p>{t(locale, 'errors.notFound.body')}</p>
      <p>{t(locale, 'errors.notFound.check')}</p>
      <p>
        <a href={homeHref}>{t(locale, 'errors.backHome')}</a>
      </p>
    </BareLayout>
  );
}

export interface ErrorPageProps {
  locale: Locale;
  /** HTTP status; 500 by default */
  status?: number;
  /** a specific title and message (already translated); default: the generic 500 text */
  title?: string;
  message?: string;
  /** shown so that a person can quote it to the administrator */
  requestId?: string;
  prefs?: Prefs;
  /** fields to fix, for a refused form that is not shown again: listed in an error summary */
  errors?: readonly FieldError[];
  /** a same-site path back to the form */
  backHref?: string;
}

export function ErrorPage(p: ErrorPageProps) {
  const { locale } = p;
  const status = p.status ?? 500;
  const generic = status >= 500 ? 'serverError' : 'clientError';
  const title = p.title ?? t(locale, `errors.${generic}.title`);
  return (
    <BareLayout locale={locale} title={title} prefs={p.prefs}>
      {p.errors && p.errors.length > 0 ? <ErrorSummary errors={p.errors} locale={locale} /> : null}
      <h1 className="gk-heading-l">{title}</h1>
      <p>{p.message ?? t(locale, `errors.${generic}.body`)}</p>
      {p.backHref ? <p><a href={p.backHref}>{t(locale, 'errors.backToForm')}</a></p> : null}
      {status >= 500 ? <p>{t(locale, 'errors.serverError.retry')}</p> : null}
      {p.requestId ? (
        <p className="gk-hint">
          {t(locale, 'errors.requestId')}
          <code>{p.requestId}</code>
        </p>
      ) : null}
      <p>
        <a href="/">{t(locale, 'errors.backHome')}</a>
      </p>
    </BareLayout>
  );
}

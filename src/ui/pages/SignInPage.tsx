// Back-office sign-in. Contract: POST /admin/login with username, password, _csrf (when the
// backend issues a token) and next (a same-site path to return to).
import type { FieldError, Locale, Prefs } from '../types.ts';
import { t } from '../i18n.ts';
import { safeLocalPath } from '../url.ts';
import { BareLayout } from '../layouts/BareLayout.tsx';
import { Button, CsrfField, ErrorSummary, TextField, errorFor } from '../components/forms.tsx';
import { Notice } from '../components/status.tsx';

export interface SignInPageProps {
  locale: Locale;
  values: { username?: string };
  errors?: readonly FieldError[];
  /** a message above the form, e.g. "您已退出登录" or the rate-limit message */
  message?: { kind: 'info' | 'success' | 'error'; text: string };
  csrfToken?: string;
  next?: string;
  prefs?: Prefs;
}

export function SignInPage(p: SignInPageProps) {
  const { locale } = p;
  const title = t(locale, 'auth.signIn.title');
  const next = p.next ? safeLocalPath(p.next, '') : '';
  return (
    <BareLayout locale={locale} title={p.errors?.length ? `${t(locale, 'common.errorTitlePrefix')}${title}` : title} prefs={p.prefs}>
      <div className="gk-narrow">
        <ErrorSummary errors={p.errors} locale={locale} />
        {p.message ? (
          <Notice kind={p.message.kind} locale={locale}>
            {p.message.text}
          </Notice>
        ) : null}
        <h1 className="gk-heading-l">{title}</h1>
        <p>{t(locale, 'auth.signIn.intro')}</p>
        <form method="post" action="/admin/login" noValidate>
          {p.csrfToken ? <CsrfField token={p.csrfToken} /> : null}
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField
            name="username"
            label={t(locale, 'auth.signIn.username')}
            value={p.values.username}
            error={errorFor(p.errors, 'username')}
            autoComplete="username"
            spellCheck={false}
            locale={locale}
            className="gk-width-20"
          />
          <TextField
            name="password"
            type="password"
            label={t(locale, 'auth.signIn.password')}
            error={errorFor(p.errors, 'password')}
            autoComplete="current-password"
            locale={locale}
            className="gk-width-20"
          />
          <Button>{t(locale, 'auth.signIn.submit')}</Button>
        </form>
        <p className="gk-hint">{t(locale, 'auth.signIn.help')}</p>
      </div>
    </BareLayout>
  );
}

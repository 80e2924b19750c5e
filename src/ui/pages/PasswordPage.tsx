// Change one's own password. Contract: GET /admin/password, POST /admin/password with currentPassword,
// newPassword, newPasswordRepeat, _csrf. `forced`: the password was set by an administrator or
// generated, and every other back-office page leads here until it is changed.
import type { FieldError } from '../types.ts';
import { t } from '../i18n.ts';
import { AdminLayout, type AdminShell } from '../layouts/AdminLayout.tsx';
import { Button, CsrfField, ErrorSummary, TextField, errorFor } from '../components/forms.tsx';
import { Notice } from '../components/status.tsx';

export interface PasswordPageProps {
  shell: AdminShell;
  forced: boolean;
  errors?: readonly FieldError[];
}

export function PasswordPage(p: PasswordPageProps) {
  const { locale } = p.shell;
  const title = t(locale, 'auth.password.title');
  return (
    <AdminLayout {...p.shell} active="password" title={p.errors?.length ? `${t(locale, 'common.errorTitlePrefix')}${title}` : title}>
      <div className="gk-narrow">
        <ErrorSummary errors={p.errors} locale={locale} />
        {p.forced ? (
          <Notice kind="warning" title={t(locale, 'auth.password.forcedTitle')} locale={locale}>
            {t(locale, 'auth.password.forcedBody')}
          </Notice>
        ) : null}
        <h1 className="gk-heading-l">{title}</h1>
        <form method="post" action="/admin/password" noValidate className="gk-form">
          <CsrfField token={p.shell.csrfToken} />
          <TextField name="currentPassword" type="password" label={t(locale, 'auth.password.current')} error={errorFor(p.errors, 'currentPassword')} autoComplete="current-password" locale={locale} className="gk-width-20" />
          <TextField
            name="newPassword"
            type="password"
            label={t(locale, 'auth.password.new')}
            hint={t(locale, 'auth.password.rules')}
            error={errorFor(p.errors, 'newPassword')}
            autoComplete="new-password"
            locale={locale}
            className="gk-width-20"
          />
          <TextField name="newPasswordRepeat" type="password" label={t(locale, 'auth.password.repeat')} error={errorFor(p.errors, 'newPasswordRepeat')} autoComplete="new-password" locale={locale} className="gk-width-20" />
          <Button>{t(locale, 'auth.password.submit')}</Button>
        </form>
      </div>
    </AdminLayout>
  );
}

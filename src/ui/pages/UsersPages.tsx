// User management (administrators only; the backend authorises).
// Contract: GET /admin/users (list), GET /admin/users/new + POST /admin/users (create),
// GET /admin/users/:id + POST /admin/users/:id (edit). Form fields: username, displayName,
// role, agencyId, password (create: required; edit: blank keeps the old one), active ('on'),
// version (edit: the optimistic-locking version the form was loaded with).
import type { FieldError, Role } from '../types.ts';
import { t } from '../i18n.ts';
import { AdminLayout, type AdminShell } from '../layouts/AdminLayout.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { StatusTag } from '../components/status.tsx';
import { Breadcrumbs } from '../components/navigation.tsx';
import { Button, Checkboxes, CsrfField, ErrorSummary, Radios, Select, TextField, errorFor } from '../components/forms.tsx';

export const ROLES: readonly Role[] = ['admin', 'officer', 'reviewer', 'leader', 'supervisor'];

export interface UserRow {
  id: string | number;
  username: string;
  displayName: string;
  role: Role;
  agencyName: string;
  active: boolean;
}

export interface UsersPageProps {
  shell: AdminShell;
  users: readonly UserRow[];
}

export function UsersPage({ shell, users }: UsersPageProps) {
  const { locale } = shell;
  const title = t(locale, 'users.list.title');
  return (
    <AdminLayout {...shell} active="users" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <p>
        <Button href="/admin/users/new">{t(locale, 'users.list.create')}</Button>
      </p>
      <DataTable
        locale={locale}
        caption={t(locale, 'users.list.caption', { count: users.length })}
        rows={users}
        rowKey={(u) => String(u.id)}
        emptyText={t(locale, 'users.list.empty')}
        columns={[
          { key: 'displayName', header: t(locale, 'users.fields.displayName'), rowHeader: true, render: (u) => <a href={`/admin/users/${encodeURIComponent(String(u.id))}`}>{u.displayName}</a> },
          { key: 'username', header: t(locale, 'users.fields.username'), render: (u) => u.username },
          { key: 'role', header: t(locale, 'users.fields.role'), render: (u) => t(locale, `admin.roles.${u.role}`) },
          { key: 'agency', header: t(locale, 'users.fields.agency'), render: (u) => u.agencyName },
          {
            key: 'active',
            header: t(locale, 'users.fields.status'),
            render: (u) =>
              u.active ? <StatusTag text={t(locale, 'users.status.active')} tone="green" /> : <StatusTag text={t(locale, 'users.status.inactive')} tone="grey" />,
          },
        ]}
      />
    </AdminLayout>
  );
}

export interface UserFormValues {
  username?: string;
  displayName?: string;
  role?: string;
  agencyId?: string;
  active?: boolean;
  email?: string;
  digestEnabled?: boolean;
}

export interface UserFormPageProps {
  shell: AdminShell;
  mode: 'create' | 'edit';
  /** required in edit mode */
  userId?: string | number;
  /** the record's version for optimistic locking (edit mode): sent back as the hidden field `version` */
  version?: number;
  values: UserFormValues;
  errors?: readonly FieldError[];
  agencies: readonly { id: string | number; name: string }[];
}

export function UserFormPage(p: UserFormPageProps) {
  const { locale } = p.shell;
  const title = p.mode === 'create' ? t(locale, 'users.form.createTitle') : t(locale, 'users.form.editTitle', { name: p.values.displayName ?? '' });
  const action = p.mode === 'create' ? '/admin/users' : `/admin/users/${encodeURIComponent(String(p.userId ?? ''))}`;
  const err = (f: string) => errorFor(p.errors, f);
  return (
    <AdminLayout {...p.shell} active="users" title={p.errors?.length ? `${t(locale, 'common.errorTitlePrefix')}${title}` : title}>
      <Breadcrumbs
        locale={locale}
        items={[
          { href: '/admin/users', label: t(locale, 'users.list.title') },
          { href: p.mode === 'create' ? '/admin/users/new' : action, label: title },
        ]}
      />
      <ErrorSummary errors={p.errors} locale={locale} />
      <h1 className="gk-heading-l">{title}</h1>
      <form method="post" action={action} noValidate className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        {p.mode === 'edit' && p.version !== undefined ? <input type="hidden" name="version" value={String(p.version)} /> : null}
        <TextField
          name="username"
          label={t(locale, 'users.fields.username')}
          hint={p.mode === 'create' ? t(locale, 'users.hints.username') : t(locale, 'users.hints.usernameFixed')}
          value={p.values.username}
          readOnly={p.mode === 'edit'}
          error={err('username')}
          autoComplete="off"
          spellCheck={false}
          locale={locale}
          className="gk-width-20"
        />
        <TextField
          name="displayName"
          label={t(locale, 'users.fields.displayName')}
          value={p.values.displayName}
          error={err('displayName')}
          autoComplete="name"
          locale={locale}
          className="gk-width-20"
        />
        <Radios
          name="role"
          label={t(locale, 'users.fields.role')}
          value={p.values.role}
          error={err('role')}
          locale={locale}
          options={ROLES.map((r) => ({ value: r, label: t(locale, `admin.roles.${r}`), hint: t(locale, `users.roleHints.${r}`) }))}
        />
        <Select
          name="agencyId"
          label={t(locale, 'users.fields.agency')}
          value={p.values.agencyId}
          error={err('agencyId')}
          placeholder={t(locale, 'common.choose')}
          locale={locale}
          options={p.agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <TextField
          name="email"
          type="email"
          label={t(locale, 'users.fields.email')}
          hint={t(locale, 'users.hints.email')}
          value={p.values.email}
          error={err('email')}
          autoComplete="off"
          required={false}
          locale={locale}
          className="gk-width-20"
        />
        <Checkboxes
          name="digest"
          label={t(locale, 'users.fields.digest')}
          values={p.values.digestEnabled === false ? [] : ['on']}
          error={err('digestEnabled')}
          locale={locale}
          options={[{ value: 'on', label: t(locale, 'users.fields.digestLabel'), hint: t(locale, 'users.hints.digest') }]}
        />
        <TextField
          name="password"
          type="password"
          label={p.mode === 'create' ? t(locale, 'users.fields.password') : t(locale, 'users.fields.newPassword')}
          hint={p.mode === 'create' ? t(locale, 'users.hints.password') : t(locale, 'users.hints.newPassword')}
          error={err('password')}
          autoComplete="new-password"
          required={p.mode === 'create' ? undefined : false}
          locale={locale}
          className="gk-width-20"
        />
        {p.mode === 'edit' ? (
          <Checkboxes
            name="active"
            label={t(locale, 'users.fields.status')}
            values={p.values.active ? ['on'] : []}
            error={err('active')}
            locale={locale}
            options={[{ value: 'on', label: t(locale, 'users.fields.activeLabel'), hint: t(locale, 'users.hints.active') }]}
          />
        ) : null}
        <div className="gk-button-group">
          <Button>{p.mode === 'create' ? t(locale, 'users.form.create') : t(locale, 'users.form.save')}</Button>
          <a className="gk-link" href="/admin/users">
            {t(locale, 'common.cancel')}
          </a>
        </div>
      </form>
    </AdminLayout>
  );
}

export interface MyPreferencesPageProps {
  shell: AdminShell;
  values: { email?: string; digestEnabled?: boolean };
  errors?: readonly FieldError[];
}

/** The signed-in user's own reminder settings: e-mail address and the daily work digest. */
export function MyPreferencesPage(p: MyPreferencesPageProps) {
  const { locale } = p.shell;
  const title = t(locale, 'users.me.title');
  return (
    <AdminLayout {...p.shell} active="dashboard" title={p.errors?.length ? `${t(locale, 'common.errorTitlePrefix')}${title}` : title}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <h1 className="gk-heading-l">{title}</h1>
      <p>{t(locale, 'users.me.lead')}</p>
      <form method="post" action="/admin/me" noValidate className="gk-form">
        <CsrfField token={p.shell.csrfToken} />
        <TextField name="email" type="email" label={t(locale, 'users.fields.email')} hint={t(locale, 'users.hints.email')} value={p.values.email} error={errorFor(p.errors, 'email')} autoComplete="email" required={false} locale={locale} className="gk-width-20" />
        <Checkboxes name="digest" label={t(locale, 'users.fields.digest')} values={p.values.digestEnabled === false ? [] : ['on']} locale={locale}
          options={[{ value: 'on', label: t(locale, 'users.fields.digestLabel'), hint: t(locale, 'users.hints.digest') }]} />
        <div className="gk-button-group"><Button>{t(locale, 'users.form.save')}</Button></div>
      </form>
    </AdminLayout>
  );
}

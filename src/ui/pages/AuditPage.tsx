// The audit log (审计日志): events are only ever read here. Filters are a GET form, so every
// filtered view has its own URL; sorting and paging keep the filters.
// Contract: GET /admin/audit?actor=&action=&entity=&from=YYYY-MM-DD&to=YYYY-MM-DD&sort=at&dir=asc|desc&page=N
import type { FieldError, Locale } from '../types.ts';
import { t } from '../i18n.ts';
import { formatInstant } from '../dates.ts';
import { AdminLayout, type AdminShell } from '../layouts/AdminLayout.tsx';
import { DataTable, type SortState } from '../components/DataTable.tsx';
import { Pagination } from '../components/navigation.tsx';
import { Button, CsrfField, DateField, ErrorSummary, Select, TextField, errorFor } from '../components/forms.tsx';
import { Notice } from '../components/status.tsx';

export interface AuditEventRow {
  id: string | number;
  /** UTC instant, ISO 8601 */
  at: string;
  actorName: string;
  agencyName: string;
  /** e.g. 'user.create' */
  action: string;
  /** what the action is called in the page's language (e.g. 新建用户); the code when absent */
  actionLabel?: string;
  entity: string;
  entityId: string;
  /** the object in words (e.g. 用户 系统管理员); "entity entityId" when absent */
  entityLabel?: string;
  requestId?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
}

export interface AuditPageProps {
  shell: AdminShell;
  events: readonly AuditEventRow[];
  filters: AuditFilters;
  page: number;
  pageSize?: number;
  total: number;
  sort?: SortState;
  /** actions offered in the filter (the backend lists the ones that occur): the code and its label */
  actions?: readonly { value: string; label: string }[];
  errors?: readonly FieldError[];
  /** result of "校验审计链" (POST /admin/audit/verify), shown above the list */
  verification?: AuditChainVerificationView;
}

/** What the page shows of a chain verification (features/audit: verifyChain). */
export interface AuditChainVerificationView {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  verifiedAt: string;
  problemCount: number;
  problems: readonly { kind: string; message: string }[];
}

function Verification({ v, locale }: { v: AuditChainVerificationView; locale: Locale }) {
  if (v.ok) {
    return (
      <Notice kind="success" title={t(locale, 'audit.verify.okTitle')} locale={locale}>
        <p>{t(locale, 'audit.verify.okBody', { checked: v.checked, at: formatInstant(v.verifiedAt) })}</p>
        <p className="gk-hint">
          {t(locale, 'audit.verify.head', { seq: v.lastSeq })}
          <code>{v.lastHash}</code>
        </p>
      </Notice>
    );
  }
  return (
    <Notice kind="error" title={t(locale, 'audit.verify.brokenTitle', { count: v.problemCount })} locale={locale}>
      <p>{t(locale, 'audit.verify.brokenBody', { checked: v.checked, at: formatInstant(v.verifiedAt) })}</p>
      <ul>
        {v.problems.map((p, i) => (
          <li key={i}>
            <strong>{t(locale, `audit.verify.kinds.${p.kind}`)}</strong>：{p.message}
          </li>
        ))}
      </ul>
      {v.problemCount > v.problems.length ? <p>{t(locale, 'audit.verify.more', { count: v.problemCount - v.problems.length })}</p> : null}
    </Notice>
  );
}

function Change({ before, after, locale }: { before?: unknown; after?: unknown; locale: Locale }) {
  if (before === undefined && after === undefined) return null;
  const show = (v: unknown) => (v === undefined || v === null ? '—' : JSON.stringify(v, null, 2));
  return (
    <div className="gk-change">
      <div>
        <span className="gk-change__label">{t(locale, 'audit.before')}</span>
        <pre className="gk-change__json">{show(before)}</pre>
      </div>
      <div>
        <span className="gk-change__label">{t(locale, 'audit.after')}</span>
        <pre className="gk-change__json">{show(after)}</pre>
      </div>
    </div>
  );
}

export function AuditPage(p: AuditPageProps) {
  const { locale } = p.shell;
  const title = t(locale, 'audit.title');
  const pageSize = p.pageSize ?? 50;
  const query = { ...p.filters, sort: p.sort?.key, dir: p.sort?.dir };
  return (
    <AdminLayout {...p.shell} active="audit" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <p>{t(locale, 'audit.intro')}</p>
      <ErrorSummary errors={p.errors} locale={locale} />
      {p.verification ? <Verification v={p.verification} locale={locale} /> : null}
      {p.shell.user.role === 'admin' ? (
        <form method="post" action="/admin/audit/verify" className="gk-form">
          <CsrfField token={p.shell.csrfToken} />
          <p className="gk-hint">{t(locale, 'audit.verify.hint')}</p>
          <Button variant="secondary">{t(locale, 'audit.verify.button')}</Button>
        </form>
      ) : null}
      <form method="get" action="/admin/audit" className="gk-filters" aria-label={t(locale, 'audit.filters.label')}>
        <TextField name="actor" label={t(locale, 'audit.fields.actor')} value={p.filters.actor} error={errorFor(p.errors, 'actor')} locale={locale} />
        {p.actions && p.actions.length > 0 ? (
          <Select
            name="action"
            label={t(locale, 'audit.fields.action')}
            value={p.filters.action}
            placeholder={t(locale, 'audit.filters.any')}
            options={p.actions}
            error={errorFor(p.errors, 'action')}
            locale={locale}
          />
        ) : (
          <TextField name="action" label={t(locale, 'audit.fields.action')} value={p.filters.action} error={errorFor(p.errors, 'action')} locale={locale} />
        )}
        <TextField name="entity" label={t(locale, 'audit.fields.entity')} value={p.filters.entity} error={errorFor(p.errors, 'entity')} locale={locale} />
        <DateField name="from" label={t(locale, 'audit.filters.from')} value={p.filters.from} error={errorFor(p.errors, 'from')} locale={locale} />
        <DateField name="to" label={t(locale, 'audit.filters.to')} value={p.filters.to} error={errorFor(p.errors, 'to')} locale={locale} />
        <div className="gk-filters__actions">
          <Button>{t(locale, 'audit.filters.apply')}</Button>
          <a className="gk-link" href="/admin/audit">
            {t(locale, 'audit.filters.clear')}
          </a>
        </div>
      </form>
      <DataTable
        locale={locale}
        caption={t(locale, 'audit.caption', { total: p.total })}
        rows={p.events}
        rowKey={(e) => String(e.id)}
        sort={p.sort}
        baseHref="/admin/audit"
        query={p.filters as Record<string, string | undefined>}
        emptyText={t(locale, 'audit.empty')}
        columns={[
          { key: 'at', header: t(locale, 'audit.fields.at'), sortable: true, rowHeader: true, render: (e) => <time dateTime={e.at}>{formatInstant(e.at)}</time> },
          { key: 'actor', header: t(locale, 'audit.fields.actor'), sortable: true, render: (e) => e.actorName },
          { key: 'agency', header: t(locale, 'audit.fields.agency'), render: (e) => e.agencyName },
          { key: 'action', header: t(locale, 'audit.fields.action'), sortable: true, render: (e) => (e.actionLabel && e.actionLabel !== e.action ? <span title={e.action}>{e.actionLabel}</span> : <code>{e.action}</code>) },
          { key: 'entity', header: t(locale, 'audit.fields.entity'), render: (e) => e.entityLabel ?? `${e.entity} ${e.entityId}` },
          {
            key: 'change',
            header: t(locale, 'audit.fields.change'),
            render: (e) =>
              e.before === undefined && e.after === undefined ? (
                '—'
              ) : (
                <details className="gk-details">
                  <summary className="gk-details__summary">{t(locale, 'audit.showChange')}</summary>
                  <Change before={e.before} after={e.after} locale={locale} />
                  {e.requestId ? (
                    <p className="gk-hint">
                      {t(locale, 'audit.fields.requestId')}
                      <code>{e.requestId}</code>
                    </p>
                  ) : null}
                </details>
              ),
          },
        ]}
      />
      <Pagination page={p.page} pageSize={pageSize} total={p.total} baseHref="/admin/audit" query={query} locale={locale} />
    </AdminLayout>
  );
}

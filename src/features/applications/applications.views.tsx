// Page components of 依申请公开 (public form, receipt, status; back-office list, registration, case page,
// templates, outbox). Server-rendered; forms work without JavaScript; built from the ui page kit.
import type { ReactNode } from 'react';
import {
  AdminLayout, Button, Checkboxes, Pagination, CsrfField, DataTable, DateField, DeadlineCard, ErrorSummary, FileField, Notice, PortalLayout, Radios, Select, StatusTag,
  SummaryList, Textarea, TextField, Timeline, errorFor, t, type AdminShell, type AgencyContact, type FieldError, type Locale, type Prefs,
} from '../../ui/index.ts';
import {
  ACTION_LABELS, APPLICANT_TYPES, APPLICANT_TYPE_LABELS, APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS, CHANNEL_LABELS, LETTER_KIND_LABELS, OUTCOMES,
  PLACEHOLDERS, REPLY_OUTCOMES, ledgerFacts, outcomeDef, type Action, type LetterKind, type OutcomeCode,
} from '../../core/applications/index.ts';
import { CONTENT_MAX, ID_TYPES, OBTAIN_METHODS, PROVIDE_FORMS } from './applications.schema.ts';
import { ARTICLE20_CATEGORIES, ITEM_KINDS } from '../../core/catalogue/categories.ts';
import type { ApplicationDetail, ApplicationSummary, PublicStatus } from './applications.service.ts';
import type { OutboxMessage } from './applications.personal.ts';
import type { AppealCase } from '../appeals/appeals.service.ts';
import type { TemplateView } from '../letters/letters.service.ts';

export type FormValues = Record<string, string | undefined>;

const opt = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
const applicantTypeOptions = APPLICANT_TYPES.map((k) => ({
  value: k, label: k === 'natural_person' ? '公民' : `法人或者其他组织：${APPLICANT_TYPE_LABELS[k].zh}`,
  hint: k === 'natural_person' ? '以个人名义申请' : undefined,
}));

/** Error field names of the API shape (applicant.name) → the flat form names (name). */
export function flatErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: e.field.replace(/^applicant\./, '').replace(/^delivery$/, 'provideForm'), message: e.message }));
}

function ApplicantFields({ v, errors, locale }: { v: FormValues; errors: readonly FieldError[]; locale: Locale }) {
  const e = (f: string) => errorFor(errors, f);
  return (
    <>
      <Radios name="type" label="申请人类型" options={applicantTypeOptions} value={v.type ?? 'natural_person'} error={e('type')} locale={locale} />
      <TextField name="name" label="姓名或者名称" hint="公民填写姓名；法人或者其他组织填写全称" value={v.name} error={e('name')} autoComplete="name" maxLength={100} locale={locale} />
      {/* 条例 第二十九条第一项: 身份证明 is required — of a 公民 the identity document, of an organisation its 统一社会信用代码 (schema: applicantSchema). */}
      <Select name="idType" label="证件类型（公民必填）" options={opt(ID_TYPES)} value={v.idType ?? '居民身份证'} error={e('idType')} locale={locale} />
      <TextField name="idNumber" label="证件号码（公民必填）" value={v.idNumber} error={e('idNumber')} maxLength={40} spellCheck={false} locale={locale} />
      <TextField name="creditCode" label="统一社会信用代码（法人或者其他组织必填）" hint="18位，见营业执照或者登记证书" value={v.creditCode} error={e('creditCode')} maxLength={18} spellCheck={false} locale={locale} />
      <TextField name="legalRepresentative" label="法定代表人或者负责人（法人或者其他组织填写）" value={v.legalRepresentative} error={e('legalRepresentative')} maxLength={50} required={false} locale={locale} />
      <TextField name="contactPerson" label="联系人（法人或者其他组织必填）" value={v.contactPerson} error={e('contactPerson')} maxLength={50} locale={locale} />
      <TextField name="phone" label="联系电话" hint="例如 13800000000 或 0535-6666666；查询办理进度时需要" type="tel" value={v.phone} error={e('phone')} autoComplete="tel" inputMode="tel" maxLength={30} locale={locale} />
      <TextField name="email" label="电子邮箱" hint="选择通过电子邮件提供或获取时必须填写" type="email" value={v.email} error={e('email')} autoComplete="email" maxLength={200} required={false} locale={locale} />
      <TextField name="address" label="通讯地址" hint="选择邮寄时必须填写" value={v.address} error={e('address')} autoComplete="street-address" maxLength={200} required={false} locale={locale} />
      <TextField name="postcode" label="邮政编码" value={v.postcode} error={e('postcode')} autoComplete="postal-code" inputMode="numeric" maxLength={6} required={false} className="gk-width-10" locale={locale} />
    </>
  );
}

function RequestFields({ v, errors, locale }: { v: FormValues; errors: readonly FieldError[]; locale: Locale }) {
  const e = (f: string) => errorFor(errors, f);
  return (
    <>
      <Textarea name="content" label="所需政府信息的名称、文号或者便于查询的其他特征性描述" hint="写得越具体，越便于查找。例如：2019年本局行政许可办件数量的统计" value={v.content} error={e('content')} rows={5} maxLength={CONTENT_MAX} showCount locale={locale} />
      <TextField name="docNumber" label="文号" value={v.docNumber} error={e('docNumber')} maxLength={100} required={false} locale={locale} />
      <Radios name="provideForm" label="提供政府信息的方式" options={opt(PROVIDE_FORMS)} value={v.provideForm} error={e('provideForm')} inline locale={locale} />
      <Radios name="obtainMethod" label="获取信息的方式" options={opt(OBTAIN_METHODS)} value={v.obtainMethod} error={e('obtainMethod')} inline locale={locale} />
    </>
  );
}

export function ApplyFormPage(p: { locale: Locale; agency: AgencyContact; prefs?: Prefs; currentPath: string; values: FormValues; errors: readonly FieldError[] }) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} active="apply" title={t(locale, 'applications.apply.title')}
      breadcrumbs={[{ href: '/', label: '首页' }, { href: '/apply', label: '依申请公开' }]}>
      <h1 className="gk-heading-l">{t(locale, 'applications.apply.title')}</h1>
      <p>{t(locale, 'applications.apply.intro')}</p>
      <ErrorSummary errors={p.errors} locale={locale} />
      <form method="post" action="/apply" encType="multipart/form-data" noValidate>
        <h2 className="gk-heading-m">{t(locale, 'applications.apply.applicantSection')}</h2>
        <ApplicantFields v={p.values} errors={p.errors} locale={locale} />
        <h2 className="gk-heading-m">{t(locale, 'applications.apply.requestSection')}</h2>
        <RequestFields v={p.values} errors={p.errors} locale={locale} />
        <h2 className="gk-heading-m">{t(locale, 'applications.apply.attachmentsSection')}</h2>
        <FileField name="attachments" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple label="身份证明文件" hint="身份证或者营业执照的扫描件或照片，PDF、JPG 或 PNG，每个不超过5MB，最多5个。页面提示错误时，请重新选择附件。" error={errorFor(p.errors, 'attachments')} required={false} locale={locale} />
        <div className="gk-visually-hidden" aria-hidden="true">
          <label htmlFor="field-website">请勿填写此项（用于识别自动程序）</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <Button>{t(locale, 'applications.apply.submit')}</Button>
      </form>
      <p><a href="/apply/status">{t(locale, 'applications.apply.statusLink')}</a></p>
    </PortalLayout>
  );
}

export function ApplyReceiptPage(p: { locale: Locale; agency: AgencyContact; prefs?: Prefs; currentPath: string; queryCode: string; submittedOn: string; notice: string }) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} active="apply" title={t(locale, 'applications.apply.receiptTitle')}>
      <div className="gk-panel gk-panel--confirmation">
        <h1 className="gk-heading-l">{t(locale, 'applications.apply.receiptTitle')}</h1>
        <p>{t(locale, 'applications.apply.queryCode')}：<strong className="gk-query-code" data-testid="query-code">{p.queryCode}</strong></p>
      </div>
      <p>{t(locale, 'applications.apply.keepCode')}</p>
      <p>提交日期：{p.submittedOn}</p>
      <Notice kind="info" title="收到申请的日期">{p.notice}</Notice>
      <p><a href="/apply/status">{t(locale, 'applications.apply.statusLink')}</a></p>
    </PortalLayout>
  );
}

export function StatusPage(p: { locale: Locale; agency: AgencyContact; prefs?: Prefs; currentPath: string; values: FormValues; errors: readonly FieldError[]; status?: PublicStatus; notFound?: string }) {
  const { locale } = p;
  const s = p.status;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} active="apply" title={t(locale, 'applications.status.title')}>
      <h1 className="gk-heading-l">{t(locale, 'applications.status.title')}</h1>
      <p>{t(locale, 'applications.status.intro')}</p>
      <ErrorSummary errors={p.errors} locale={locale} />
      {p.notFound ? <Notice kind="warning">{p.notFound}</Notice> : null}
      <form method="post" action="/apply/status" noValidate>
        <TextField name="code" label="查询码" value={p.values.code} error={errorFor(p.errors, 'code')} maxLength={40} spellCheck={false} locale={locale} />
        <TextField name="phone" label="联系电话" type="tel" value={p.values.phone} error={errorFor(p.errors, 'phone')} inputMode="tel" maxLength={30} locale={locale} />
        <Button>{t(locale, 'applications.status.submit')}</Button>
      </form>
      {s ? (
        <section aria-labelledby="status-result">
          <h2 className="gk-heading-m" id="status-result">{t(locale, 'applications.status.result')}</h2>
          <SummaryList items={[
            { key: '查询码', value: s.queryCode },
            { key: '受理机关', value: s.agencyName },
            { key: '办理状态', value: <strong data-testid="status-state">{s.stateLabel}</strong> },
            { key: '提交日期', value: s.submittedOn },
            { key: '收到申请日期', value: s.receivedOn ?? '尚未确认收到（以双方确认之日为收到申请之日）' },
            { key: '答复期限', value: s.concluded ? '已答复' : s.dueDate ? `${s.dueDate}${s.provisional ? '（暂定）' : ''}` : '待定' },
            { key: '办理结果', value: <span data-testid="status-outcome">{s.outcomeLabel ?? '尚未答复'}</span> },
          ]} />
          <h3 className="gk-heading-s">{t(locale, 'applications.status.letters')}</h3>
          {s.letters.length ? (
            <ul className="gk-list" data-testid="status-letters">{s.letters.map((l) => <li key={l.number}>{l.issuedOn} <a href={l.downloadUrl}>{l.kindLabel}（{l.number}）</a>（PDF）</li>)}</ul>
          ) : <p>{t(locale, 'applications.status.noLetters')}</p>}
          {s.files.length ? (
            <>
              <h3 className="gk-heading-s">{t(locale, 'applications.status.files')}</h3>
              <ul className="gk-list" data-testid="status-files">{s.files.map((f) => (
                <li key={f.downloadUrl}><a href={f.downloadUrl}>{f.title}</a>{f.kind === 'file' ? `（${(f.filename ?? '').split('.').pop()?.toUpperCase()}，${Math.max(1, Math.round((f.size ?? 0) / 1024))} KB）` : `（${t(locale, 'applications.status.catalogueItem')}）`}</li>
              ))}</ul>
              <p className="gk-hint">{t(locale, 'applications.status.linksExpire')}</p>
            </>
          ) : null}
        </section>
      ) : null}
    </PortalLayout>
  );
}

// ───────────── back office ─────────────

const VIEWS: { key: string; label: string }[] = [
  { key: 'all', label: '全部' }, { key: 'mine', label: '我的案件' }, { key: 'due_soon', label: '3个工作日内到期' }, { key: 'overdue', label: '已逾期' },
  { key: 'waiting_correction', label: '待补正' }, { key: 'consulting', label: '征求意见中' }, { key: 'waiting_payment', label: '待缴费' }, { key: 'concluded', label: '已答复' },
  { key: 'to_confirm', label: '待确认收到' }, { key: 'unassigned', label: '待指定经办人' }, { key: 'to_review', label: '待我审核' }, { key: 'extension_pending', label: '延期待审批' },
];

export function dueTag(a: Pick<ApplicationSummary, 'dueStatus' | 'dueDate'>): ReactNode {
  switch (a.dueStatus) {
    case 'overdue': return <StatusTag status="overdue" />;
    case 'due_soon': return <StatusTag status="dueSoon" text="即将到期" />;
    case 'on_time': return <StatusTag status="onTime" text="未到期" />;
    case 'closed': return <StatusTag status="done" text="已答复" />;
    case 'waiting': return <StatusTag text="暂停计算" tone="blue" />;
    default: return <StatusTag text="未起算" tone="grey" />;
  }
}

export function ApplicationsListPage(p: { shell: AdminShell; rows: readonly ApplicationSummary[]; total: number; page: number; pageSize: number; query: Record<string, string | undefined>; unmaskedExport: boolean; accessLog: boolean }) {
  const q = p.query;
  const qs = (extra: Record<string, string | undefined>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) u.set(k, v);
    const s = u.toString();
    return s ? `?${s}` : '';
  };
  return (
    <AdminLayout {...p.shell} active="applications" title={t(p.shell.locale, 'applications.admin.listTitle')}>
      <h1 className="gk-heading-l">{t(p.shell.locale, 'applications.admin.listTitle')}</h1>
      <p>
        {p.shell.user.role === 'officer' || p.shell.user.role === 'leader' ? <><Button href="/admin/applications/new" variant="secondary">{t(p.shell.locale, 'applications.admin.register')}</Button>{' '}</> : null}
        <a href={`/admin/applications.csv${qs({})}`}>{t(p.shell.locale, 'applications.admin.exportCsv')}</a>{' · '}
        {p.unmaskedExport ? <><a href={`/admin/applications.csv${qs({ personal: 'full' })}`}>{t(p.shell.locale, 'applications.admin.exportCsvPersonal')}</a>{' · '}</> : null}
        <a href="/admin/letter-templates">{t(p.shell.locale, 'applications.admin.templates')}</a>{' · '}
        <a href="/admin/mail-outbox">{t(p.shell.locale, 'applications.admin.outbox')}</a>
        {p.accessLog ? <>{' · '}<a href="/admin/personal-data-access">{t(p.shell.locale, 'applications.admin.accessLog')}</a></> : null}
      </p>
      <nav aria-label="筛选视图" className="gk-tabs">
        <ul className="gk-tabs__list">
          {VIEWS.map((v) => (
            <li key={v.key} className="gk-tabs__item">
              <a href={`/admin/applications${qs({ view: v.key === 'all' ? undefined : v.key })}`} aria-current={(q.view ?? 'all') === v.key ? 'page' : undefined}>{v.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/applications" className="gk-filters">
        {q.view ? <input type="hidden" name="view" value={q.view} /> : null}
        <TextField name="q" label="搜索（查询码、申请人、申请内容）" value={q.q} required={false} type="search" />
        <Select name="applicantType" label="申请人类型" placeholder="全部" options={APPLICANT_TYPES.map((k) => ({ value: k, label: APPLICANT_TYPE_LABELS[k].zh }))} value={q.applicantType} required={false} />
        <DateField name="from" label="收到日期从" value={q.from} required={false} />
        <DateField name="to" label="收到日期到" value={q.to} required={false} />
        <Button variant="secondary">筛选</Button>
      </form>
      <DataTable
        caption={`申请（共${p.total}件）`}
        rows={p.rows}
        rowKey={(r) => String(r.id)}
        emptyText="没有符合条件的申请。"
        columns={[
          { key: 'code', header: '查询码', rowHeader: true, render: (r) => <a href={`/admin/applications/${r.id}`}>{r.queryCode}</a> },
          { key: 'applicant', header: '申请人', render: (r) => r.applicantName },
          { key: 'type', header: '类型', render: (r) => r.applicantTypeLabel },
          { key: 'content', header: '申请内容', render: (r) => (r.content.length > 40 ? `${r.content.slice(0, 40)}…` : r.content) },
          { key: 'received', header: '收到日期', render: (r) => r.receivedOn ?? '待确认' },
          { key: 'state', header: '状态', render: (r) => r.stateLabel },
          { key: 'due', header: '答复期限', render: (r) => <>{r.dueDate ?? '—'} {dueTag(r)}</> },
        ]}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/applications" query={q} locale={p.shell.locale} />
    </AdminLayout>
  );
}

export function RegisterPage(p: { shell: AdminShell; values: FormValues; errors: readonly FieldError[]; officers: { id: number; name: string }[] }) {
  const v = p.values;
  const e = (f: string) => errorFor(p.errors, f);
  return (
    <AdminLayout {...p.shell} active="applications" title="登记线下申请">
      <h1 className="gk-heading-l">登记线下申请</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="post" action="/admin/applications" encType="multipart/form-data" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <h2 className="gk-heading-m">申请方式和日期</h2>
        <Radios name="channel" label="申请方式" options={(['in_person', 'registered_mail', 'ordinary_mail', 'fax', 'email'] as const).map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} value={v.channel ?? 'in_person'} error={e('channel')} />
        <DateField name="submittedOn" label="申请提交（寄出、发送）日期" value={v.submittedOn} error={e('submittedOn')} />
        <DateField name="signedOn" label="签收日期（邮寄需签收时填写）" hint="以签收之日为收到申请之日（条例第三十一条第二项）" value={v.signedOn} error={e('signedOn')} required={false} />
        <DateField name="confirmedOn" label="确认日期（平常信函、传真、电子邮件时填写）" hint="以与申请人（双方）确认之日为收到申请之日（条例第三十一条）" value={v.confirmedOn} error={e('confirmedOn')} required={false} />
        <Select name="assignedUserId" label="经办人" placeholder="稍后指定" options={p.officers.map((o) => ({ value: String(o.id), label: o.name }))} value={v.assignedUserId} required={false} />
        <h2 className="gk-heading-m">申请人信息</h2>
        <ApplicantFields v={v} errors={p.errors} locale={p.shell.locale} />
        <h2 className="gk-heading-m">所需政府信息</h2>
        <RequestFields v={v} errors={p.errors} locale={p.shell.locale} />
        <FileField name="attachments" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple label="申请材料扫描件" hint="PDF、JPG 或 PNG，每个不超过5MB" error={e('attachments')} required={false} />
        <Button>登记</Button>
      </form>
    </AdminLayout>
  );
}

/**
 * A case-page form that came back with errors: which form (an action, or an appeal form: `appeal-new`,
 * `appeal-<id>`), what was typed (echoed back) and the problems, each next to its field.
 */
export interface CaseFormState {
  form: string;
  values: FormValues;
  errors: readonly FieldError[];
}

/** The fields of one form on the case page: ids `field-<form>-<name>` (unique on the page), typed values echoed, errors next to fields. */
function formKit(form: string, st: CaseFormState | undefined) {
  const mine = st?.form === form ? st : undefined;
  return {
    idPrefix: form,
    /** the value typed last time (after an error), else the default */
    v: (name: string, fallback?: string | null) => (mine ? mine.values[name] ?? '' : fallback ?? undefined),
    e: (name: string) => (mine ? errorFor(mine.errors, name) : undefined),
  };
}

/** The field names each case-page action form has (errors on other fields — e.g. a stale version — are listed without a link). */
export const ACTION_FORM_FIELDS: Partial<Record<Action, readonly string[]>> = {
  assign: ['userId'], confirmReceipt: ['receivedOn'], requestCorrection: ['items', 'periodWorkdays'], recordCorrection: ['receivedOn', 'note'],
  startConsultation: ['partyType', 'party', 'matter'], endConsultation: ['opinion', 'answeredOn', 'note'], requestExtension: ['days', 'reason'],
  approveExtension: ['note'], rejectExtension: ['note'], approveReply: ['note'], returnReply: ['note'], issueFeeNotice: ['method', 'pages', 'waiverRefusedReason'],
  recordPayment: ['paidOn'], reply: ['outcome', 'reasons', 'otherAgency', 'attachments', 'catalogueItemIds'], recordDelivery: ['method', 'deliveredOn'], reopen: ['reason'], withdraw: ['withdrawnOn', 'note'],
};

function ActionForm({ a, d, csrf, st, children }: { a: Action; d: ApplicationDetail; csrf: string; st?: CaseFormState; children?: ReactNode }) {
  const fields = ACTION_FORM_FIELDS[a] ?? [];
  return (
    <form method="post" action={`/admin/applications/${d.id}/actions/${a}`} className="gk-action-form" data-action={a} noValidate {...(a === 'reply' ? { encType: 'multipart/form-data' } : {})}>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={d.version} />
      {st?.form === a ? <ErrorSummary errors={st.errors} idPrefix={a} linked={(f) => fields.includes(f)} /> : null}
      {children}
      <Button variant={a === 'withdraw' || a === 'lapseCorrection' || a === 'lapseFee' || a === 'returnReply' || a === 'rejectExtension' ? 'secondary' : 'primary'}>{ACTION_LABELS[a]}</Button>
    </form>
  );
}

/** Short form of an outcome's legal basis for the reply choices: "条例第三十六条第二项". */
export function outcomeChoiceLabel(code: OutcomeCode): string {
  const o = outcomeDef(code);
  const basis = o.basis.replace(/《中华人民共和国政府信息公开条例》/g, '条例');
  // 其他处理 (表三（六）3): the 条例 names no single article for it; the officer cites the article in the reasons (reply schema).
  return code === 'other' ? `${o.label}（表三（六）3）— 依据的条例条款在理由中写明` : `${o.label} — ${basis}`;
}

/**
 * The draft the reviewer returned (退回修改), to reopen the reply form with: outcome, reasons and the other agency of
 * the last 拟写答复 when a 退回修改 followed it.
 */
export function returnedDraft(ledger: readonly { kind: string; data: Record<string, unknown> }[]): { outcome?: string; reasons?: string; otherAgency?: string } | null {
  let draft: { outcome?: string; reasons?: string; otherAgency?: string } | null = null;
  let returned = false;
  for (const e of ledger) {
    if (e.kind === 'reply_drafted') {
      const str = (k: string) => (typeof e.data[k] === 'string' ? (e.data[k] as string) : undefined);
      draft = { outcome: str('outcome'), reasons: str('reasons'), otherAgency: str('otherAgency') };
      returned = false;
    } else if (e.kind === 'reply_returned') returned = true;
    else if (e.kind === 'reply_approved') { draft = null; returned = false; }
  }
  return returned ? draft : null;
}

function actionFields(a: Action, d: ApplicationDetail, st: CaseFormState | undefined): ReactNode {
  const { idPrefix, v, e } = formKit(a, st);
  const k = (name: string, fallback?: string | null) => ({ name, idPrefix, value: v(name, fallback), error: e(name) });
  switch (a) {
    case 'assign':
      return <Select {...k('userId', d.assignedUserId ? String(d.assignedUserId) : undefined)} label="经办人" options={d.officers.map((o) => ({ value: String(o.id), label: o.name }))} placeholder="请选择" />;
    case 'confirmReceipt':
      return <DateField {...k('receivedOn')} label="与申请人确认收到的日期" hint="不填则为今天（条例第三十一条第三项：以双方确认之日为收到申请之日）" required={false} />;
    case 'requestCorrection':
      return (
        <>
          <Textarea {...k('items')} label="需要补正的全部事项（每行一项）" hint="条例第三十条：一次性告知，之后不能再次要求补正" rows={4} />
          <TextField {...k('periodWorkdays', '15')} label="补正期限（工作日）" inputMode="numeric" className="gk-width-5" />
        </>
      );
    case 'recordCorrection':
      return <><DateField {...k('receivedOn')} label="收到补正材料的日期" required={false} /><Textarea {...k('note')} label="补正内容说明" hint="申请人补正了什么（记入办理记录）" required={false} rows={2} /></>;
    case 'startConsultation':
      return (
        <>
          <Radios {...k('partyType', 'third_party')} label="征求对象" options={[{ value: 'third_party', label: '第三方（条例第三十二条）' }, { value: 'co_agency', label: '共同制作机关（条例第三十四条）' }]} inline />
          <TextField {...k('party')} label="征求对象名称" />
          <Textarea {...k('matter')} label="征求意见的事项" rows={3} />
        </>
      );
    case 'endConsultation':
      return (
        <>
          <Radios {...k('opinion')} label="意见" options={[{ value: 'agree', label: '同意公开' }, { value: 'object', label: '不同意公开' }, { value: 'no_answer', label: '逾期未提出意见' }]} inline />
          <DateField {...k('answeredOn')} label="收到意见的日期" required={false} hint={d.clock.consultationCap ? `征求意见期限至 ${d.clock.consultationCap}（15个工作日）` : undefined} />
          <Textarea {...k('note')} label="意见说明" required={false} rows={2} />
        </>
      );
    case 'requestExtension':
      return <><TextField {...k('days', '20')} label="延长的工作日数" hint="最长20个工作日（条例第三十三条第二款）" inputMode="numeric" className="gk-width-5" /><Textarea {...k('reason')} label="延期理由" rows={2} /></>;
    case 'approveExtension': case 'rejectExtension':
      return <Textarea {...k('note')} label="审批意见" required={false} rows={2} />;
    case 'approveReply':
      return <Textarea {...k('note')} label="审核意见" required={false} rows={2} />;
    case 'returnReply':
      return <Textarea {...k('note')} label="退回理由" hint="经办人修改答复时会看到" rows={2} />;
    case 'issueFeeNotice':
      return (
        <>
          <Radios {...k('method')} label="计收方式（一件申请只能选一种）" options={[{ value: 'per_item', label: '按件计收（本自然月第11件起）' }, { value: 'per_page', label: '按量计收（超过30页）' }]} inline />
          <TextField {...k('pages')} label="页数（按量计收时填写）" required={false} inputMode="numeric" className="gk-width-5" />
          <Textarea {...k('waiverRefusedReason')} label="不予减免费用的理由（申请人申请减免费用时必填）" hint="决定减免的，不发收费通知" required={false} rows={2} />
        </>
      );
    case 'recordPayment':
      return <DateField {...k('paidOn')} label="缴费日期" required={false} />;
    case 'reply': {
      // After 退回修改 the form opens with the returned draft; after an error, with what was typed.
      const draft = returnedDraft(d.ledger);
      return (
        <>
          {draft && st?.form !== 'reply' ? <p className="gk-hint">已填入退回修改前的答复，请按退回理由修改后重新提交审核。</p> : null}
          <Select {...k('outcome', draft?.outcome)} label="办理结果（对应年度报告表三的一行）" placeholder="请选择" options={REPLY_OUTCOMES.map((o) => ({ value: o, label: outcomeChoiceLabel(o) }))} />
          <Textarea {...k('reasons', draft?.reasons)} label="理由和说明" hint="不予公开、部分公开等必须说明理由；“其他处理”须写明所依据的条例条款" rows={4} required={false} />
          <TextField {...k('otherAgency', draft?.otherAgency)} label="负责公开的机关（不属于本机关负责公开时填写）" required={false} />
          <FileField name="attachments" idPrefix={k('attachments').idPrefix} accept=".pdf,.docx,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png" multiple label="公开的信息（予以公开、部分公开时附上）"
            hint="PDF、DOCX（Word）、JPG 或 PNG，每个不超过5MB，最多5个；每个文件可在区分处理页面遮盖，申请人只能下载遮盖后重新生成的 PDF。审核通过后随答复书冻结，申请人凭查询码和联系电话下载。页面提示错误时，请重新选择文件。" error={k('attachments').error} required={false} />
          <TextField {...k('catalogueItemIds')} label="已主动公开的信息编号（可选）" hint="信息已经主动公开的，填写目录中的编号，多个用逗号分隔" required={false} />
        </>
      );
    }
    case 'recordDelivery':
      return <><Select {...k('method')} label="送达方式" options={opt(['电子邮件', '邮寄', '自行领取', '现场送达', '传真', '其他'])} /><DateField {...k('deliveredOn')} label="送达日期" required={false} /></>;
    case 'reopen':
      return <Textarea {...k('reason')} label="重新打开的原因（补充答复）" rows={2} />;
    case 'withdraw':
      return <><DateField {...k('withdrawnOn')} label="撤回日期" required={false} /><Textarea {...k('note')} label="撤回说明" required={false} rows={2} /></>;
    default:
      return null;
  }
}

/** Fields of the appeal forms on the case page (errors on other fields are listed without a link). */
export const APPEAL_NEW_FIELDS: readonly string[] = ['kind', 'filedOn', 'bodyName', 'caseNumber'];
export const APPEAL_UPDATE_FIELDS: readonly string[] = ['result', 'closedOn'];

function AppealNewFields({ st }: { st?: CaseFormState }) {
  const { idPrefix, v, e } = formKit('appeal-new', st);
  return (
    <>
      <Radios name="kind" idPrefix={idPrefix} label="类型" options={Object.entries(APPEAL_KIND_LABELS).map(([value, label]) => ({ value, label }))} value={v('kind', 'review')} error={e('kind')} />
      <DateField name="filedOn" idPrefix={idPrefix} label="申请复议或者起诉的日期" value={v('filedOn')} error={e('filedOn')} />
      <TextField name="bodyName" idPrefix={idPrefix} label="复议机关或者法院" value={v('bodyName')} error={e('bodyName')} required={false} />
      <TextField name="caseNumber" idPrefix={idPrefix} label="案号" value={v('caseNumber')} error={e('caseNumber')} required={false} />
    </>
  );
}

/** Field names of the 第四十四条 form (errors on others, e.g. a stale version, are listed without a link). */
export const PUBLICATION_FORM_FIELDS: readonly string[] = ['title', 'summary', 'body', 'kind', 'category', 'fileIds'];

const catalogueKindOptions = ITEM_KINDS.map((k) => ({ value: k.key, label: k.label }));
const article20Options = ARTICLE20_CATEGORIES.map((c) => ({ value: String(c.no), label: `${c.item} ${c.text}` }));

/**
 * 条例 第四十四条 on the case page: the drafts made from the case, a dismissal, the suggestion when other applicants asked
 * for the same information, and — for the handling agency's officer or leader — the proposed draft as a form (one step to
 * a catalogue draft) and the decision not to publish.
 */
function PublicationSection({ d, csrf, st, locale }: { d: ApplicationDetail; csrf: string; st?: CaseFormState; locale: Locale }) {
  const pub = d.publication;
  if (!pub.eligible && pub.drafts.length === 0) return null;
  const { idPrefix, v, e } = formKit('publication', st);
  const dismiss = formKit('publication-dismiss', st);
  const prop = pub.proposal;
  const chosen = st?.form === 'publication' ? (st.values.fileIds ?? '').split(',').filter(Boolean) : prop?.files.map((f) => String(f.id)) ?? [];
  return (
    <section aria-labelledby="case-publication" id="case-publication-section">
      <h2 className="gk-heading-m" id="case-publication">{t(locale, 'applications.admin.publication')}</h2>
      {pub.suggestion ? (
        <Notice kind="warning" title="建议转为主动公开（条例第四十四条）">
          <p data-testid="publication-suggestion">{pub.suggestion.message}</p>
          <p>相近的申请：{pub.suggestion.matches.map((m) => `#${m.id}（相似度${m.similarity}）`).join('、')}</p>
        </Notice>
      ) : null}
      {pub.drafts.length ? (
        <ul className="gk-list" data-testid="publication-drafts">
          {pub.drafts.map((x) => <li key={x.id}>已生成主动公开目录条目：<a href={`/admin/catalogue/${x.id}`}>{x.indexNo} {x.title}</a>（{x.stateLabel}）</li>)}
        </ul>
      ) : null}
      {pub.relatedDrafts.length ? (
        <p>相同的信息已由其他申请转为主动公开：{pub.relatedDrafts.map((x) => <span key={x.id}><a href={`/admin/catalogue/${x.id}`}>{x.indexNo} {x.title}</a>（申请 #{x.applicationId}） </span>)}</p>
      ) : null}
      {pub.dismissed ? <p data-testid="publication-dismissed">已于 {pub.dismissed.at.slice(0, 10)} 决定不转为主动公开{pub.dismissed.by ? `（${pub.dismissed.by}）` : ''}{pub.dismissed.reason ? `：${pub.dismissed.reason}` : '。'}</p> : null}
      {pub.mayAct && prop ? (
        <details className="gk-details" open={Boolean(pub.suggestion) || st?.form === 'publication'}>
          <summary className="gk-details__summary">转为主动公开：生成目录草稿</summary>
          <p className="gk-hint">依照条例第四十四条，依申请公开的信息经审核属于主动公开范围的，应当及时主动公开。草稿生成后在主动公开目录中按保密审查、审核、发布办理；申请人的姓名、证件号码、联系电话、地址和电子邮箱不会被复制。</p>
          {prop.omitted.map((m) => <Notice key={m} kind="warning">{m}</Notice>)}
          <form method="post" action={`/admin/applications/${d.id}/catalogue-draft`} noValidate data-testid="publication-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={d.version} />
            <input type="hidden" name="filesOffered" value="1" />
            {st?.form === 'publication' ? <ErrorSummary errors={st.errors} idPrefix="publication" linked={(f) => PUBLICATION_FORM_FIELDS.includes(f)} /> : null}
            <TextField name="title" idPrefix={idPrefix} label="标题" value={v('title', prop.title)} error={e('title')} maxLength={300} />
            <Textarea name="summary" idPrefix={idPrefix} label="内容概述" value={v('summary', prop.summary)} error={e('summary')} rows={3} />
            <Textarea name="body" idPrefix={idPrefix} label="正文" hint="段落之间空一行；生成后仍可在目录中编辑" value={v('body', prop.body)} error={e('body')} rows={6} />
            <Select name="kind" idPrefix={idPrefix} label="信息类型" options={catalogueKindOptions} value={v('kind', prop.kind)} error={e('kind')} />
            <Select name="category" idPrefix={idPrefix} label="第二十条类别" options={article20Options} value={v('category', String(prop.category))} error={e('category')} />
            {prop.files.length ? (
              <Checkboxes name="fileIds" idPrefix={idPrefix} label="随答复公开的文件：作为目录附件" hint="请确认文件内容不含个人信息；不含的取消勾选" required={false} error={e('fileIds')}
                options={prop.files.map((f) => ({ value: String(f.id), label: `${f.filename}（${Math.max(1, Math.ceil(f.size / 1024))} KB）${f.renamed ? '——原文件名含个人信息，已改名' : ''}` }))} values={chosen} />
            ) : null}
            <Button>生成主动公开草稿</Button>
          </form>
        </details>
      ) : null}
      {pub.mayAct && prop && !pub.dismissed ? (
        <details className="gk-details" open={st?.form === 'publication-dismiss'}>
          <summary className="gk-details__summary">不转为主动公开</summary>
          <form method="post" action={`/admin/applications/${d.id}/catalogue-draft/dismissal`} noValidate data-testid="publication-dismiss-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={d.version} />
            {st?.form === 'publication-dismiss' ? <ErrorSummary errors={st.errors} idPrefix="publication-dismiss" linked={(f) => f === 'reason'} /> : null}
            <Textarea name="reason" idPrefix="publication-dismiss" label="理由" hint="例如：仅涉及申请人本人的事项，不属于需要公众广泛知晓的信息" value={dismiss.v('reason')} error={dismiss.e('reason')} rows={2} required={false} />
            <Button variant="secondary">不转为主动公开</Button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

export function CasePage(p: { shell: AdminShell; d: ApplicationDetail; appeals: readonly AppealCase[]; showPersonal: boolean; attachments: boolean; formState?: CaseFormState }) {
  const { d, shell } = p;
  const c = d.clock;
  const status = c.status === 'overdue' ? 'overdue' : c.status === 'due_soon' ? 'dueSoon' : c.status === 'closed' ? 'done' : 'onTime';
  const a = d.applicant;
  const facts = ledgerFacts(d.ledger.map((e) => ({ kind: e.kind, on: e.on, data: e.data })));
  // an extension request waiting for the leader (第三十三条第二款): shown as 延期待批 until approved or refused
  const extReq = facts.extensionRequested ? [...d.ledger].reverse().find((e) => e.kind === 'extension_requested') : undefined;
  const ext = extReq ? { on: extReq.on, days: String(extReq.data.days ?? ''), reason: String(extReq.data.reason ?? '') } : null;
  // a 补正 awaited (第三十条): the reply clock stands still until the corrected application arrives
  const corrReq = d.state === 'correction_pending' ? d.ledger.find((e) => e.kind === 'correction_requested') : undefined;
  const corr = corrReq ? { on: corrReq.on, period: String(corrReq.data.periodWorkdays ?? '') } : null;
  // A refused form the page does not draw for this user (a role without the form, an appeal of another case):
  // its messages still reach the top of the page, so a refusal is never a page without an error summary.
  const drawn = new Set<string>([
    ...d.allowedActions.map((x) => x.action as string),
    ...p.appeals.map((x) => `appeal-${x.id}`),
    ...(['officer', 'leader'].includes(shell.user.role) ? ['appeal-new'] : []),
    ...(d.publication.mayAct && d.publication.proposal ? ['publication', ...(d.publication.dismissed ? [] : ['publication-dismiss'])] : []),
  ]);
  const orphan = p.formState && !drawn.has(p.formState.form) ? p.formState.errors : null;
  return (
    <AdminLayout {...shell} active="applications" title={t(shell.locale, 'applications.admin.caseTitle', { code: d.queryCode })}>
      <p><a href="/admin/applications">← 返回列表</a></p>
      {orphan ? <ErrorSummary errors={orphan} locale={shell.locale} idPrefix="page" linked={() => false} /> : null}
      <h1 className="gk-heading-l">{t(shell.locale, 'applications.admin.caseTitle', { code: d.queryCode })} <StatusTag text={d.stateLabel} tone="blue" />{ext ? <> <StatusTag text="延期待批" tone="amber" /></> : null}</h1>
      {ext ? (
        <Notice kind="info" title="延期待批">
          {ext.on} 申请延长答复期限 {ext.days} 个工作日（理由：{ext.reason}），等待政府信息公开工作机构负责人审批（条例第三十三条第二款）。{c.dueDate ? `批准前，答复期限仍为 ${c.dueDate}。` : ''}
        </Notice>
      ) : null}
      {corr && !c.dueDate ? (
        <section className="gk-deadline gk-deadline--blue" aria-labelledby="deadline-title" data-testid="correction-card">
          <h2 className="gk-deadline__title" id="deadline-title">答复期限暂停计算：等待申请人补正</h2>
          <SummaryList items={[
            { key: '补正告知发出日期', value: corr.on },
            { key: '补正期限', value: `${corr.period} 个工作日，至 ${c.applicantDue ?? '—'}` },
            { key: '答复期限', value: '收到补正后的申请之日起重新计算 20 个工作日（条例第三十条）' },
            { key: '逾期未补正', value: '申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）' },
          ]} />
          <details className="gk-details">
            <summary className="gk-details__summary">为什么是这样</summary>
            <ol className="gk-details__steps">{c.explanation.map((x, i) => <li key={i}>{x}</li>)}</ol>
          </details>
        </section>
      ) : c.dueDate ? (
        <DeadlineCard due={c.dueDate} workdaysLeft={c.workdaysRemaining ?? 0} status={status} provisional={c.provisional} explanation={c.explanation} title="答复期限" />
      ) : (
        <Notice kind="info" title="答复期限">
          {c.applicantDue ? `等待申请人：期限至 ${c.applicantDue}。${c.explanation.join(' ')}` : c.explanation.length ? c.explanation.join(' ') : d.state === 'submitted' ? '在线申请尚未确认收到：确认之日为收到申请之日（条例第三十一条第三项），答复期限从此起算。' : '—'}
        </Notice>
      )}
      {c.warnings.map((w) => <Notice key={w} kind="warning">{w}</Notice>)}
      {d.hints.length ? (
        <Notice kind="warning" title={t(shell.locale, 'applications.admin.hints')}>
          <ul>{d.hints.map((h) => <li key={h.kind}>{h.message}{h.kind === 'repeat' ? ` 相近的申请：${h.matches.map((m) => `#${m.id}（相似度${m.similarity}）`).join('、')}` : ''}</li>)}</ul>
        </Notice>
      ) : null}
      <div className="gk-grid">
        <section aria-labelledby="case-facts">
          <h2 className="gk-heading-m" id="case-facts">申请信息</h2>
          <SummaryList items={[
            { key: '申请人类型', value: d.applicantTypeLabel },
            // The service already applied the personal-data policy: outside the handling agency the name is masked (张*).
            { key: '申请人', value: a.name },
            ...(p.showPersonal ? [
              { key: '身份证明', value: a.type === 'natural_person' ? `${a.idType ?? ''} ${a.idNumber ?? ''}` : `统一社会信用代码 ${a.creditCode ?? ''}` },
              ...(a.contactPerson ? [{ key: '联系人', value: a.contactPerson }] : []),
              { key: '联系电话', value: a.phone },
              { key: '电子邮箱', value: a.email ?? '—' },
              { key: '通讯地址', value: a.address ?? '—' },
            ] : []),
            { key: '申请方式', value: d.channelLabel },
            { key: '提交日期', value: d.submittedOn },
            { key: '收到申请日期', value: d.receivedOn ?? '待确认' },
            { key: '申请内容', value: d.content },
            ...(d.docNumber ? [{ key: '文号', value: d.docNumber }] : []),
            { key: '提供方式 / 获取方式', value: `${d.provideForm} / ${d.obtainMethod}` },
            { key: '经办人', value: d.assignedName ?? '未指定' },
            { key: '办理结果', value: d.outcomeLabel ?? '尚未答复' },
            ...(d.fee ? [{ key: '信息处理费', value: `${d.fee.amount}元（${d.fee.explanation}）；缴费期限 ${d.fee.dueOn}；${d.fee.paidOn ? `已于 ${d.fee.paidOn} 缴纳` : '未缴纳'}` }] : []),
          ]} />
        </section>
        <section aria-labelledby="case-actions">
          <h2 className="gk-heading-m" id="case-actions">{t(shell.locale, 'applications.admin.actions')}</h2>
          {d.pendingReply ? (
            <Notice kind="info" title={`待审核的答复：${d.pendingReply.outcomeLabel}`}>
              <pre className="gk-letter-preview" data-testid="reply-preview">{d.pendingReply.preview}</pre>
            </Notice>
          ) : null}
          {d.allowedActions.length === 0 ? <p>{t(shell.locale, 'applications.admin.noActions')}</p> : null}
          {d.allowedActions.map((x) => (
            <details key={x.action} className="gk-details gk-action" open={d.allowedActions.length <= 2 || p.formState?.form === x.action || (x.action === 'reply' && returnedDraft(d.ledger) !== null)}>
              <summary className="gk-details__summary">{x.label}</summary>
              {x.warnings.map((w) => <Notice key={w} kind="warning">{w}</Notice>)}
              <ActionForm a={x.action} d={d} csrf={shell.csrfToken} st={p.formState}>{actionFields(x.action, d, p.formState)}</ActionForm>
            </details>
          ))}
        </section>
      </div>
      <PublicationSection d={d} csrf={shell.csrfToken} st={p.formState} locale={shell.locale} />
      <section aria-labelledby="case-letters">
        <h2 className="gk-heading-m" id="case-letters">{t(shell.locale, 'applications.admin.letters')}</h2>
        {d.letters.length ? (
          <ul className="gk-list">
            {d.letters.map((l) => (
              <li key={l.id}>
                {l.issuedOn} {l.kindLabel}（{l.number}）：
                <a href={`/admin/applications/${d.id}/letters/${l.id}.docx`} download>DOCX</a>{' · '}
                <a href={`/admin/applications/${d.id}/letters/${l.id}.pdf`} download>PDF</a>
              </li>
            ))}
          </ul>
        ) : <p>暂无文书。</p>}
      </section>
      {d.disclosedFiles.length ? (
        <section aria-labelledby="case-disclosed">
          <h2 className="gk-heading-m" id="case-disclosed">答复所附文件（区分处理）</h2>
          <ul className="gk-list">{d.disclosedFiles.map((x) => (
            <li key={x.id}>
              {x.filename}（{Math.ceil(x.size / 1024)} KB）{x.frozen ? <StatusTag text="已随答复书出具" tone="green" /> : x.redacted ? <StatusTag text="已生成遮盖后的文件" tone="blue" /> : <StatusTag text="待遮盖" tone="amber" />}
              {p.attachments ? <> <a href={`/admin/applications/${d.id}/disclosures/${x.id}/redaction`}>{x.frozen ? '对照原件和遮盖后的文件' : '遮盖 / 对照'}</a></> : null}
            </li>
          ))}</ul>
          <p className="gk-hint">申请人只能下载遮盖后的文件（由页面图像重新生成）；原件留在机关内部。</p>
        </section>
      ) : null}
      {d.attachments.length ? (
        <section aria-labelledby="case-attachments">
          <h2 className="gk-heading-m" id="case-attachments">{t(shell.locale, 'applications.admin.attachments')}</h2>
          <ul className="gk-list">{d.attachments.map((x) => <li key={x.id}>{p.attachments ? <a href={`/admin/applications/${d.id}/attachments/${x.id}`}>{x.filename}</a> : x.filename}（{Math.ceil(x.size / 1024)} KB）</li>)}</ul>
          {p.attachments ? null : <p className="gk-hint">附件是申请人的身份证明等个人信息，只有办理机关的经办人、审核人和负责人可以打开。</p>}
        </section>
      ) : null}
      <section aria-labelledby="case-appeals">
        <h2 className="gk-heading-m" id="case-appeals">{t(shell.locale, 'applications.admin.appeals')}</h2>
        {p.appeals.length ? (
          <ul className="gk-list">
            {p.appeals.map((x) => {
              const form = `appeal-${x.id}`;
              const { idPrefix, v, e } = formKit(form, p.formState);
              return (
                <li key={x.id}>
                  {x.kindLabel}，{x.filedOn} 立案{x.bodyName ? `（${x.bodyName}）` : ''}：{x.resultLabel}{x.closedOn ? `，${x.closedOn} 审结` : ''}
                  <form method="post" action={`/admin/appeals/${x.id}`} className="gk-inline-form" noValidate>
                    <CsrfField token={shell.csrfToken} />
                    <input type="hidden" name="version" value={x.version} />
                    <input type="hidden" name="applicationId" value={d.id} />
                    {p.formState?.form === form ? <ErrorSummary errors={p.formState.errors} idPrefix={form} linked={(f) => APPEAL_UPDATE_FIELDS.includes(f)} /> : null}
                    <Select name="result" idPrefix={idPrefix} label="结果" options={Object.entries(APPEAL_RESULT_LABELS).map(([value, label]) => ({ value, label }))} value={v('result', x.result)} error={e('result')} />
                    <DateField name="closedOn" idPrefix={idPrefix} label="审结日期" value={v('closedOn', x.closedOn)} error={e('closedOn')} required={false} />
                    <Button variant="secondary">更新</Button>
                  </form>
                </li>
              );
            })}
          </ul>
        ) : <p>没有关联的复议、诉讼案件。</p>}
        {['officer', 'leader'].includes(shell.user.role) ? (
          <details className="gk-details" open={p.formState?.form === 'appeal-new'}>
            <summary className="gk-details__summary">登记复议或诉讼案件</summary>
            <form method="post" action="/admin/appeals" noValidate>
              <CsrfField token={shell.csrfToken} />
              <input type="hidden" name="applicationId" value={d.id} />
              {p.formState?.form === 'appeal-new' ? <ErrorSummary errors={p.formState.errors} idPrefix="appeal-new" linked={(f) => APPEAL_NEW_FIELDS.includes(f)} /> : null}
              <AppealNewFields st={p.formState} />
              <Button variant="secondary">登记</Button>
            </form>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="case-timeline">
        <h2 className="gk-heading-m" id="case-timeline">{t(shell.locale, 'applications.admin.timeline')}</h2>
        <Timeline events={d.ledger.map((e) => ({ when: e.on, title: e.label, actor: e.actorName, detail: e.summary || undefined }))} />
      </section>
    </AdminLayout>
  );
}

export function TemplatesPage(p: { shell: AdminShell; templates: readonly TemplateView[]; canEdit: boolean }) {
  return (
    <AdminLayout {...p.shell} active="applications" title="文书模板">
      <p><a href="/admin/applications">← 依申请公开</a></p>
      <h1 className="gk-heading-l">文书模板</h1>
      <p>模板中的 {'{{占位符}}'} 在出具文书时替换为案件的内容。保存时先检查占位符；每次保存形成一个新版本，已出具的文书不受影响。</p>
      <DataTable caption="本机关的文书模板" rows={p.templates} rowKey={(x) => x.kind} columns={[
        { key: 'kind', header: '文书', rowHeader: true, render: (x) => (p.canEdit ? <a href={`/admin/letter-templates/${x.kind}`}>{x.label}</a> : x.label) },
        { key: 'title', header: '标题', render: (x) => x.title },
        { key: 'version', header: '版本', numeric: true, render: (x) => (x.version === 0 ? '默认' : String(x.version)) },
        { key: 'saved', header: '保存时间', render: (x) => x.savedAt?.slice(0, 16).replace('T', ' ') ?? '—' },
      ]} />
    </AdminLayout>
  );
}

export function TemplateEditPage(p: { shell: AdminShell; kind: LetterKind; values: { title: string; body: string }; version: number; errors: readonly FieldError[] }) {
  return (
    <AdminLayout {...p.shell} active="applications" title={`编辑模板：${LETTER_KIND_LABELS[p.kind]}`}>
      <p><a href="/admin/letter-templates">← 文书模板</a></p>
      <h1 className="gk-heading-l">编辑模板：{LETTER_KIND_LABELS[p.kind]}</h1>
      <p>当前版本：{p.version === 0 ? '默认模板' : `第${p.version}版`}</p>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <form method="post" action={`/admin/letter-templates/${p.kind}`} noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <TextField name="title" label="文书标题" value={p.values.title} error={errorFor(p.errors, 'title')} maxLength={100} />
        <Textarea name="body" label="正文" hint="段落之间空一行" value={p.values.body} error={errorFor(p.errors, 'body')} rows={18} />
        <Button>保存为新版本</Button>
      </form>
      <h2 className="gk-heading-m">可以使用的占位符</h2>
      <SummaryList items={Object.entries(PLACEHOLDERS).map(([k, v]) => ({ key: `{{${k}}}`, value: v }))} />
    </AdminLayout>
  );
}

export function OutboxPage(p: { shell: AdminShell; smtp: boolean; canRetry?: boolean; messages: readonly OutboxMessage[] }) {
  return (
    <AdminLayout {...p.shell} active="applications" title="邮件发件箱">
      <p><a href="/admin/applications">← 依申请公开</a></p>
      <h1 className="gk-heading-l">邮件发件箱</h1>
      <Notice kind="info">{p.smtp ? '已配置 SMTP：邮件会自动发送，下表是发送记录。' : '未配置 SMTP（SMTP_URL）：邮件不会发出，下表是将要发送的内容。'}</Notice>
      <DataTable caption="邮件" rows={p.messages} rowKey={(m) => String(m.id)} emptyText="还没有邮件。" columns={[
        { key: 'at', header: '时间', render: (m) => m.createdAt.slice(0, 16).replace('T', ' ') },
        { key: 'to', header: '收件人', render: (m) => m.to },
        { key: 'subject', header: '主题', rowHeader: true, render: (m) => (m.body === null ? <>{m.subject}<br /><span className="gk-hint">正文含申请人的个人信息，只有办理机关可以查看</span></> : <details><summary>{m.subject}</summary><pre className="gk-letter-preview">{m.body}</pre></details>) },
        { key: 'state', header: '状态', render: (m) => (m.sentAt ? <StatusTag status="done" text="已发送" />
          : m.failedAt ? <>
            <StatusTag text={`发送失败，已停止重试（共${m.attempts}次）：${m.error ?? ''}`} tone="red" />
            {p.canRetry ? <form method="post" action={`/admin/mail-outbox/${m.id}/retry`} id={`mail-${m.id}`}><input type="hidden" name="_csrf" value={p.shell.csrfToken} /><button className="gk-button gk-button--secondary" type="submit">重新发送</button></form> : null}
          </>
          : m.error ? <StatusTag text={`第${m.attempts}次发送失败，${m.nextAttemptAt ? `${m.nextAttemptAt.slice(0, 16).replace('T', ' ')} 再试` : '稍后再试'}：${m.error}`} tone="amber" />
          : <StatusTag text="待发送" tone="grey" />) },
      ]} />
    </AdminLayout>
  );
}

export { OUTCOMES };

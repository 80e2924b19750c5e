// Back-office pages of the catalogue: list (with 第二十六条 warnings), draft form, item page with the
// actions the workflow allows, statistics (table 二 第二十条第（一）项), import/export.
import {
  AdminLayout, Button, CsrfField, DataTable, DateField, DeadlineCard, ErrorSummary, FileField, Notice, Pagination, Radios, Select, StatusTag, SummaryList,
  TextField, Textarea, Timeline, errorFor, t, type AdminShell, type DeadlineStatus, type FieldError,
} from '../../ui/index.ts';
import { ARTICLE20_CATEGORIES, DISCLOSURE_ATTRIBUTES, ITEM_KINDS, VALIDITY, WITHHOLD_REASONS, article20Label, label } from '../../core/catalogue/categories.ts';
import { ACTION_LABELS, STATE_LABELS, type Action } from '../../core/catalogue/workflow.ts';
import { CLOCK_STATUS_LABELS, type Article26Clock } from '../../core/catalogue/clock.ts';
import { FORMATS, type FormatId } from '../../core/report/formats.ts';
import type { AdminListRow } from './catalogue.repository.ts';
import { ALLOWED_TYPES } from './catalogue.files.ts';
import { DRAFTER_ROLES, PORTAL_PAGE_EDITOR_ROLES } from './catalogue.schema.ts';
import type { ImportRowReport, ItemDetail } from './catalogue.service.ts';
import type { OriginStats } from './catalogue.origin.ts';

const kindOptions = ITEM_KINDS.map((k) => ({ value: k.key, label: k.label }));
const categoryOptions = ARTICLE20_CATEGORIES.map((c) => ({ value: String(c.no), label: `${c.item} ${c.text}` }));
const stateOptions = [...Object.entries(STATE_LABELS).map(([value, l]) => ({ value, label: l }))];

export function clockTag(c: Article26Clock): DeadlineStatus {
  return c.status === 'overdue' || c.status === 'published_late' ? 'overdue' : c.status === 'due_soon' || c.status === 'due_today' ? 'dueSoon' : c.status.startsWith('published') ? 'done' : 'onTime';
}

export function CatalogueListPage(p: {
  shell: AdminShell; rows: AdminListRow[]; total: number; page: number; query: Record<string, string | undefined>;
  warnings: Array<{ id: number; indexNo: string; title: string; clock: Article26Clock }>;
}) {
  const title = t(p.shell.locale, 'catalogue.admin.title');
  const role = p.shell.user.role;
  const urgent = p.warnings.filter((w) => w.clock.status !== 'on_time');
  // only the forms this role may submit are offered
  const drafts = (DRAFTER_ROLES as readonly string[]).includes(p.shell.user.role);
  const editsPages = (PORTAL_PAGE_EDITOR_ROLES as readonly string[]).includes(p.shell.user.role);
  return (
    <AdminLayout {...p.shell} active="catalogue" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <p>
        {drafts ? <><Button href="/admin/catalogue/new">新建目录条目</Button> <Button variant="secondary" href="/admin/catalogue/import">批量导入</Button>{' '}</> : null}
        <Button variant="secondary" href="/admin/catalogue/export.xlsx">导出 Excel</Button> <Button variant="secondary" href="/admin/catalogue/export.csv">导出 CSV</Button>{' '}
        <Button variant="secondary" href="/admin/catalogue/stats">第二十条第（一）项统计</Button>{' '}
        {editsPages ? <><Button variant="secondary" href="/admin/catalogue/pages/guide">编辑公开指南</Button> <Button variant="secondary" href="/admin/catalogue/pages/system">编辑公开制度</Button></> : null}
      </p>
      {role === 'admin' ? <Notice kind="info" title="系统管理员只能查看">系统管理员负责管理用户、机构和系统设置；目录条目由各机关的经办人起草、保密审查员审查、负责人审核后发布（职责分离）。</Notice> : null}
      {urgent.length ? (
        <Notice kind="warning" title={`第二十六条期限提醒：${urgent.length} 条信息即将到期或已超期`}>
          <ul>
            {urgent.slice(0, 10).map((w) => (
              <li key={w.id}>
                <a href={`/admin/catalogue/${w.id}`}>{w.title}</a>（{w.indexNo}）：{CLOCK_STATUS_LABELS[w.clock.status]}，截止 {w.clock.dueOn}，剩余 {w.clock.workingDaysLeft} 个工作日
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <form method="get" action="/admin/catalogue" className="gk-filters">
        <TextField name="q" label="标题、索引号或文号" value={p.query.q ?? ''} />
        <Select name="state" label="状态" options={stateOptions} value={p.query.state ?? ''} placeholder="全部" />
        <Select name="kind" label="信息类型" options={kindOptions} value={p.query.kind ?? ''} placeholder="全部" />
        <Select name="origin" label="来源" options={[{ value: 'application', label: '依申请转主动（条例第四十四条）' }]} value={p.query.origin ?? ''} placeholder="全部" />
        <Button variant="secondary">筛选</Button>
      </form>
      <DataTable
        caption={`目录条目（共 ${p.total} 条）`}
        rows={p.rows}
        rowKey={(r) => String(r.id)}
        columns={[
          { key: 'index', header: '索引号', render: (r) => r.index_no },
          { key: 'title', header: '标题', rowHeader: true, render: (r) => <><a href={`/admin/catalogue/${r.id}`}>{r.title}</a>{r.origin_application_id !== null ? <> <StatusTag text="依申请转主动" tone="grey" /></> : null}</> },
          { key: 'kind', header: '信息类型', render: (r) => label(ITEM_KINDS, r.kind) },
          { key: 'state', header: '状态', render: (r) => STATE_LABELS[r.state as keyof typeof STATE_LABELS] ?? r.state },
          { key: 'validity', header: '有效性', render: (r) => label(VALIDITY, r.validity) },
          { key: 'published', header: '发布日期', render: (r) => r.published_on ?? '—' },
        ]}
        emptyText="还没有目录条目"
      />
      <Pagination page={p.page} pageSize={20} total={p.total} baseHref="/admin/catalogue" query={p.query} />
    </AdminLayout>
  );
}

export interface DraftValues {
  title?: string; docNumber?: string | null; publisher?: string | null; madeOn?: string | null; formedOn?: string | null; kind?: string; category?: string;
  subject?: string | null; disclosure?: string; withholdReason?: string | null; summary?: string | null; body?: string; changeNote?: string | null;
  /** the item version the form was loaded from (optimistic locking) */
  version?: string;
}

export function DraftFormPage(p: {
  shell: AdminShell; action: string; values: DraftValues; errors?: FieldError[]; indexNo?: string; subjects: string[]; isNew: boolean;
  /** someone else saved the draft meanwhile: the form shows this user's unsaved input under this notice */
  staleNotice?: { detail: string; itemHref: string };
}) {
  const e = (f: string) => errorFor(p.errors, f);
  const v = p.values;
  const title = p.isNew ? '新建目录条目' : '编辑草稿';
  return (
    <AdminLayout {...p.shell} active="catalogue" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      {p.staleNotice ? (
        <Notice kind="warning" title="您的修改尚未保存：他人已在此期间保存了该草稿">
          <p>{p.staleNotice.detail}</p>
          <p>
            您填写的内容仍保留在下方。请先<a href={p.staleNotice.itemHref} target="_blank" rel="noopener">查看最新保存的内容（新窗口）</a>，
            确认无误后再点击“保存草稿”，将以下方内容覆盖最新版本。
          </p>
        </Notice>
      ) : null}
      {p.indexNo ? <p>索引号：<strong>{p.indexNo}</strong></p> : <p className="gk-hint">索引号在保存草稿时按本机关的索引号格式自动生成，发布前即可看到，且永不重复使用。</p>}
      <form method="post" action={p.action} encType="multipart/form-data" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        {!p.isNew && v.version ? <input type="hidden" name="version" value={v.version} /> : null}
        <TextField name="title" label="标题" value={v.title} error={e('title')} required maxLength={300} />
        <Select name="kind" label="信息类型" options={kindOptions} value={v.kind ?? ''} placeholder="请选择" error={e('kind')} required />
        <Select name="category" label="第二十条类别" hint="条例第二十条规定的 15 类主动公开内容" options={categoryOptions} value={v.category ?? ''} placeholder="请选择" error={e('category')} required />
        <Select name="subject" label="主题分类" options={p.subjects.map((s) => ({ value: s, label: s }))} value={v.subject ?? ''} placeholder="不选" error={e('subject')} required={false} />
        <TextField name="docNumber" label="文号" hint="如 芝审批发〔2024〕3号" value={v.docNumber} error={e('docNumber')} required={false} />
        <TextField name="publisher" label="发布机构" hint="不填则为本机关名称" value={v.publisher} error={e('publisher')} required={false} />
        <DateField name="madeOn" label="成文日期" value={v.madeOn} error={e('madeOn')} required={false} />
        <DateField name="formedOn" label="形成或变更日期" hint="第二十六条：自该日起 20 个工作日内公开；不填则取成文日期或今天" value={v.formedOn} error={e('formedOn')} required={false} />
        <Radios name="disclosure" label="公开属性" options={DISCLOSURE_ATTRIBUTES.map((d) => ({ value: d.key, label: d.label }))} value={v.disclosure ?? 'proactive'} error={e('disclosure')} inline />
        <Select name="withholdReason" label="不予公开理由" hint="仅在公开属性为“不予公开”时填写" options={WITHHOLD_REASONS.map((w) => ({ value: w.key, label: `${w.label}（${w.basis}）` }))} value={v.withholdReason ?? ''} placeholder="不适用" error={e('withholdReason')} required={false} />
        <Textarea name="summary" label="内容概述" value={v.summary} error={e('summary')} required={false} rows={3} />
        <Textarea name="body" label="正文" hint="每段一行；也可粘贴网页格式的正文（不安全的代码会被去除）" value={v.body} error={e('body')} rows={12} />
        <input type="hidden" name="bodyFormat" value={v.body && /<\/?(p|div|table|br|h\d)\b/i.test(v.body) ? 'html' : 'text'} />
        {!p.isNew ? <TextField name="changeNote" label="修订说明" value={v.changeNote} error={e('changeNote')} required={false} /> : null}
        {p.isNew ? <FileField name="attachment" label="附件" hint="PDF、Word（DOCX）、Excel（XLSX）或图片；按文件内容检查类型" error={e('attachment')} required={false} /> : null}
        <Button>保存草稿</Button>
      </form>
    </AdminLayout>
  );
}

function ActionForm({ id, action, csrf, version, children, variant }: { id: number; action: Action; csrf: string; version: number; children?: React.ReactNode; variant?: 'primary' | 'secondary' | 'warning' }) {
  return (
    <form method="post" action={`/admin/catalogue/${id}/actions`} className="gk-action-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="version" value={version} />
      {children}
      <Button variant={variant ?? 'primary'}>{ACTION_LABELS[action]}</Button>
    </form>
  );
}

export function ItemAdminPage(p: { shell: AdminShell; d: ItemDetail; errors?: FieldError[] }) {
  const { d } = p;
  const w = d.working;
  const csrf = p.shell.csrfToken;
  const acts = d.allowedActions;
  return (
    <AdminLayout {...p.shell} active="catalogue" title={w.title}>
      <h1 className="gk-heading-l">{w.title}</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <p>
        <StatusTag text={d.stateLabel} tone={d.state === 'published' ? 'green' : d.state === 'withdrawn' ? 'grey' : 'blue'} /> {d.public ? <a href={`/items/${d.id}`}>在门户中查看</a> : null}
      </p>
      {d.clock ? (
        <DeadlineCard title="第二十六条公开期限" due={d.clock.dueOn} workdaysLeft={d.clock.workingDaysLeft} status={clockTag(d.clock)} provisional={d.clock.provisional} explanation={d.clock.explanation} locale={p.shell.locale} />
      ) : null}
      <SummaryList
        caption="目录信息"
        items={[
          { key: '索引号', value: d.indexNo },
          { key: '信息类型', value: label(ITEM_KINDS, w.kind) },
          { key: '第二十条类别', value: article20Label(w.category as 1) },
          { key: '主题分类', value: w.subject ?? '—' },
          { key: '文号', value: w.doc_number ?? '—' },
          { key: '发布机构', value: w.publisher },
          { key: '成文日期', value: w.made_on ?? '—' },
          { key: '形成或变更日期', value: w.formed_on },
          { key: '发布日期', value: d.publishedOn ?? '未发布' },
          { key: '公开属性', value: label(DISCLOSURE_ATTRIBUTES, w.disclosure) + (w.withhold_reason ? `（${label(WITHHOLD_REASONS, w.withhold_reason)}）` : '') },
          { key: '有效性', value: label(VALIDITY, d.validity) + (d.validityChangedOn ? `（${d.validityChangedOn}${d.validityReason ? `，${d.validityReason}` : ''}）` : '') },
          { key: '保密审查', value: w.review_result ? `${w.review_result === 'pass' ? '通过' : '未通过'}：${w.review_basis ?? ''}（${w.reviewer_name ?? ''}，${(w.reviewed_at ?? '').slice(0, 10)}）` : '尚未审查' },
          { key: '审核', value: w.approved_at ? `${w.approver_name ?? ''} 于 ${w.approved_at.slice(0, 10)} 审核通过` : '尚未审核' },
          { key: '版本', value: `第 ${d.workingVersion} 版${d.publishedVersion ? `（门户显示第 ${d.publishedVersion} 版）` : ''}` },
          ...(d.origin ? [{
            key: '来源',
            value: <span data-testid="item-origin">依申请公开转为主动公开（条例第四十四条）{d.origin.caseUrl ? <>：<a href={d.origin.caseUrl}>查看原申请</a></> : null}</span>,
          }] : []),
        ]}
      />
      <h2 className="gk-heading-m">可进行的操作</h2>
      {acts.length === 0 ? <p>您当前没有可进行的操作。</p> : null}
      {d.separationNote ? <Notice kind="info" title="职责分离">{d.separationNote}</Notice> : null}
      {acts.includes('edit') ? <p><Button variant="secondary" href={`/admin/catalogue/${d.id}/edit`}>编辑草稿</Button></p> : null}
      {acts.includes('submit') ? <ActionForm id={d.id} action="submit" csrf={csrf} version={d.version} /> : null}
      {acts.includes('record_review') ? (
        <ActionForm id={d.id} action="record_review" csrf={csrf} version={d.version}>
          <Radios name="reviewResult" label="保密审查结果" options={[{ value: 'pass', label: '通过：可以公开' }, { value: 'fail', label: '不通过：退回修改' }]} value="pass" error={errorFor(p.errors, 'reviewResult')} inline />
          <Textarea name="basis" label="审查依据" hint="如：经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私（保守国家秘密法第三十五条）" error={errorFor(p.errors, 'basis')} rows={2} />
        </ActionForm>
      ) : null}
      {acts.includes('approve') ? <ActionForm id={d.id} action="approve" csrf={csrf} version={d.version} /> : null}
      {acts.includes('publish') ? <ActionForm id={d.id} action="publish" csrf={csrf} version={d.version} /> : null}
      {acts.includes('return') ? (
        <ActionForm id={d.id} action="return" csrf={csrf} version={d.version} variant="secondary">
          <TextField name="reason" label="退回理由" error={errorFor(p.errors, 'reason')} />
        </ActionForm>
      ) : null}
      {acts.includes('revise') ? <ActionForm id={d.id} action="revise" csrf={csrf} version={d.version} variant="secondary" /> : null}
      {acts.includes('abolish') && d.validity === 'valid' ? (
        <ActionForm id={d.id} action="abolish" csrf={csrf} version={d.version} variant="warning">
          <Radios name="validity" label="有效性变为" options={[{ value: 'abolished', label: '已废止' }, { value: 'expired', label: '已失效' }]} value="abolished" inline />
          <DateField name="effectiveOn" label="废止或失效日期" required={false} />
          <TextField name="reason" label="废止或失效理由" error={errorFor(p.errors, 'reason')} />
        </ActionForm>
      ) : null}
      {acts.includes('withdraw') ? (
        <ActionForm id={d.id} action="withdraw" csrf={csrf} version={d.version} variant="warning">
          <TextField name="reason" label="撤回理由" error={errorFor(p.errors, 'reason')} />
        </ActionForm>
      ) : null}
      {acts.includes('delete') && !d.publishedVersion ? <ActionForm id={d.id} action="delete" csrf={csrf} version={d.version} variant="warning" /> : null}

      <h2 className="gk-heading-m">附件</h2>
      {d.attachments.length ? (
        <ul>{d.attachments.map((a, i) => <li key={a.id}><AttachmentLink n={i + 1} href={`/admin/catalogue/attachments/${a.id}`} a={a} /></li>)}</ul>
      ) : <p>没有附件。</p>}
      {acts.includes('edit') ? (
        <form method="post" action={`/admin/catalogue/${d.id}/attachments`} encType="multipart/form-data">
          <CsrfField token={csrf} />
          <FileField name="attachment" label="添加附件" hint="PDF、Word（DOCX）、Excel（XLSX）或图片" error={errorFor(p.errors, 'attachment')} />
          <Button variant="secondary">上传</Button>
        </form>
      ) : null}

      <h2 className="gk-heading-m">政策解读</h2>
      {d.links.interpretations.length ? <ul>{d.links.interpretations.map((l) => <li key={l.id}><a href={`/admin/catalogue/${l.id}`}>{l.title}</a>（{STATE_LABELS[l.state as keyof typeof STATE_LABELS] ?? l.state}）</li>)}</ul> : null}
      {d.links.policies.length ? <p>本解读对应的文件：{d.links.policies.map((l) => <a key={l.id} href={`/admin/catalogue/${l.id}`}>{l.title}</a>)}</p> : null}
      {(w.kind === 'rule' || w.kind === 'normative') && p.shell.user.role === 'officer' && acts.length ? (
        <form method="post" action={`/admin/catalogue/${d.id}/link`}>
          <CsrfField token={csrf} />
          <TextField name="interpretationIndexNo" label="关联政策解读（填写解读的索引号）" error={errorFor(p.errors, 'interpretationIndexNo')} />
          <Button variant="secondary">关联</Button>
        </form>
      ) : null}

      <h2 className="gk-heading-m">正文</h2>
      <div className="gk-prose" dangerouslySetInnerHTML={{ __html: w.body_html }} />

      <h2 className="gk-heading-m">版本</h2>
      <ul>{d.versions.map((v) => <li key={v.versionNo}>第 {v.versionNo} 版：{v.title}（{STATE_LABELS[v.state as keyof typeof STATE_LABELS] ?? (v.state === 'superseded' ? '已被新版本替代' : v.state)}{v.publishedOn ? `，${v.publishedOn} 发布` : ''}）{v.changeNote ? `— ${v.changeNote}` : ''}</li>)}</ul>
      <h2 className="gk-heading-m">办理记录</h2>
      <Timeline events={d.events.map((e) => ({ when: e.at.slice(0, 16).replace('T', ' '), title: EVENT_LABELS[e.action] ?? e.action, actor: e.actorName }))} />
    </AdminLayout>
  );
}

const EVENT_LABELS: Record<string, string> = {
  create: '起草', edit: '修改草稿', attach: '添加附件', detach: '删除附件', submit: '提交保密审查', record_review: '记录保密审查结果', approve: '审核通过', return: '退回修改',
  publish: '发布', revise: '修订（新版本）', withdraw: '撤回', abolish: '废止', link: '关联政策解读', import: '批量导入',
};

export function StatsPage(p: { shell: AdminShell; year: number; format: FormatId; values: Record<string, Record<string, number>>; records: Record<string, Record<string, number[]>>; titles: Record<number, string>; origin: OriginStats }) {
  const block = FORMATS[p.format].table2[0]!;
  return (
    <AdminLayout {...p.shell} active="catalogue" title="主动公开统计">
      <h1 className="gk-heading-l">{block.key}统计（{p.year} 年，{FORMATS[p.format].source}）</h1>
      <form method="get" action="/admin/catalogue/stats">
        <TextField name="year" label="年度" value={String(p.year)} inputMode="numeric" />
        <Select name="format" label="年报格式" options={[{ value: '2021', label: '2021 年格式（国办公开办函〔2021〕30号）' }, { value: '2019', label: '2019 年格式（国办公开办函〔2019〕60号）' }]} value={p.format} />
        <Button variant="secondary">查看</Button>
      </form>
      <div className="gk-table-wrap">
        <table className="gk-table gk-official">
          <caption>{block.key}</caption>
          <thead><tr><th scope="col">信息内容</th>{block.columns.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {block.rows.map((r) => (
              <tr key={r}><th scope="row">{r}</th>{block.columns.map((c) => <td className="gk-num" key={c} data-row={r} data-col={c}>{p.values[r]?.[c] ?? 0}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="gk-heading-m">每个数字对应的条目</h2>
      {block.rows.map((r) => block.columns.map((c) => (p.records[r]?.[c]?.length ? (
        <details key={`${r}-${c}`}><summary>{r} · {c}：{p.records[r]![c]!.length} 件</summary><ul>{p.records[r]![c]!.map((id) => <li key={id}><a href={`/admin/catalogue/${id}`}>{p.titles[id]}</a></li>)}</ul></details>
      ) : null)))}
      <h2 className="gk-heading-m" id="origin-stats">依申请公开转为主动公开（条例第四十四条）</h2>
      <SummaryList
        caption={`${p.year} 年`}
        items={[
          { key: '本年转为主动公开的草稿', value: <span data-testid="origin-drafted">{p.origin.drafted} 条</span> },
          { key: '本年发布', value: <span data-testid="origin-published">{p.origin.published} 条</span> },
        ]}
      />
      {p.origin.items.length ? (
        <ul>{p.origin.items.map((i) => <li key={i.id}><a href={`/admin/catalogue/${i.id}`}>{i.indexNo} {i.title}</a>（{i.state === 'withdrawn' ? '已撤回' : STATE_LABELS[i.state as keyof typeof STATE_LABELS] ?? i.state}{i.firstPublishedOn ? `，${i.firstPublishedOn} 发布` : ''}）</li>)}</ul>
      ) : <p>本年没有依申请公开转为主动公开的信息。</p>}
      <p><a href="/admin/catalogue?origin=application">目录中全部“依申请转主动”的条目</a></p>
    </AdminLayout>
  );
}

export function ImportPage(p: { shell: AdminShell; reports?: ImportRowReport[]; imported?: number; dryRun?: boolean; errors?: FieldError[] }) {
  const bad = p.reports?.filter((r) => r.problems.length) ?? [];
  return (
    <AdminLayout {...p.shell} active="catalogue" title="批量导入目录">
      <h1 className="gk-heading-l">批量导入目录</h1>
      <ErrorSummary errors={p.errors} locale={p.shell.locale} />
      <p>上传 CSV 或 Excel（XLSX）文件，第一行为列名：索引号、标题、文号、发布机构、成文日期、发布日期、有效性、有效性变更日期、第二十条类别、主题分类、信息类型、公开属性、不予公开理由、内容概述、正文。先“检查”，无误后再“导入”。</p>
      {p.reports ? (
        bad.length ? (
          <Notice kind="error" title={`共 ${p.reports.length} 行，其中 ${bad.length} 行有问题，未导入任何一行`}>
            <div className="gk-table-wrap">
              <table className="gk-table"><thead><tr><th scope="col">行号</th><th scope="col">标题</th><th scope="col">问题</th></tr></thead>
                <tbody>{bad.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.title}</td><td><ul>{r.problems.map((x, i) => <li key={i}>{x}</li>)}</ul></td></tr>)}</tbody></table>
            </div>
          </Notice>
        ) : p.dryRun ? <Notice kind="success" title={`检查通过：共 ${p.reports.length} 行，没有发现问题。请再次选择文件并点击“导入”。`} /> : <Notice kind="success" title={`已导入 ${p.imported} 条`} />
      ) : null}
      <form method="post" action="/admin/catalogue/import" encType="multipart/form-data">
        <CsrfField token={p.shell.csrfToken} />
        <FileField name="file" label="目录文件" hint="CSV（UTF-8 或 GB18030）或 XLSX" error={errorFor(p.errors, 'file')} accept=".csv,.xlsx" />
        <Button name="mode" value="check" variant="secondary">检查（不导入）</Button> <Button name="mode" value="import">导入</Button>
      </form>
    </AdminLayout>
  );
}

export function PortalPageEditor(p: { shell: AdminShell; slug: 'guide' | 'system'; title: string; body: string; generated: boolean }) {
  return (
    <AdminLayout {...p.shell} active="catalogue" title={p.slug === 'guide' ? '编辑政府信息公开指南' : '编辑政府信息公开制度'}>
      <h1 className="gk-heading-l">{p.slug === 'guide' ? '编辑政府信息公开指南' : '编辑政府信息公开制度'}</h1>
      {p.generated ? <Notice kind="info" title="以下内容由本机关的机构信息自动生成，保存后即为本机关的正式版本。" /> : null}
      <form method="post" action={`/admin/catalogue/pages/${p.slug}`}>
        <CsrfField token={p.shell.csrfToken} />
        <TextField name="title" label="标题" value={p.title} />
        <Textarea name="body" label="内容（网页格式）" value={p.body} rows={24} />
        <Button>保存</Button>
      </form>
    </AdminLayout>
  );
}

/**
 * An attachment as government sites list it: "附件1：《…》全文（PDF，120 KB）" — numbered, the file name without
 * its extension as the link text (underscores read as spaces), then the kind of file and its size.
 */
export function attachmentParts(n: number, a: { filename: string; size: number; mime: string }): { label: string; title: string; detail: string } {
  const dot = a.filename.lastIndexOf('.');
  const stem = (dot > 0 ? a.filename.slice(0, dot) : a.filename).replace(/_+/g, ' ').trim() || a.filename;
  const kind = Object.values(ALLOWED_TYPES).find((t) => t.mime === a.mime)?.label ?? (dot > 0 ? a.filename.slice(dot + 1).toUpperCase() : '文件');
  return { label: `附件${n}：`, title: stem, detail: `（${kind}，${Math.max(1, Math.ceil(a.size / 1024))} KB）` };
}

export function AttachmentLink({ n, href, a }: { n: number; href: string; a: { filename: string; size: number; mime: string } }) {
  const p = attachmentParts(n, a);
  return <>{p.label}<a href={href}>{p.title}</a>{p.detail}</>;
}

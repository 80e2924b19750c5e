// The public 办事指南 (no sign-in): the list of service items in use (search with the catalogue's Chinese search,
// filter by unit) and one item's guide — every filled element, the 材料目录 checklist with its blank forms and
// samples, 常见问题 — printable (the portal's print styles) and as a PDF with the embedded Noto Sans SC.
// Guides of the 审批服务局 and of each 街道 / 社区 are separate pages: an applicant goes to the unit's own window.
import { PortalLayout, Pagination, TextField, Button, type AgencyContact, type Locale, type Prefs } from '../../ui/index.ts';
import { displayValue, type ElementDef, type Faq, type Material } from '../../core/service-items/index.ts';
import type { ItemDetail, ItemSummary } from './service-items.service.ts';

export interface GuideCtx { locale: Locale; agency: AgencyContact; prefs: Prefs; currentPath: string }

export const GUIDE_TITLE = '政务服务事项办事指南';

export function GuideListPage(p: { ctx: GuideCtx; q: string; items: ItemSummary[]; total: number; page: number; pageSize: number }) {
  return (
    <PortalLayout {...p.ctx} title={GUIDE_TITLE} breadcrumbs={[{ href: '/', label: '首页' }, { href: '/services', label: GUIDE_TITLE }]}>
      <h1 className="gk-heading-l">{GUIDE_TITLE}</h1>
      <p>区行政审批服务局及各街道、社区实施的政务服务事项。每项办事指南列明设定依据、受理条件、申请材料、办理流程、办理时限、收费和咨询方式，可打印或下载 PDF。</p>
      <form method="get" action="/services" role="search" aria-label="查找办事指南" className="gk-filters">
        <TextField name="q" label="事项名称、编码或材料" hint="输入 2 个字及以上，如“食品经营”“营业执照”" value={p.q} type="search" />
        <Button>查找</Button>
      </form>
      <p className="gk-result-count" role="status">共 {p.total} 项</p>
      <div className="gk-table-wrap">
        <table className="gk-table">
          <thead><tr><th scope="col">事项名称</th><th scope="col">事项类型</th><th scope="col">实施单位</th><th scope="col">状态</th></tr></thead>
          <tbody>
            {p.items.map((i) => (
              <tr key={i.id}><td><a href={`/services/${i.id}`}>{i.name}</a></td><td>{i.type}</td><td>{i.agency}（{i.levelLabel}）</td><td>{i.statusLabel}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/services" query={p.q ? { q: p.q } : {}} locale={p.ctx.locale} />
    </PortalLayout>
  );
}

/** Elements shown as rows of the guide (materials and FAQ have their own sections; codes stay in the header). */
export function guideRows(schema: readonly ElementDef[], it: ItemDetail): { label: string; value: string }[] {
  return schema.filter((e) => e.kind !== 'materials' && e.kind !== 'faq' && !['name', 'implCode', 'basicCode'].includes(e.key))
    .map((e) => ({ label: e.label, value: displayValue(e, it.values[e.key]) }))
    .filter((r) => r.value !== '');
}

export function fileHref(itemId: number, name: string): string {
  return `/services/${itemId}/files/${encodeURIComponent(name)}`;
}

export function GuidePage(p: { ctx: GuideCtx; item: ItemDetail; files: ReadonlySet<string> }) {
  const it = p.item;
  const materials = (Array.isArray(it.values.materials) ? it.values.materials : []) as Material[];
  const faq = (Array.isArray(it.values.faq) ? it.values.faq : []) as Faq[];
  const file = (name: string, label: string) => (name && p.files.has(name) ? <a href={fileHref(it.id, name)}>{label}</a> : name ? `${label}（请到窗口领取）` : '');
  return (
    <PortalLayout {...p.ctx} title={`${it.name} 办事指南`} breadcrumbs={[{ href: '/', label: '首页' }, { href: '/services', label: GUIDE_TITLE }, { href: `/services/${it.id}`, label: it.name }]}>
      <article className="gk-guide">
        <h1 className="gk-heading-l">{it.name}</h1>
        <p>办事指南 · 实施单位：{it.agency}（{it.levelLabel}）· 实施编码 {it.code} · 基本编码 {it.basicCode}{it.status === 'suspended' ? ' · 本事项暂停办理' : ''}</p>
        <p className="gk-button-group">
          <Button href={`/services/${it.id}/guide.pdf`} variant="secondary">下载 PDF</Button>
        </p>
        <h2>基本信息</h2>
        <table className="gk-summary">
          <tbody>
            {guideRows(it.schema, it).map((r) => (
              <tr key={r.label}><th scope="row" className="gk-summary__key">{r.label}</th><td className="gk-summary__value" style={{ whiteSpace: 'pre-line' }}>{r.value}</td></tr>
            ))}
          </tbody>
        </table>
        <h2 id="materials">申请材料</h2>
        {materials.length === 0 ? <p>本事项未列申请材料，请咨询办理窗口。</p> : (
          <div className="gk-table-wrap">
            <table className="gk-table">
              <thead><tr><th scope="col">序号</th><th scope="col">材料名称</th><th scope="col">必要性</th><th scope="col">材料形式</th><th scope="col">来源渠道</th><th scope="col">份数</th><th scope="col">空白表格、示例样表</th><th scope="col">填报依据</th></tr></thead>
              <tbody>
                {materials.map((m, n) => (
                  <tr key={n}><td>{n + 1}</td><td>{m.name}</td><td>{m.necessity}</td><td>{m.form}</td><td>{m.source}</td><td>{m.copies}</td>
                    <td>{file(m.blankForm, '空白表格')}{m.blankForm && m.sample ? '；' : ''}{file(m.sample, '示例样表')}</td><td>{m.basis}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {faq.length > 0 && (
          <>
            <h2>常见问题</h2>
            <dl>{faq.map((f, n) => <div key={n}><dt>问：{f.q}</dt><dd>答：{f.a}</dd></div>)}</dl>
          </>
        )}
        {it.implementations.length > 0 && (
          <>
            <h2>街道、社区办理点</h2>
            <ul>{it.implementations.map((k) => <li key={k.id}><a href={`/services/${k.id}`}>{k.agency}</a></li>)}</ul>
          </>
        )}
        {it.parentId !== null && <p>本事项由区级部门确定，<a href={`/services/${it.parentId}`}>查看区级办事指南</a>。</p>}
      </article>
    </PortalLayout>
  );
}

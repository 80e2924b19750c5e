// Portal pages of the 政府信息公开专栏: 指南, 制度, 法定主动公开内容 (by 第二十条 category and subject), item page
// (metadata table as government sites show it), search with highlighted snippets.
import { PortalLayout, Pagination, Select, TextField, Button, type AgencyContact, type Locale, type Prefs, t } from '../../ui/index.ts';
import { ARTICLE20_CATEGORIES, ITEM_KINDS, VALIDITY, article20Label, label } from '../../core/catalogue/categories.ts';
import type { Segment } from '../../core/search/highlight.ts';
import type { PublicItem, SearchResult } from '../catalogue/catalogue.service.ts';
import type { PublicRow } from '../catalogue/catalogue.repository.ts';
import { AttachmentLink } from '../catalogue/catalogue.pages.tsx';

export interface PortalCtx {
  locale: Locale;
  agency: AgencyContact;
  prefs: Prefs;
  currentPath: string;
  /** ?agency=… suffix for links when the page is not the default portal agency */
  agencyQuery: string;
}

function Marked({ segments }: { segments: readonly Segment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

export function HtmlPage(p: { ctx: PortalCtx; section: 'guide' | 'rules'; title: string; html: string }) {
  return (
    <PortalLayout {...p.ctx} title={p.title} active={p.section} breadcrumbs={[{ href: '/', label: '首页' }, { href: p.section === 'guide' ? '/guide' : '/rules', label: p.title }]}>
      <h1 className="gk-heading-l">{p.title}</h1>
      <div className="gk-prose" dangerouslySetInnerHTML={{ __html: p.html }} />
    </PortalLayout>
  );
}

export function ProactivePage(p: { ctx: PortalCtx; counts: Map<number, number>; subjects: Array<{ subject: string; n: number }>; category: number | null; subject: string | null; rows: PublicRow[]; total: number; page: number }) {
  const title = t(p.ctx.locale, 'catalogue.portal.proactive');
  const sub = p.category ? article20Label(p.category as 1) : p.subject ? `主题：${p.subject}` : '最新公开';
  const aq = p.ctx.agencyQuery;
  return (
    <PortalLayout {...p.ctx} title={title} active="proactive" breadcrumbs={[{ href: '/', label: '首页' }, { href: `/proactive${aq}`, label: title }]}>
      <h1 className="gk-heading-l">{title}</h1>
      <div className="gk-columns">
        <nav aria-label="按第二十条类别浏览" className="gk-subnav">
          <h2 className="gk-heading-s">按类别（条例第二十条）</h2>
          <ul>
            {ARTICLE20_CATEGORIES.map((c) => (
              <li key={c.no}>
                <a href={`/proactive?category=${c.no}${aq ? `&${aq.slice(1)}` : ''}`} aria-current={p.category === c.no ? 'page' : undefined}>
                  {c.item}{c.text}（{p.counts.get(c.no) ?? 0}）
                </a>
              </li>
            ))}
          </ul>
          {p.subjects.length ? (
            <>
              <h2 className="gk-heading-s">按主题</h2>
              <ul>{p.subjects.map((s) => <li key={s.subject}><a href={`/proactive?subject=${encodeURIComponent(s.subject)}${aq ? `&${aq.slice(1)}` : ''}`}>{s.subject}（{s.n}）</a></li>)}</ul>
            </>
          ) : null}
        </nav>
        <section>
          <h2 className="gk-heading-m">{sub}</h2>
          <ItemTable rows={p.rows} />
          <Pagination page={p.page} pageSize={20} total={p.total} baseHref="/proactive" query={{ category: p.category ?? undefined, subject: p.subject ?? undefined }} locale={p.ctx.locale} />
        </section>
      </div>
    </PortalLayout>
  );
}

/** A 索引号 (e.g. 12370602780795309E/2025-00001) may break after its "/" and nowhere else. */
function IndexNo({ value }: { value: string }) {
  const at = value.indexOf('/');
  if (at < 0) return <span className="gk-nowrap">{value}</span>;
  return <><span className="gk-nowrap">{value.slice(0, at + 1)}</span><wbr /><span className="gk-nowrap">{value.slice(at + 1)}</span></>;
}

function ItemTable({ rows }: { rows: PublicRow[] }) {
  if (!rows.length) return <p>暂无信息。</p>;
  return (
    <div className="gk-table-wrap">
      <table className="gk-table gk-item-list">
        <caption className="gk-visually-hidden">信息列表</caption>
        <thead><tr><th scope="col">索引号</th><th scope="col">名称</th><th scope="col">文号</th><th scope="col">发布日期</th><th scope="col">有效性</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label="索引号"><IndexNo value={r.index_no} /></td>
              <th scope="row"><a href={`/items/${r.id}`}>{r.title}</a></th>
              <td data-label="文号" className="gk-nowrap">{r.doc_number ?? ''}</td>
              <td data-label="发布日期" className="gk-nowrap">{r.published_on}</td>
              <td data-label="有效性" className="gk-nowrap">{label(VALIDITY, r.validity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ItemPage(p: { ctx: PortalCtx; item: PublicItem }) {
  const it = p.item;
  return (
    <PortalLayout {...p.ctx} title={it.title} active="proactive" breadcrumbs={[{ href: '/', label: '首页' }, { href: '/proactive', label: '法定主动公开内容' }, { href: `/items/${it.id}`, label: it.title }]}>
      <table className="gk-meta-table gk-table">
        <caption className="gk-visually-hidden">信息目录</caption>
        <tbody>
          <tr><th scope="row">索引号</th><td data-field="indexNo"><IndexNo value={it.indexNo} /></td><th scope="row">主题分类</th><td>{it.subject ?? '—'}</td></tr>
          <tr><th scope="row">发布机构</th><td>{it.publisher}</td><th scope="row">成文日期</th><td className="gk-nowrap">{it.madeOn ?? '—'}</td></tr>
          <tr><th scope="row">文号</th><td className="gk-nowrap">{it.docNumber ?? '—'}</td><th scope="row">发布日期</th><td className="gk-nowrap">{it.publishedOn}</td></tr>
          <tr><th scope="row">有效性</th><td data-field="validity">{label(VALIDITY, it.validity)}{it.validityChangedOn && it.validity !== 'valid' ? `（${it.validityChangedOn}）` : ''}</td><th scope="row">信息类别</th><td>{article20Label(it.category as 1)} · {label(ITEM_KINDS, it.kind)}</td></tr>
          <tr><th scope="row">名称</th><td colSpan={3}>{it.title}</td></tr>
        </tbody>
      </table>
      <h1 className="gk-heading-l gk-doc-title">{it.title}</h1>
      {it.summary && !it.bodyHtml.includes(it.summary) ? <p className="gk-lead">{it.summary}</p> : null}
      <div className="gk-prose gk-doc-body" dangerouslySetInnerHTML={{ __html: it.bodyHtml }} />
      {it.attachments.length ? (
        <>
          <h2 className="gk-heading-m">附件</h2>
          <ul>{it.attachments.map((a, i) => <li key={a.id}><AttachmentLink n={i + 1} href={`/files/${a.id}`} a={a} /></li>)}</ul>
        </>
      ) : null}
      {it.interpretations.length ? (
        <>
          <h2 className="gk-heading-m">相关解读</h2>
          <ul>{it.interpretations.map((l) => <li key={l.id}><a href={`/items/${l.id}`}>{l.title}</a></li>)}</ul>
        </>
      ) : null}
      {it.policies.length ? (
        <>
          <h2 className="gk-heading-m">解读的文件</h2>
          <ul>{it.policies.map((l) => <li key={l.id}><a href={`/items/${l.id}`}>{l.title}</a></li>)}</ul>
        </>
      ) : null}
    </PortalLayout>
  );
}

export function SearchPage(p: {
  ctx: PortalCtx; q: string; scope: 'agency' | 'site'; filters: { category?: number; kind?: string; year?: number; validity?: string };
  result: { items: SearchResult[]; total: number; capped: boolean; page: number; pageSize: number } | null;
  /** 政务服务事项 matching the query (their 办事指南) */
  guides?: { items: readonly { id: number; name: string; agency: string; type: string }[]; total: number };
}) {
  const title = t(p.ctx.locale, 'catalogue.portal.search');
  const r = p.result;
  return (
    <PortalLayout {...p.ctx} title={title} query={p.q} breadcrumbs={[{ href: '/', label: '首页' }, { href: '/search', label: title }]}>
      <h1 className="gk-heading-l">{title}</h1>
      <form method="get" action="/search" role="search" aria-label="高级检索（条件筛选）" className="gk-filters">
        <TextField name="q" label="检索词" hint="输入 2 个字及以上，如“许可”“行政复议”；多个词用空格分开" value={p.q} type="search" />
        <Select name="scope" label="范围" options={[{ value: 'agency', label: `本机关（${p.ctx.agency.name}）` }, { value: 'site', label: '全站' }]} value={p.scope} />
        <Select name="category" label="第二十条类别" options={ARTICLE20_CATEGORIES.map((c) => ({ value: String(c.no), label: `${c.item}${c.text}` }))} value={p.filters.category ? String(p.filters.category) : ''} placeholder="全部" required={false} />
        <Select name="kind" label="信息类型" options={ITEM_KINDS.map((k) => ({ value: k.key, label: k.label }))} value={p.filters.kind ?? ''} placeholder="全部" required={false} />
        <TextField name="year" label="发布年份" value={p.filters.year ? String(p.filters.year) : ''} inputMode="numeric" required={false} />
        <Select name="validity" label="有效性" options={VALIDITY.map((v) => ({ value: v.key, label: v.label }))} value={p.filters.validity ?? ''} placeholder="全部" required={false} />
        <Button>搜索</Button>
      </form>
      {p.guides ? (
        <section aria-labelledby="guides-title" className="gk-guides">
          <h2 className="gk-heading-m" id="guides-title">政务服务事项办事指南（{p.guides.total} 项）</h2>
          <ul>{p.guides.items.map((g) => <li key={g.id}><a href={`/services/${g.id}`}>{g.name}</a>（{g.type}，{g.agency}）</li>)}</ul>
          {p.guides.total > p.guides.items.length ? <p><a href={`/services?q=${encodeURIComponent(p.q)}`}>查看全部 {p.guides.total} 项办事指南</a></p> : null}
        </section>
      ) : null}
      {r ? (
        <>
          <p className="gk-result-count" role="status">找到 {r.capped ? `${r.total} 条以上` : `${r.total} 条`}结果（标题命中在前，其次是信息类型、文号、发布机构、主题分类命中，最后是正文命中；同等相关按发布日期由新到旧）</p>
          <ol className="gk-results">
            {r.items.map((i) => (
              <li key={i.id} className="gk-result">
                <h2 className="gk-heading-s"><a href={`/items/${i.id}`}><Marked segments={i.titleSegments} /></a></h2>
                <p className="gk-result__snippet">{i.snippet.cutStart ? '…' : ''}<Marked segments={i.snippet.segments} />{i.snippet.cutEnd ? '…' : ''}</p>
                <p className="gk-result__meta"><span className="gk-result__meta-field">索引号 <IndexNo value={i.indexNo} /></span> · {i.publisher} · <span className="gk-result__meta-field">{i.publishedOn}</span> · {label(ITEM_KINDS, i.kind)}{i.docNumber ? <> · <span className="gk-result__meta-field">{i.docNumber}</span></> : null}{i.subject ? ` · 主题：${i.subject}` : ''} · <span className="gk-result__meta-field">{label(VALIDITY, i.validity)}</span></p>
              </li>
            ))}
          </ol>
          <Pagination page={r.page} pageSize={r.pageSize} total={r.total} baseHref="/search" query={{ q: p.q, scope: p.scope, category: p.filters.category, kind: p.filters.kind, year: p.filters.year, validity: p.filters.validity }} locale={p.ctx.locale} />
        </>
      ) : null}
    </PortalLayout>
  );
}

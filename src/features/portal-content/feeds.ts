// RSS 2.0 / Atom feeds and sitemap.xml (XML-escaped; dates as RFC 822 / RFC 3339).
import type { Agency } from '../agencies/agencies.service.ts';
import type { PublicRow } from '../catalogue/catalogue.repository.ts';

export const xmlEscape = (s: string | null | undefined) => (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// 00:00 Asia/Shanghai of a calendar date
const instant = (d: string) => new Date(`${d}T00:00:00+08:00`);

export function rssFeed(a: Agency, rows: readonly PublicRow[], base: string): string {
  const items = rows.map((r) => `<item><title>${xmlEscape(r.title)}</title><link>${xmlEscape(`${base}/items/${r.id}`)}</link><guid isPermaLink="false">${xmlEscape(`${a.creditCode}:${r.index_no}`)}</guid><pubDate>${instant(r.published_on ?? '1970-01-01').toUTCString()}</pubDate><description>${xmlEscape(`索引号：${r.index_no}${r.doc_number ? `；文号：${r.doc_number}` : ''}`)}</description></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${xmlEscape(`${a.name} 政府信息公开`)}</title><link>${xmlEscape(`${base}/proactive?agency=${a.creditCode}`)}</link><description>${xmlEscape(`${a.name}法定主动公开内容`)}</description><language>zh-cn</language>${items}</channel></rss>`;
}

export function atomFeed(a: Agency, rows: readonly PublicRow[], base: string): string {
  const updated = rows[0]?.published_on ? instant(rows[0].published_on).toISOString() : new Date(0).toISOString();
  const entries = rows.map((r) => `<entry><title>${xmlEscape(r.title)}</title><link href="${xmlEscape(`${base}/items/${r.id}`)}"/><id>${xmlEscape(`urn:gongkai:${a.creditCode}:${r.index_no}`)}</id><updated>${instant(r.published_on ?? '1970-01-01').toISOString()}</updated><summary>${xmlEscape(`索引号：${r.index_no}`)}</summary></entry>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title>${xmlEscape(`${a.name} 政府信息公开`)}</title><id>${xmlEscape(`urn:gongkai:${a.creditCode}`)}</id><link href="${xmlEscape(`${base}/proactive?agency=${a.creditCode}`)}"/><updated>${updated}</updated><author><name>${xmlEscape(a.name)}</name></author>${entries}</feed>`;
}

export function sitemapXml(urls: ReadonlyArray<{ loc: string; lastmod?: string }>, base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${xmlEscape(base + u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('')}</urlset>`;
}

// 政府信息公开指南 and 制度 generated from the agency's data (条例 第十二条: 指南 contains 政府信息的分类、编排体系、
// 获取方式，和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式), editable afterwards.
import { ARTICLE20_CATEGORIES } from '../../core/catalogue/categories.ts';
import { DEFAULT_INDEX_PATTERN, describeIndexPattern } from '../../core/catalogue/index-number.ts';
import type { Agency } from '../agencies/agencies.service.ts';

const esc = (s: string | null | undefined) => (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `today` (YYYY-MM-DD) dates the example 索引号. */
export function generatedGuideHtml(a: Agency, indexPattern = DEFAULT_INDEX_PATTERN, today = new Date().toISOString().slice(0, 10)): string {
  const body = a.workBodyName || `${a.name}办公室`;
  const idx = describeIndexPattern(indexPattern, { creditCode: a.creditCode, date: today });
  return [
    `<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制${esc(a.name)}政府信息公开指南。本指南每年更新，申请人在获取政府信息前请仔细阅读。</p>`,
    '<h2>一、主动公开</h2>',
    '<h3>（一）公开范围</h3>',
    `<p>本机关依照《条例》第二十条、第二十一条主动公开下列政府信息：</p><ol>${ARTICLE20_CATEGORIES.map((c) => `<li>${esc(c.text)}</li>`).join('')}</ol>`,
    '<h3>（二）分类与编排体系</h3>',
    `<p>主动公开的政府信息按《条例》第二十条规定的类别和主题分类编排，每条信息标注索引号、名称、内容概述、生成日期、发布机构、文号、有效性等。索引号由${esc(idx.words)}组成${idx.example ? `，例如“${esc(idx.example)}”` : ''}；流水号按年编排。</p>`,
    '<h3>（三）公开方式与时限</h3>',
    '<p>主动公开的政府信息通过本机关政府信息公开专栏“法定主动公开内容”发布，并可通过站内检索查询、下载。属于主动公开范围的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开（《条例》第二十六条）。</p>',
    '<h2>二、依申请公开</h2>',
    '<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条）。申请应当采用书面形式（包括数据电文形式），可通过本专栏“依申请公开”在线提交，也可当面、邮寄或传真提交申请表（《条例》第二十九条）。</p>',
    '<p>本机关收到申请能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长不超过 20 个工作日（《条例》第三十三条）。政府信息公开原则上不收取费用（《条例》第四十二条）。</p>',
    '<h2>三、政府信息公开工作机构</h2>',
    `<ul><li>名称：${esc(body)}</li><li>办公地址：${esc(a.address)}${a.postcode ? `（邮政编码 ${esc(a.postcode)}）` : ''}</li><li>办公时间：${esc(a.officeHours)}</li><li>联系电话：${esc(a.phone)}</li><li>传真号码：${esc(a.fax)}</li><li>电子邮箱：${esc(a.email)}</li><li>网站：${esc(a.website)}</li></ul>`,
    '<h2>四、监督和救济</h2>',
    `<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议${a.reviewBodyName ? `（复议机关：${esc(a.reviewBodyName)}）` : ''}或者提起行政诉讼（《条例》第五十一条）。</p>`,
  ].join('');
}

export function generatedSystemHtml(a: Agency): string {
  return [
    `<p>${esc(a.name)}依据《中华人民共和国政府信息公开条例》建立以下政府信息公开工作制度：</p>`,
    '<ol>',
    '<li>公开属性源头认定制度：拟制公文时明确主动公开、依申请公开、不予公开属性，不予公开的说明理由（国办发〔2016〕80号）。</li>',
    '<li>保密审查制度：拟公开的信息逐项进行保密审查，坚持“先审查、后公开”（《条例》第十七条，保守国家秘密法第三十五条）。</li>',
    '<li>政策解读制度：规章和行政规范性文件与政策解读同步起草、同步审签、同步发布。</li>',
    '<li>主动公开时限制度：信息形成或者变更之日起 20 个工作日内公开（《条例》第二十六条）。</li>',
    '<li>依申请公开办理制度：登记、补正、征求意见、延期、答复各环节依法办理并留痕（《条例》第二十七条至第四十五条）。</li>',
    '<li>动态调整制度：定期评估不予公开的政府信息，可以公开的及时公开（《条例》第十八条）。</li>',
    '<li>年度报告制度：每年 1 月 31 日前公布上一年度政府信息公开工作年度报告（《条例》第四十九条、第五十条）。</li>',
    '</ol>',
  ].join('');
}

// Catalogue vocabularies: the 15 categories of 第二十条, item kinds, 公开属性, 有效性.
// Sources: 《中华人民共和国政府信息公开条例》(国务院令第711号) 第二十条 (verbatim list), 第二十一条;
// 国办发〔2016〕80号 (公开属性 decided at drafting); docs: ogi-domain §3.7, §6.3, §7.2.

/** 条例 第二十条: 对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当依照…
 *  主动公开本行政机关的下列政府信息 — the 15 items, verbatim. `no` is the item number (1–15). */
export const ARTICLE20_CATEGORIES = [
  { no: 1, item: '（一）', text: '行政法规、规章和规范性文件' },
  { no: 2, item: '（二）', text: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名' },
  { no: 3, item: '（三）', text: '国民经济和社会发展规划、专项规划、区域规划及相关政策' },
  { no: 4, item: '（四）', text: '国民经济和社会发展统计信息' },
  { no: 5, item: '（五）', text: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果' },
  { no: 6, item: '（六）', text: '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定' },
  { no: 7, item: '（七）', text: '财政预算、决算信息' },
  { no: 8, item: '（八）', text: '行政事业性收费项目及其依据、标准' },
  { no: 9, item: '（九）', text: '政府集中采购项目的目录、标准及实施情况' },
  { no: 10, item: '（十）', text: '重大建设项目的批准和实施情况' },
  { no: 11, item: '（十一）', text: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况' },
  { no: 12, item: '（十二）', text: '突发公共事件的应急预案、预警信息及应对情况' },
  { no: 13, item: '（十三）', text: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况' },
  { no: 14, item: '（十四）', text: '公务员招考的职位、名额、报考条件等事项以及录用结果' },
  { no: 15, item: '（十五）', text: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息' },
] as const;

export type Article20No = (typeof ARTICLE20_CATEGORIES)[number]['no'];

export function isArticle20No(n: number): n is Article20No {
  return Number.isInteger(n) && n >= 1 && n <= 15;
}

/** "第二十条第（五）项 办理行政许可…" */
export function article20Label(no: Article20No): string {
  const c = ARTICLE20_CATEGORIES[no - 1]!;
  return `第二十条第${c.item}项 ${c.text}`;
}

/** 条例 第二十一条: extra content for 设区的市级、县级人民政府及其部门 (optional subject categories). */
export const ARTICLE21_SUBJECTS_COUNTY = ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'] as const;

/** Item kinds (文种/信息类型). 规章 and 行政规范性文件 feed table 二 第二十条第（一）项 and need a 政策解读 (ogi-domain §7.2). */
export const ITEM_KINDS = [
  { key: 'rule', label: '规章', defaultCategory: 1 },
  { key: 'normative', label: '行政规范性文件', defaultCategory: 1 },
  { key: 'other_document', label: '其他文件', defaultCategory: 15 },
  { key: 'interpretation', label: '政策解读', defaultCategory: 1 },
  { key: 'news', label: '工作动态', defaultCategory: 15 },
  { key: 'notice', label: '通知公告', defaultCategory: 15 },
  { key: 'statistics', label: '统计信息', defaultCategory: 4 },
  { key: 'plan', label: '规划计划', defaultCategory: 3 },
  { key: 'organisation', label: '机构职能', defaultCategory: 2 },
  { key: 'licensing', label: '行政许可', defaultCategory: 5 },
  { key: 'enforcement', label: '行政处罚和行政强制', defaultCategory: 6 },
  { key: 'budget', label: '财政预决算', defaultCategory: 7 },
  { key: 'fees', label: '行政事业性收费', defaultCategory: 8 },
  { key: 'procurement', label: '政府采购', defaultCategory: 9 },
  { key: 'personnel', label: '人事信息', defaultCategory: 14 },
  { key: 'guide', label: '政府信息公开指南', defaultCategory: 15 },
  { key: 'system', label: '政府信息公开制度', defaultCategory: 15 },
] as const;

export type ItemKind = (typeof ITEM_KINDS)[number]['key'];
export const ITEM_KIND_KEYS = ITEM_KINDS.map((k) => k.key) as unknown as readonly [ItemKind, ...ItemKind[]];

export function kindLabel(kind: ItemKind): string {
  return ITEM_KINDS.find((k) => k.key === kind)!.label;
}
export function kindFromLabel(label: string): ItemKind | null {
  const t = label.trim();
  // 2019 format row label 规范性文件 is accepted as 行政规范性文件 (ogi-domain §1.4).
  if (t === '规范性文件') return 'normative';
  return ITEM_KINDS.find((k) => k.label === t || k.key === t)?.key ?? null;
}
/** Kinds that are policy documents in the sense of 政策解读 rules (规章, 行政规范性文件). */
export function isPolicyDocument(kind: ItemKind): boolean {
  return kind === 'rule' || kind === 'normative';
}

/** 公开属性, decided at drafting (国办发〔2016〕80号: 拟制公文时明确主动公开、依申请公开、不予公开等属性). */
export const DISCLOSURE_ATTRIBUTES = [
  { key: 'proactive', label: '主动公开' },
  { key: 'on_request', label: '依申请公开' },
  { key: 'withheld', label: '不予公开' },
] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number]['key'];

/** Reasons for 不予公开 (条例 第十四条、第十五条、第十六条). */
export const WITHHOLD_REASONS = [
  { key: 'state_secret', label: '属于国家秘密', basis: '条例第十四条' },
  { key: 'prohibited_by_law', label: '其他法律行政法规禁止公开', basis: '条例第十四条' },
  { key: 'three_safeties', label: '危及“三安全一稳定”', basis: '条例第十四条' },
  { key: 'third_party', label: '保护第三方合法权益', basis: '条例第十五条' },
  { key: 'internal_affairs', label: '属于三类内部事务信息', basis: '条例第十六条第一款' },
  { key: 'process_info', label: '属于四类过程性信息', basis: '条例第十六条第二款' },
  { key: 'enforcement_file', label: '属于行政执法案卷', basis: '条例第十六条第二款' },
] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number]['key'];

/** 有效性 */
export const VALIDITY = [
  { key: 'valid', label: '有效' },
  { key: 'abolished', label: '已废止' },
  { key: 'expired', label: '已失效' },
] as const;
export type Validity = (typeof VALIDITY)[number]['key'];

export function label<T extends { key: string; label: string }>(list: readonly T[], key: string): string {
  return list.find((x) => x.key === key)?.label ?? key;
}

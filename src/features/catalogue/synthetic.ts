// Deterministic synthetic catalogue for benchmarks (`gongkai bench data`): realistic Chinese titles and bodies
// built from the vocabulary of district-level disclosure catalogues. Same seed → same items, on every machine.
import { ITEM_KINDS, type ItemKind } from '../../core/catalogue/categories.ts';
import { mulberry32 } from '../../core/random.ts';


const PLACES = ['芝罘区', '莱山区', '福山区', '牟平区', '蓬莱区', '龙口市', '莱阳市', '莱州市', '招远市', '栖霞市', '海阳市', '平潭县', '淮安区', '清江浦区', '文登区'];
const FIELDS = ['行政许可', '政务服务', '市场主体登记', '建设工程', '食品经营', '药品零售', '道路运输', '城市管理', '生态环境', '安全生产', '社会救助', '养老服务', '就业创业', '义务教育', '医疗卫生', '公共资源交易', '财政预决算', '涉农补贴', '农村危房改造', '保障性住房', '户籍管理', '公共法律服务', '文化旅游', '招商引资', '营商环境'];
const DOC_TYPES = ['实施方案', '管理办法', '实施细则', '工作方案', '考核办法', '服务指南', '操作规程', '若干措施', '三年行动计划', '应急预案'];
const VERBS = ['进一步优化', '全面推进', '加快推进', '深化', '规范', '加强', '做好', '持续开展', '统筹推进', '切实加强'];
const TOPICS = ['“一网通办”改革', '政务公开标准化规范化', '“证照分离”改革', '告知承诺制审批', '“好差评”制度', '帮办代办服务', '“一件事一次办”', '跨省通办', '容缺受理', '电子证照应用'];
const SENTENCES = [
  '为贯彻落实《中华人民共和国政府信息公开条例》，结合本地实际，制定本方案。',
  '申请人可通过政务服务网在线提交申请材料，也可到区政务服务中心综合受理窗口办理。',
  '各有关单位要高度重视，明确责任分工，确保各项任务按时完成。',
  '本办法自发布之日起施行，有效期五年。',
  '对符合条件的申请，审批部门应当当场作出准予许可的决定；不能当场作出决定的，应当在法定期限内作出决定。',
  '办理时限由法定二十个工作日压缩至五个工作日，实行“最多跑一次”。',
  '行政相对人对行政许可决定不服的，可以依法申请行政复议或者提起行政诉讼。',
  '区行政审批服务局负责本方案的组织实施和监督检查。',
  '本年度共受理各类审批服务事项一万余件，按时办结率百分之百。',
  '涉及国家秘密、商业秘密和个人隐私的信息，依法不予公开。',
  '公众可通过政府信息公开专栏查阅、下载相关文件。',
  '加强政策解读，及时回应社会关切，提升政府公信力。',
  '强化事中事后监管，推行“双随机、一公开”监管模式。',
  '收费项目及标准按照省物价局有关规定执行，不得擅自增加收费项目。',
  '各街道办事处要做好宣传引导工作，营造良好社会氛围。',
  '统计数据显示，全区市场主体总量同比增长百分之八点六。',
  '请于每月五日前报送上月工作进展情况，联系电话详见附件。',
  '对违反本办法规定的，依照有关法律法规予以处理。',
  '建立健全政府信息公开审查机制，坚持先审查、后公开。',
  '财政预算收入完成年度计划的百分之一百零二，支出结构进一步优化。',
];

export interface SyntheticItem {
  seq: number;
  title: string;
  summary: string;
  body: string;
  kind: ItemKind;
  category: number;
  madeOn: string;
  publishedOn: string;
  docNumber: string | null;
  validity: 'valid' | 'abolished' | 'expired';
}

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function dateFrom(r: () => number, fromYear: number, years: number): string {
  const dayMs = 86_400_000;
  const start = Date.UTC(fromYear, 0, 1);
  const d = new Date(start + Math.floor(r() * years * 365) * dayMs);
  return d.toISOString().slice(0, 10);
}

/** The n-th synthetic item (0-based) of a seeded catalogue; independent of the others, so generation can be chunked. */
export function syntheticItem(seed: number, n: number, opts: { fromYear?: number; years?: number; bodySentences?: number } = {}): SyntheticItem {
  const r = mulberry32((seed * 2654435761 + n) >>> 0);
  const place = pick(r, PLACES);
  const field = pick(r, FIELDS);
  const kind = pick(r, ITEM_KINDS).key;
  const madeOn = dateFrom(r, opts.fromYear ?? 2015, opts.years ?? 11);
  const year = madeOn.slice(0, 4);
  let title: string;
  let docNumber: string | null = null;
  switch (kind) {
    case 'rule':
    case 'normative':
    case 'other_document':
      docNumber = `${place.slice(0, 2)}审批发〔${year}〕${1 + Math.floor(r() * 80)}号`;
      title = `关于印发《${place}${field}${pick(r, DOC_TYPES)}》的通知`;
      break;
    case 'interpretation':
      title = `《${place}${field}${pick(r, DOC_TYPES)}》政策解读`;
      break;
    case 'statistics':
      title = `${place}${year}年${1 + Math.floor(r() * 12)}月${field}统计信息`;
      break;
    case 'licensing':
      title = `${place}行政审批服务局${year}年第${1 + Math.floor(r() * 52)}期${field}行政许可结果公示`;
      break;
    case 'news':
      title = `${place}${pick(r, VERBS)}${pick(r, TOPICS)}`;
      break;
    default:
      title = `${place}关于${pick(r, VERBS)}${field}工作的${pick(r, ['通知', '公告', '意见', '报告', '通报'])}`;
  }
  const k = opts.bodySentences ?? 8;
  const parts: string[] = [];
  for (let i = 0; i < k; i++) parts.push(pick(r, SENTENCES));
  parts.splice(1, 0, `${pick(r, VERBS)}${pick(r, TOPICS)}，推动${field}工作提质增效。`);
  const body = parts.join('');
  const summary = parts[0]! + parts[1]!;
  const cat = ITEM_KINDS.find((x) => x.key === kind)!.defaultCategory;
  const delay = Math.floor(r() * 15);
  const publishedOn = new Date(Date.parse(`${madeOn}T00:00:00Z`) + delay * 86_400_000).toISOString().slice(0, 10);
  const v = r();
  const validity = (kind === 'rule' || kind === 'normative') && v < 0.15 ? (v < 0.1 ? 'abolished' : 'expired') : 'valid';
  return { seq: n, title, summary, body, kind, category: cat, madeOn, publishedOn, docNumber, validity };
}

// Demo service items of 烟台市芝罘区行政审批服务局 and their 实施清单 at 向阳街道 and its 社区, with the 办件 of 2019.
// Names, 基本编码 and 设定依据 follow the national / 山东 catalogues as published; 实施编码, 办件编号, phone numbers and
// addresses are INVENTED demo values. The bureau took over its items from 2019 (so 上一年项目数量 2019 is 0): in 2019
// four 行政许可 and one other service item, the rest from 2020 on. With the 2019 办件 below, the compiled 2019 report
// has the reference agency's published table 二 (第二十条第（五）项: 行政许可 0 / 4 / 82, 其他对外管理服务事项 0 / 1 / 28).
// Deliberate for the demo: two implementations differ from the 区 in a must-match element, one item is incomplete.
import type { ElementValues, Material, TimeLimit } from '../../core/service-items/index.ts';
import { mulberry32 } from '../../core/random.ts';

const PHONE = '0535-6210000（区政务服务中心）';
const COMPLAINT = '0535-12345（12345 政务服务便民热线）；区行政审批服务局监察室 0535-6210018';
const PLACE = '烟台市芝罘区机场路 2 号区政务服务中心（演示地址）';
const HOURS = '周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）';
const ONLINE = 'https://zwfw.example.gov.cn/zhifu/';

const days = (amount: string, unit = '工作日'): TimeLimit => ({ amount, unit });
const m = (name: string, o: Partial<Material> = {}): Material => ({ name, necessity: '必要', form: '纸质、电子', source: '申请人自备', copies: 1, blankForm: '', sample: '', basis: '', ...o });
const idCard = m('申请人身份证件', { form: '电子', source: '政府部门核发', basis: '可通过电子证照库调取，无需提交复印件' });

/** One demo item defined by the 审批服务局; `since` is the date it was put in use (its first status event). */
export interface DemoItem {
  key: string;
  since: string;
  values: ElementValues;
  /** a later status event (e.g. cancelled when the item moved to another department) */
  later?: { status: 'suspended' | 'cancelled'; on: string; reason: string };
  /** 街道 / 社区 implementations: their own values over the copied elements */
  street?: ElementValues;
  community?: ElementValues;
}

function item(key: string, since: string, v: ElementValues & { name: string; basicCode: string; type: string }, more: Partial<DemoItem> = {}): DemoItem {
  const values: ElementValues = {
    exerciseLevel: '县级', competentDept: '芝罘区行政审批服务局', implCode: `370602-${v.basicCode}-01`, implementer: '烟台市芝罘区行政审批服务局',
    powerSource: '法定本级行使', serviceObject: '企业法人', handlingForm: '窗口办理、网上办理', caseType: '承诺件', visits: '0', charged: '否',
    consultation: PHONE, complaint: COMPLAINT, place: PLACE, hours: HOURS, onlineUrl: `${ONLINE}${v.basicCode}`, intermediary: '无',
    ...v,
  };
  return { key, since, values, ...more };
}

const streetPlace = { place: '芝罘区向阳街道便民服务中心（演示地址）', consultation: '0535-6220000（向阳街道便民服务中心）', implementer: '烟台市芝罘区向阳街道办事处', exerciseLevel: '镇（乡、街道）级' };
const communityPlace = { place: '向阳街道演示社区党群服务中心（演示地址）', consultation: '0535-6230000（演示社区）', implementer: '向阳街道演示社区居民委员会', exerciseLevel: '村（社区）级' };

export const DEMO_ITEMS: readonly DemoItem[] = [
  // ── 2019: the four 行政许可 and one other service item of the 2019 report ──
  item('food', '2019-03-18', {
    name: '食品经营许可', basicCode: '000128009000', type: '行政许可',
    legalBasis: '《中华人民共和国食品安全法》第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。\n《食品经营许可管理办法》（国家食品药品监督管理总局令第17号）第二条',
    conditions: '（一）具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所；（二）具有与经营的食品品种、数量相适应的经营设备或者设施；（三）有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；（四）具有合理的设备布局和工艺流程。',
    process: '申请 → 受理 → 审查（必要时现场核查）→ 决定 → 制证送达',
    legalLimit: days('20'), promisedLimit: days('5'), resultName: '食品经营许可证', resultSample: '食品经营许可证（正本、副本）样本',
    materials: [m('食品经营许可申请书', { blankForm: '食品经营许可申请书.docx', basis: '《食品经营许可管理办法》第十二条' }), m('营业执照或者其他主体资格证明文件', { source: '政府部门核发' }), m('与食品经营相适应的主要设备设施布局、操作流程等文件'), m('食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度')],
    faq: [{ q: '仅销售预包装食品需要办理许可吗？', a: '仅销售预包装食品的，向所在地县级市场监督管理部门备案，不需取得许可。' }],
  }),
  item('hygiene', '2019-03-18', {
    name: '公共场所卫生许可', basicCode: '000139002000', type: '行政许可',
    legalBasis: '《公共场所卫生管理条例》第八条：除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理“卫生许可证”。\n《公共场所卫生管理条例实施细则》第二十二条',
    conditions: '场所布局、设施设备符合《公共场所卫生指标及限值要求》等卫生标准和规范；有卫生管理制度和专（兼）职卫生管理人员；从业人员取得有效健康合格证明。',
    process: '申请 → 受理 → 现场审查 → 决定 → 制证', serviceObject: '企业法人',
    legalLimit: days('20'), promisedLimit: days('5'), resultName: '公共场所卫生许可证',
    materials: [m('公共场所卫生许可申请表', { blankForm: '公共场所卫生许可申请表.docx' }), m('法定代表人或者负责人身份证明'), m('公共场所地址方位示意图、平面图和卫生设施平面布局图'), m('公共场所卫生检测或者评价报告', { source: '其他' }), m('公共场所卫生管理制度')],
  }),
  item('planning', '2019-06-01', {
    name: '建设工程规划许可证核发', basicCode: '000173004000', type: '行政许可',
    legalBasis: '《中华人民共和国城乡规划法》第四十条第一款：在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门……申请办理建设工程规划许可证。',
    conditions: '建设项目符合控制性详细规划和规划条件；已取得建设用地规划许可证或者不动产权证书；建设工程设计方案经审定。',
    process: '申请 → 受理 → 设计方案审查 → 批前公示（7 日）→ 决定 → 制证',
    legalLimit: days('20'), promisedLimit: days('10'), resultName: '建设工程规划许可证',
    materials: [m('建设工程规划许可申请表', { blankForm: '建设工程规划许可申请表.docx' }), m('使用土地的有关证明文件', { source: '政府部门核发' }), m('建设工程设计方案总平面图及电子文件'), m('经审定的建设工程设计方案')],
  }),
  item('pharmacy', '2019-06-01', {
    name: '药品零售企业经营许可', basicCode: '000129003000', type: '行政许可',
    legalBasis: '《中华人民共和国药品管理法》第五十一条第一款：从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。',
    conditions: '有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；有与所经营药品相适应的质量管理机构或者人员；有保证药品质量的规章制度。',
    process: '申请 → 受理 → 审查 → 现场验收 → 决定 → 制证',
    legalLimit: days('30'), promisedLimit: days('15'), resultName: '药品经营许可证',
    materials: [m('药品经营许可证申请表', { blankForm: '药品经营许可证申请表.docx' }), m('营业场所、仓库平面布置图及房屋产权或者使用权证明'), m('执业药师注册证', { source: '政府部门核发' }), m('质量管理文件及主要设施设备目录')],
  }),
  item('startup', '2019-09-01', {
    name: '个体工商户开办“一窗通办”', basicCode: '000200001000', type: '公共服务', serviceObject: '自然人', caseType: '即办件',
    legalBasis: '《促进个体工商户发展条例》第八条（原《个体工商户条例》第八条）；《山东省优化营商环境条例》第二十一条',
    conditions: '有经营能力的公民；经营场所、经营范围符合法律法规规定。',
    process: '一窗受理（营业执照、公章刻制、涉税事项一表申请）→ 并联办理 → 一窗出件',
    legalLimit: days('3'), promisedLimit: days('1'), resultName: '营业执照、印章、税务登记信息确认单',
    materials: [m('个体工商户开办申请表（一表通）', { blankForm: '个体工商户开办申请表.docx' }), idCard, m('经营场所使用证明')],
  }),
  // ── from 2020 ──
  item('sewer', '2020-04-01', {
    name: '城镇污水排入排水管网许可', basicCode: '000173009000', type: '行政许可',
    legalBasis: '《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》（住房和城乡建设部令第21号）第四条',
    conditions: '排放口的设置符合城镇排水与污水处理规划要求；按照国家有关规定建设相应的预处理设施和水质、水量检测设施；排放的污水符合国家或者地方规定的有关排放标准。',
    process: '申请 → 受理 → 审查（现场核查）→ 决定', legalLimit: days('15'), promisedLimit: days('5'), resultName: '城镇污水排入排水管网许可证',
    materials: [m('排水许可申请表', { blankForm: '排水许可申请表.docx' }), m('排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明'), m('排水水质检测报告', { source: '其他' })],
  }),
  item('roads', '2020-04-01', {
    name: '占用、挖掘城市道路审批', basicCode: '000173012000', type: '行政许可',
    legalBasis: '《城市道路管理条例》第三十一条、第三十三条',
    conditions: '因工程建设需要挖掘城市道路或者因特殊情况需要临时占用城市道路，且有施工方案和交通疏导方案。',
    process: '申请 → 受理 → 审查（征求公安交通管理部门意见）→ 决定', legalLimit: days('20'), promisedLimit: days('5'), resultName: '占用挖掘城市道路许可决定书',
    materials: [m('占用、挖掘城市道路申请表', { blankForm: '占用挖掘城市道路申请表.docx' }), m('施工方案及平面示意图'), m('交通疏导方案')],
  }),
  item('construction', '2020-04-01', {
    name: '建筑工程施工许可证核发', basicCode: '000173001000', type: '行政许可',
    legalBasis: '《中华人民共和国建筑法》第七条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）第二条',
    conditions: '已办理用地批准手续；已取得建设工程规划许可证；施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。',
    process: '申请 → 受理 → 审查 → 决定 → 制证', legalLimit: days('7'), promisedLimit: days('3'), resultName: '建筑工程施工许可证',
    materials: [m('建筑工程施工许可证申请表', { blankForm: '建筑工程施工许可证申请表.docx' }), m('建设工程规划许可证', { source: '政府部门核发' }), m('施工合同'), m('建设资金已落实承诺书')],
  }),
  item('nurse', '2020-07-01', {
    name: '护士执业注册', basicCode: '000139004000', type: '行政许可', serviceObject: '自然人',
    legalBasis: '《护士条例》第七条、第八条', conditions: '具有完全民事行为能力；取得规定学历并通过护士执业资格考试；符合国务院卫生主管部门规定的健康标准。',
    process: '申请 → 受理 → 审查 → 决定', legalLimit: days('20'), promisedLimit: days('3'), resultName: '护士执业证书（电子证照）',
    materials: [m('护士执业注册申请审核表', { blankForm: '护士执业注册申请审核表.docx' }), idCard, m('护士执业资格考试成绩合格证明', { source: '政府部门核发' }), m('健康体检证明', { source: '其他' })],
  }),
  item('clinic', '2020-07-01', {
    name: '医疗机构执业登记', basicCode: '000139007000', type: '行政许可',
    legalBasis: '《医疗机构管理条例》第十五条：医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。',
    conditions: '按照设置审批（或备案）确定的事项建成；有适合的名称、组织机构和场所；有与开展的业务相适应的经费、设施、设备和专业卫生技术人员；有相应的规章制度。',
    process: '申请 → 受理 → 现场审查 → 决定 → 制证', legalLimit: days('45'), promisedLimit: days('10'), resultName: '医疗机构执业许可证',
    materials: [m('医疗机构申请执业登记注册书', { blankForm: '医疗机构申请执业登记注册书.docx' }), m('医疗机构用房产权证明或者使用证明'), m('医疗机构建筑设计平面图'), m('医疗机构规章制度及人员名录')],
  }),
  item('infrastructure-fee', '2020-01-01', {
    name: '城市基础设施配套费征收', basicCode: '000173020000', type: '行政征收', caseType: '即办件',
    legalBasis: '《山东省城市基础设施配套费征收使用管理办法》（鲁政办发〔2015〕49号）第三条',
    conditions: '在城市规划区内新建、扩建、改建的建设项目（保障性住房等减免项目除外）。', process: '申报 → 核定 → 开具缴款通知 → 缴款',
    legalLimit: days('5'), promisedLimit: days('1'), charged: '是', feeBasis: '《山东省城市基础设施配套费征收使用管理办法》（鲁政办发〔2015〕49号）；烟台市物价局、财政局核定的征收标准',
    feeStandard: '按建筑面积计征，标准以市级核定文件为准', resultName: '城市基础设施配套费缴款通知书',
    materials: [m('城市基础设施配套费申报表', { blankForm: '城市基础设施配套费申报表.docx' }), m('建设工程规划许可证及附图', { source: '政府部门核发' })],
  }),
  item('fire-design', '2020-06-01', {
    name: '特殊建设工程消防设计审查', basicCode: '000173023000', type: '行政许可',
    legalBasis: '《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号）第十五条',
    conditions: '属于特殊建设工程；消防设计文件符合国家工程建设消防技术标准。', process: '申请 → 受理 → 技术审查 → 决定',
    legalLimit: days('15'), promisedLimit: days('10'), resultName: '特殊建设工程消防设计审查意见书', intermediary: '消防设计技术审查（可委托具备相应能力的技术服务机构）',
    materials: [m('消防设计审查申请表', { blankForm: '消防设计审查申请表.docx' }), m('消防设计文件'), m('依法需要办理建设工程规划许可的，提交建设工程规划许可证', { necessity: '容缺后补', source: '政府部门核发' })],
  }),
  item('billboard', '2020-04-01', {
    name: '户外广告设施设置审批', basicCode: '000173025000', type: '行政许可',
    legalBasis: '《山东省城市市容和环境卫生管理条例》第十五条', conditions: '设置地点、规格符合户外广告设施设置规划。',
    process: '申请 → 受理 → 审查 → 决定', legalLimit: days('20'), promisedLimit: days('5'), resultName: '户外广告设施设置许可决定书',
    materials: [m('户外广告设施设置申请表'), m('设置地点的场地使用证明'), m('广告设施设计效果图')],
  }, { later: { status: 'cancelled', on: '2023-01-01', reason: '职责调整：户外广告设施设置审批划转区综合行政执法局' } }),
  item('hr-service', '2021-01-01', {
    name: '经营性人力资源服务机构从事职业中介活动许可', basicCode: '000144002000', type: '行政许可',
    legalBasis: '《人力资源市场暂行条例》第十八条', conditions: '有明确的章程和管理制度；有开展业务必备的固定场所、办公设施；有 3 名以上取得职业资格证书的专职工作人员。',
    process: '申请 → 受理 → 审查 → 决定', legalLimit: days('20'), promisedLimit: days('5'), resultName: '人力资源服务许可证',
    materials: [m('人力资源服务许可申请表', { blankForm: '人力资源服务许可申请表.docx' }), m('营业执照', { source: '政府部门核发' }), m('经营场所使用证明'), m('管理制度')],
  }),
  item('training', '2021-01-01', {
    name: '民办职业技能培训机构设立审批', basicCode: '000144005000', type: '行政许可',
    legalBasis: '《中华人民共和国民办教育促进法》第十二条', conditions: '有规范的名称和章程；有与培训规模相适应的场所、设施和师资；有必要的办学资金。',
    process: '申请 → 受理 → 评审 → 决定', legalLimit: days('90', '自然日'), promisedLimit: days('30'), resultName: '民办学校办学许可证',
    materials: [m('民办职业培训学校设立申请书'), m('举办者资格证明文件'), m('拟任校长及教师名册'), m('章程和首届理事会组成人员名单')],
  }, { later: { status: 'suspended', on: '2024-03-01', reason: '办学许可管理办法修订期间暂停受理' } }),
  item('debris', '2021-03-01', {
    // deliberately incomplete for the demo: no 设定依据, no materials, a 承诺时限 that is not a number
    name: '城市建筑垃圾处置核准', basicCode: '000173016000', type: '行政许可',
    conditions: '有符合要求的运输车辆和消纳场所。', process: '申请 → 受理 → 审查 → 决定',
    legalLimit: days('20'), promisedLimit: days('即时'), resultName: '城市建筑垃圾处置核准决定书', materials: [],
  }),
  // ── 民生 items implemented by 向阳街道 and its 社区 ──
  item('dibao', '2020-01-01', {
    name: '城乡居民最低生活保障对象认定', basicCode: '000146001000', type: '行政给付', serviceObject: '自然人', handlingForm: '窗口办理',
    legalBasis: '《社会救助暂行办法》第十一条；《山东省最低生活保障办法》第十二条',
    conditions: '持有本地户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合家庭财产状况规定。',
    process: '申请（街道受理，社区协助）→ 家庭经济状况调查 → 民主评议 → 审核确认 → 公示 → 发放',
    legalLimit: days('30'), promisedLimit: days('20'), resultName: '最低生活保障金领取证',
    materials: [m('最低生活保障申请书', { blankForm: '最低生活保障申请书.docx' }), idCard, m('户口簿'), m('家庭经济状况核对授权书')],
  }, { street: { implCode: '370602-000146001000-XY', ...streetPlace }, community: { implCode: '370602-000146001000-SQ', ...communityPlace } }),
  item('relief', '2020-01-01', {
    name: '临时救助对象认定', basicCode: '000146004000', type: '行政给付', serviceObject: '自然人', handlingForm: '窗口办理',
    legalBasis: '《社会救助暂行办法》第四十七条至第五十条', conditions: '因火灾、交通事故等意外事件或者家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或者个人。',
    process: '申请 → 街道审核 → 审批 → 发放（急难情形先行救助）', legalLimit: days('15'), promisedLimit: days('5'), resultName: '临时救助金',
    materials: [m('临时救助申请书'), idCard, m('困难情况证明材料')],
  }, { street: { implCode: '370602-000146004000-XY', ...streetPlace, promisedLimit: days('10') } }), // differs from the 区 (5 工作日)
  item('disability', '2020-01-01', {
    name: '困难残疾人生活补贴和重度残疾人护理补贴', basicCode: '000146006000', type: '行政给付', serviceObject: '自然人', handlingForm: '窗口办理',
    legalBasis: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）', conditions: '持有第二代残疾人证，属于低保家庭的残疾人或一、二级重度残疾人。',
    process: '申请 → 街道初审 → 审核 → 发放', legalLimit: days('20'), promisedLimit: days('10'), resultName: '残疾人两项补贴',
    materials: [m('残疾人两项补贴申请审批表', { blankForm: '残疾人两项补贴申请审批表.docx' }), idCard, m('第二代残疾人证', { source: '政府部门核发' })],
  }, { street: { implCode: '370602-000146006000-XY', ...streetPlace }, community: { implCode: '370602-000146006000-SQ', ...communityPlace } }),
  item('senior-card', '2020-01-01', {
    name: '老年人优待证办理', basicCode: '000246003000', type: '公共服务', serviceObject: '自然人', handlingForm: '窗口办理', caseType: '即办件',
    legalBasis: '《中华人民共和国老年人权益保障法》第五十八条；《山东省老年人权益保障条例》第三十九条', conditions: '年满 60 周岁的本市户籍老年人及常住本市的外埠老年人。',
    process: '申请 → 审核 → 制证发放', legalLimit: days('5'), promisedLimit: days('1'), resultName: '山东省老年人优待证',
    materials: [idCard, m('近期免冠一寸照片')],
  }, {
    street: { implCode: '370602-000246003000-XY', ...streetPlace },
    // differs from the 区: the 社区 still asks for the 户口簿 the 区 dropped
    community: { implCode: '370602-000246003000-SQ', ...communityPlace, materials: [idCard, m('近期免冠一寸照片'), m('户口簿')] },
  }),
  item('employment-card', '2020-01-01', {
    name: '就业创业证申领', basicCode: '000244001000', type: '公共服务', serviceObject: '自然人', caseType: '即办件',
    legalBasis: '《就业服务与就业管理规定》第六十三条；《人力资源社会保障部关于进一步完善就业失业登记管理办法的通知》（人社部发〔2014〕97号）',
    conditions: '法定劳动年龄内、有劳动能力和就业要求的城乡劳动者。', process: '申请 → 受理 → 审核 → 发证',
    legalLimit: days('5'), promisedLimit: days('3'), resultName: '就业创业证',
    materials: [m('就业创业登记申请表', { blankForm: '就业创业登记申请表.docx' }), idCard],
  }, { street: { implCode: '370602-000244001000-XY', ...streetPlace }, community: { implCode: '370602-000244001000-SQ', ...communityPlace } }),
  item('birth-registration', '2021-06-01', {
    name: '生育登记服务', basicCode: '000145001000', type: '公共服务', serviceObject: '自然人', caseType: '即办件', handlingForm: '窗口办理、网上办理',
    legalBasis: '《中华人民共和国人口与计划生育法》第二十条；《山东省人口与计划生育条例》第二十一条', conditions: '夫妻双方或一方为本地户籍，或在本地居住的生育夫妻。',
    process: '申请 → 登记 → 发放生育服务登记卡', legalLimit: days('3'), promisedLimit: days('1'), resultName: '生育服务登记卡（电子）',
    materials: [m('夫妻双方身份证件', { form: '电子', source: '政府部门核发' }), m('结婚证', { form: '电子', source: '政府部门核发' })],
  }, { street: { implCode: '370602-000145001000-XY', ...streetPlace } }),
];

/** 2019 办件 per item (table 二 处理决定数量: 行政许可 40 + 24 + 8 + 10 = 82; 其他对外管理服务事项 28). */
export const DEMO_CASES_2019: Readonly<Record<string, number>> = { food: 40, hygiene: 24, planning: 8, pharmacy: 10, startup: 28 };

export interface DemoCase { key: string; caseNo: string; decidedOn: string; result: string }

/** The 2019 办件: fixed-seed working-day dates between the item's start and the end of 2019, numbered in date order. */
export function demoCases2019(): DemoCase[] {
  const rnd = mulberry32(2019_0613);
  const out: { key: string; decidedOn: string; result: string }[] = [];
  for (const it of DEMO_ITEMS) {
    const n = DEMO_CASES_2019[it.key] ?? 0;
    const from = Date.parse(`${it.since}T00:00:00Z`);
    const span = (Date.parse('2019-12-31T00:00:00Z') - from) / 86_400_000;
    for (let i = 0; i < n; i++) {
      let d = new Date(from + Math.floor(rnd() * span) * 86_400_000);
      while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 86_400_000);
      if (d.getUTCFullYear() > 2019) d = new Date(Date.UTC(2019, 11, 31));
      const license = it.values.type === '行政许可';
      out.push({ key: it.key, decidedOn: d.toISOString().slice(0, 10), result: license ? (rnd() < 0.06 ? '不予许可' : '准予许可') : '办结' });
    }
  }
  out.sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0));
  return out.map((c, i) => ({ ...c, caseNo: `ZFSP2019-${String(i + 1).padStart(5, '0')}` }));
}

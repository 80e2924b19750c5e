// Demo seed step: a realistic catalogue for the demo 行政审批服务局 (titles modelled on real district-level
// 政府信息公开目录; bodies are short demo texts, not copies of real documents). Historic items come in through the
// importer (with their publication dates); one 行政规范性文件 and its 政策解读 go through the whole workflow today.
import type { SeedStep } from '../demo/demo.service.ts';
import type { CatalogueActor, CatalogueService, SystemActor } from './catalogue.service.ts';

type Row = [title: string, kind: string, category: string, subject: string, made: string, published: string, docNo: string, summary: string];

const ROWS: Row[] = [
  ['芝罘区行政审批服务局政府信息公开指南', '政府信息公开指南', '15', '政务公开', '2025-01-10', '2025-01-10', '', '本机关政府信息的分类、编排体系、获取方式和政府信息公开工作机构的联系方式。'],
  ['芝罘区行政审批服务局政府信息公开工作制度', '政府信息公开制度', '15', '政务公开', '2024-03-01', '2024-03-04', '芝审批发〔2024〕2号', '保密审查、公开属性源头认定、政策解读、主动公开时限等工作制度。'],
  ['芝罘区行政审批服务局主要职责和内设机构', '机构职能', '2', '机构职能', '2024-01-05', '2024-01-08', '', '本局的主要职责、内设机构、办公地址、办公时间、联系方式和负责人姓名。'],
  ['芝罘区行政审批服务局领导班子成员及分工', '机构职能', '2', '机构职能', '2025-02-18', '2025-02-19', '', '局领导姓名、职务和分管工作。'],
  ['芝罘区行政审批服务局行政许可事项清单（2024年版）', '行政许可', '5', '行政审批', '2024-04-12', '2024-04-15', '芝审批发〔2024〕5号', '本局实施的行政许可事项名称、设定依据、实施机关和办理时限。'],
  ['芝罘区行政审批服务局行政许可事项清单（2025年版）', '行政许可', '5', '行政审批', '2025-03-20', '2025-03-24', '芝审批发〔2025〕4号', '根据上级清单动态调整后的行政许可事项。'],
  ['食品经营许可办事指南', '行政许可', '5', '行政审批', '2024-05-06', '2024-05-08', '', '食品经营许可的受理条件、申请材料、办理流程、法定和承诺时限。'],
  ['建设工程规划许可证核发办事指南', '行政许可', '5', '行政审批', '2024-05-06', '2024-05-08', '', '建设工程规划许可的依据、条件、程序和办理结果公示方式。'],
  ['2024年第三季度行政许可结果公示', '行政许可', '5', '行政审批', '2024-10-08', '2024-10-10', '', '本季度作出的准予行政许可决定目录。'],
  ['2024年第四季度行政许可结果公示', '行政许可', '5', '行政审批', '2025-01-06', '2025-01-08', '', '本季度作出的准予行政许可决定目录。'],
  ['2025年第一季度行政许可结果公示', '行政许可', '5', '行政审批', '2025-04-07', '2025-04-09', '', '本季度作出的准予行政许可决定目录。'],
  ['关于印发《芝罘区行政审批告知承诺制实施办法》的通知', '行政规范性文件', '1', '营商环境', '2023-06-12', '2023-06-16', '芝审批规〔2023〕1号', '对适用告知承诺制的审批事项、承诺内容和事中事后核查作出规定。'],
  ['《芝罘区行政审批告知承诺制实施办法》政策解读', '政策解读', '1', '营商环境', '2023-06-12', '2023-06-16', '', '解读办法的制定背景、适用范围、主要内容和新旧政策差异。'],
  ['关于印发《芝罘区企业开办“一窗通办”暂行办法》的通知', '行政规范性文件', '1', '营商环境', '2021-03-08', '2021-03-10', '芝审批规〔2021〕1号', '企业开办“一窗受理、并行办理”的流程和时限。'],
  ['关于废止《芝罘区企业开办“一窗通办”暂行办法》的决定', '行政规范性文件', '1', '营商环境', '2024-09-02', '2024-09-05', '芝审批规〔2024〕2号', '因上位政策调整，决定废止该暂行办法。'],
  ['芝罘区行政审批服务局行政事业性收费项目清单', '行政事业性收费', '8', '财政信息', '2024-02-20', '2024-02-22', '', '本局涉及的行政事业性收费项目、依据和标准。'],
  ['芝罘区行政审批服务局2024年部门预算', '财政预决算', '7', '财政信息', '2024-02-05', '2024-02-08', '', '2024 年部门收支预算总表及说明。'],
  ['芝罘区行政审批服务局2023年部门决算', '财政预决算', '7', '财政信息', '2024-08-20', '2024-08-23', '', '2023 年部门决算报表及说明。'],
  ['芝罘区行政审批服务局2025年部门预算', '财政预决算', '7', '财政信息', '2025-02-06', '2025-02-10', '', '2025 年部门收支预算总表及说明。'],
  ['政务服务中心自助终端采购项目成交公告', '政府采购', '9', '财政信息', '2024-07-15', '2024-07-16', '', '采购项目名称、成交供应商和成交金额。'],
  ['2024年上半年政务服务统计数据', '统计信息', '4', '统计信息', '2024-07-10', '2024-07-12', '', '受理、办结、按时办结率和“好差评”情况。'],
  ['2024年度政务服务统计数据', '统计信息', '4', '统计信息', '2025-01-15', '2025-01-17', '', '全年受理、办结和按时办结情况。'],
  ['关于政务服务中心2025年春节假期值班安排的公告', '通知公告', '15', '政务服务', '2025-01-20', '2025-01-21', '', '春节假期期间的值班窗口、办理事项和咨询电话。'],
  ['关于启用新版行政审批专用章的公告', '通知公告', '15', '行政审批', '2024-11-04', '2024-11-05', '', '新版行政审批专用章的启用日期和印模。'],
  ['关于推行企业开办“一日办结”的公告', '通知公告', '15', '营商环境', '2024-03-18', '2024-03-19', '', '企业开办登记、刻章、发票申领一日办结的流程和条件。'],
  ['芝罘区深化“一网通办”改革 政务服务事项网办率提升', '工作动态', '15', '政务服务', '2024-06-21', '2024-06-21', '', '全区政务服务事项网上可办率和全程网办情况。'],
  ['区行政审批服务局开展“帮办代办”服务进园区活动', '工作动态', '15', '政务服务', '2024-09-12', '2024-09-12', '', '为园区企业提供帮办代办服务的情况。'],
  ['芝罘区行政审批服务局2024年工作总结和2025年工作计划', '规划计划', '3', '政务服务', '2025-01-25', '2025-01-27', '', '2024 年主要工作成效和 2025 年重点任务。'],
  ['2024年公务员考试录用拟录用人员公示', '人事信息', '14', '人事信息', '2024-08-01', '2024-08-02', '', '拟录用人员姓名、报考职位和公示期。'],
  ['芝罘区行政审批服务局安全生产事故应急预案', '其他文件', '12', '应急管理', '2024-04-01', '2024-04-03', '芝审批发〔2024〕4号', '政务服务中心突发事件的预警、响应和处置。'],
  ['关于行政复议和行政诉讼渠道的告知', '通知公告', '15', '政务公开', '2024-05-20', '2024-05-21', '', '对行政许可决定不服的，可以依法申请行政复议或者提起行政诉讼。'],
];

/**
 * The body after the summary, by 信息类型: what such a document says next. No sentence common to every item
 * (a boilerplate line in every body made any word of it — "公开" — match the whole catalogue).
 */
const KIND_BODY: Record<string, string> = {
  政府信息公开指南: '申请人可以通过互联网、信函、当面等方式提出申请；本机关自收到申请之日起20个工作日内予以答复。',
  政府信息公开制度: '本制度自印发之日起施行，由局办公室负责解释。',
  机构职能: '内设机构包括办公室、审批一科、审批二科、政务服务科和综合协调科。',
  行政许可: '办理地点：芝罘区政务服务中心二楼综合受理窗口；咨询电话：0535-6210000。',
  行政规范性文件: '本文件经局务会议审议通过，已按规定报区司法局备案审查。',
  政策解读: '如对政策内容有疑问，可在工作日向政策起草科室咨询。',
  行政事业性收费: '收费依据为国家和省有关收费文件，未列入清单的项目一律不得收取。',
  财政预决算: '详细报表见附表，金额单位为万元。',
  政府采购: '对成交结果有异议的供应商，可在公告期满之日起7个工作日内以书面形式提出质疑。',
  统计信息: '数据来源于政务服务管理平台，统计截止日为期末最后一日。',
  通知公告: '特此公告。',
  工作动态: '下一步，区行政审批服务局将继续优化办事流程，提升企业群众办事体验。',
  规划计划: '各科室按照任务分工抓好落实，年底对完成情况进行总结。',
  人事信息: '公示期为5个工作日，对公示人员有异议的，可以电话或书面方式向局人事科反映。',
  其他文件: '各科室要明确责任人，定期组织演练。',
};

export const catalogueSeedStep: SeedStep = {
  name: 'catalogue',
  async run(ctx) {
    const catalogue = (ctx.services as unknown as { catalogue?: CatalogueService }).catalogue;
    const dept = ctx.agencies.department;
    if (!catalogue || !dept) return;
    const actor: SystemActor = { userId: null, displayName: ctx.actor.displayName, role: 'admin', agencyId: dept.id, visibleAgencyIds: [dept.id] };
    const rows = ROWS.map(([title, kind, category, subject, made, published, docNo, summary]) => ({
      标题: title, 信息类型: kind, 第二十条类别: category, 主题分类: subject, 成文日期: made, 发布日期: published, 文号: docNo, 内容概述: summary,
      发布机构: dept.name, 公开属性: '主动公开',
      有效性: title.startsWith('关于印发《芝罘区企业开办') ? '已废止' : '有效',
      有效性变更日期: title.startsWith('关于印发《芝罘区企业开办') ? '2024-09-05' : '',
      正文: `${summary}\n${KIND_BODY[kind] ?? ''}`.trim(),
    }));
    const r = await catalogue.importRows(actor, dept.id, rows, false);
    const bad = r.reports.filter((x) => x.problems.length);
    if (bad.length) throw new Error(`catalogue seed: ${bad.map((b) => `${b.row}: ${b.problems.join('；')}`).join(' | ')}`);
    // Four people, four duties (decision 061): the officer drafted and submits, the reviewer records the 保密审查,
    // the leader approves, the officer publishes. Without the demo users (a re-seed over existing data) the system does it.
    const person = (username: string): CatalogueActor => {
      const u = ctx.users[username];
      return u && u.agencyId === dept.id
        ? { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, agencyId: u.agencyId, agencyName: u.agencyName, visibleAgencyIds: [u.agencyId] }
        : actor;
    };
    // A 行政规范性文件 with its 政策解读, published together today through the whole workflow.
    const policy = await catalogue.createDraft(person('officer'), dept.id, {
      title: '关于印发《芝罘区政务服务“好差评”管理办法》的通知', docNumber: '芝审批规〔2025〕1号', publisher: dept.name, kind: 'normative', category: 1, subject: '政务服务',
      disclosure: 'proactive', summary: '规范政务服务“好差评”的评价渠道、差评整改和结果运用。', bodyFormat: 'text',
      body: '第一条 为建立政务服务“好差评”制度，依据国办发〔2019〕51号文件，结合本区实际，制定本办法。\n第二条 差评和投诉问题实行台账管理，整改结果在 15 个工作日内反馈评价人。\n第三条 本办法自发布之日起施行。',
    });
    const interp = await catalogue.createDraft(person('officer'), dept.id, {
      title: '《芝罘区政务服务“好差评”管理办法》政策解读', publisher: dept.name, kind: 'interpretation', category: 1, subject: '政务服务', disclosure: 'proactive', bodyFormat: 'text',
      summary: '解读办法的制定背景、主要内容和差评整改流程。', body: '一、制定背景：落实国办发〔2019〕51号文件要求。\n二、主要内容：评价渠道、差评核实、整改反馈和结果运用。',
    });
    const review = { reviewResult: 'pass' as const, basis: '经审查，不涉及国家秘密、工作秘密' };
    for (const id of [interp, policy]) {
      await catalogue.act(person('officer'), id, { action: 'submit' });
      await catalogue.act(person('reviewer'), id, { action: 'record_review', ...review });
      await catalogue.act(person('leader'), id, { action: 'approve' });
    }
    await catalogue.link(person('officer'), policy, interp);
    await catalogue.act(person('officer'), policy, { action: 'publish' });
    // One draft waiting for 保密审查, so the 第二十六条 clock shows on the list.
    const draft = await catalogue.createDraft(person('officer'), dept.id, {
      title: '关于调整部分行政许可事项办理时限的公告', publisher: dept.name, kind: 'notice', category: 5, subject: '行政审批', disclosure: 'proactive', bodyFormat: 'text',
      summary: '压缩部分行政许可事项的承诺办理时限。', body: '为进一步优化营商环境，现将部分行政许可事项承诺办理时限调整如下。',
    });
    await catalogue.act(person('officer'), draft, { action: 'submit' });
    ctx.log(`主动公开目录演示数据：${r.imported + 2} 条已公开，1 条待保密审查`);
  },
};

// The demo agency's 2019 好差评 year, built from individual records so that its published figures come out of the
// same queries as any other year: 6,857 ratings (窗口评价器, 随机问卷, 小程序), 4,895 return calls (电话回访), 满意度
// 99.5% by the default formula ((非常满意+满意)/全部 = 6,823 / 6,857 = 99.50%), 12 差评 each with its work order
// visited, rectified, answered and closed, and 21 suggestions of which 7 adopted and 5 problems found and rectified
// (the reference agency's 2019 report: “有诉必理、有理必果、及时反馈”, a 吐槽找茬 window). Deterministic: the same rows,
// dates and codes on every run (a fixed-seed generator), and idempotent by source id (`demo-2019-…`).
import type { Insertable, Kysely } from 'kysely';
import type { Database, EvaluationsTable } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Channel, Level, OrderClass, SuggestionResult } from '../../core/evaluations/index.ts';
import * as repo from './evaluations.repository.ts';
import { mulberry32 } from '../../core/random.ts';

export const DEMO_2019 = {
  ratings: 6857,
  channels: { window_device: 5102, survey: 1043, qr: 712 } as Record<Extract<Channel, 'window_device' | 'survey' | 'qr'>, number>,
  levels: { 5: 6401, 4: 422, 3: 22, 2: 7, 1: 5 } as Record<Level, number>,
  returnVisits: 4895,
  suggestions: { received: 21, adopted: 7, rectified: 5, explained: 6, rejected: 3 },
} as const;


/** Monday to Friday of 2019 (the 政务服务中心's days; the demo ignores the holiday calendar). */
function weekdays2019(): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(2019, 0, 1)); d.getUTCFullYear() === 2019; d.setUTCDate(d.getUTCDate() + 1)) {
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const BAD_COMMENTS = [
  '窗口工作人员态度生硬，问了两遍才回答', '排队时间太长，等了一个多小时', '材料清单和网上公布的不一致，跑了两趟', '叫号系统出故障，没人解释',
  '午休时间窗口没人，电话也没人接', '要求提供的证明材料网上说不需要', '自助终端打印不出来，没人帮忙', '办件超过承诺时限没有通知',
  '同一个问题不同窗口说法不一样', '停车难，找不到停车位', '预约了还是要排队', '不动产登记窗口人太少',
];
const SUGGESTIONS: [string, SuggestionResult][] = [
  ['建议延长中午办公时间，方便上班族办事', 'adopted'], ['建议在大厅设置老年人绿色通道', 'adopted'], ['建议增加自助复印机', 'adopted'],
  ['建议网上公布各窗口排队人数', 'adopted'], ['建议提供免费邮寄证照服务', 'adopted'], ['建议设置母婴室', 'adopted'], ['建议周六上午开放综合窗口', 'adopted'],
  ['吐槽找茬：叫号屏字太小看不清', 'rectified'], ['吐槽找茬：办事指南里的电话打不通', 'rectified'], ['吐槽找茬：填表样本过期', 'rectified'],
  ['吐槽找茬：导办人员不熟悉新事项', 'rectified'], ['吐槽找茬：饮水机长期没水', 'rectified'],
  ['为什么营业执照变更要本人到场', 'explained'], ['公章刻制为什么不能当天取', 'explained'], ['不动产登记为什么要先缴税', 'explained'],
  ['为什么不能用复印件代替原件', 'explained'], ['为什么网上申报后还要到现场', 'explained'], ['为什么要提前预约', 'explained'],
  ['建议取消所有证明材料', 'rejected'], ['建议二十四小时人工值守', 'rejected'], ['建议允许代办人不带委托书', 'rejected'],
];
const CLASS_CYCLE: OrderClass[] = ['immediate', 'deadline', 'explain', 'immediate', 'deadline', 'immediate'];
const SUGGESTION_CHANNELS = ['complaint_window', 'box', 'book', 'phone', 'online'] as const;

function code(prefix: string, i: number): string {
  return `${prefix}${i.toString(36).toUpperCase().padStart(6, '0')}`;
}

/** The 2019 year of the agency; does nothing when it is there already. Returns whether it wrote. */
export async function seedEvaluations2019(db: Kysely<Database>, agencyId: number, clock: () => Date = () => new Date()): Promise<{ seeded: boolean; ratings: number; visits: number; suggestions: number }> {
  if ((await repo.knownSourceIds(db, ['demo-2019-0'])).size) return { seeded: false, ratings: 0, visits: 0, suggestions: 0 };
  const at = nowIso(clock);
  const rnd = mulberry32(2019);
  const days = weekdays2019();
  const levels: Level[] = [];
  for (const l of [5, 4, 3, 2, 1] as Level[]) for (let k = 0; k < DEMO_2019.levels[l]; k++) levels.push(l);
  const channels: Channel[] = [];
  for (const [c, n] of Object.entries(DEMO_2019.channels) as [Channel, number][]) for (let k = 0; k < n; k++) channels.push(c);
  // shuffle both deterministically (Fisher–Yates)
  for (const xs of [levels, channels] as unknown[][]) {
    for (let k = xs.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [xs[k], xs[j]] = [xs[j], xs[k]];
    }
  }
  const rows: Insertable<EvaluationsTable>[] = [];
  let bad = 0;
  for (let i = 0; i < DEMO_2019.ratings; i++) {
    const level = levels[i]!;
    const channel = channels[i]!;
    const ratedOn = days[Math.floor((i * days.length) / DEMO_2019.ratings)]!;
    const window = `${1 + Math.floor(rnd() * 24)}号窗口`;
    const target = channel === 'survey' ? { t: 'agency', r: null } : { t: 'window', r: window };
    rows.push({
      agency_id: agencyId, receipt_code: code('PJ19', i), level, channel, target_type: target.t, target_ref: target.r, service_item_code: null,
      comment: level <= 2 ? BAD_COMMENTS[bad++ % BAD_COMMENTS.length]! : null, indicators_json: null, real_name: 0, rater_name: null, rater_phone: null, phone_hash: null,
      rated_on: ratedOn, created_at: at, once_key: null, source_id: `demo-2019-${i}`,
    });
  }
  return db.transaction().execute(async (trx) => {
    for (let k = 0; k < rows.length; k += 500) await trx.insertInto('evaluations').values(rows.slice(k, k + 500)).execute();
    const stored = await trx.selectFrom('evaluations').select(['id', 'level', 'rated_on', 'source_id']).where('agency_id', '=', agencyId).where('source_id', 'like', 'demo-2019-%').orderBy('id').execute();
    const dayAfter = (d: string) => days.find((x) => x > d) ?? d;
    // 差评: each opens its order, visited the next working day, classified, rectified, answered, closed
    const badOnes = stored.filter((r) => r.level <= 2);
    let n = 0;
    let visits = 0;
    for (const e of badOnes) {
      const cls = CLASS_CYCLE[n++ % CLASS_CYCLE.length]!;
      const v = dayAfter(e.rated_on);
      const done = dayAfter(v);
      const o = await repo.insertOrder(trx, {
        agency_id: agencyId, evaluation_id: e.id, state: 'closed', classification: cls, opened_on: e.rated_on, classified_on: v, due_on: done,
        rectification: cls === 'explain' ? null : '已当面致歉并整改，完善窗口服务规范', rectified_on: cls === 'explain' ? null : done,
        feedback: '感谢您的评价，问题已核实整改，欢迎继续监督。', feedback_on: done, closed_on: done, outcome: cls, updated_at: at,
      });
      await repo.insertVisit(trx, { agency_id: agencyId, evaluation_id: e.id, order_id: o, visited_on: v, visitor: '回访专员', method: 'phone', said: '评价人反映的情况属实', created_at: at, created_by: null });
      visits++;
      for (const [kind, on] of [['opened', e.rated_on], ['visited', v], ['classified', v], ...(cls === 'explain' ? [] : [['rectified', done]]), ['feedback_sent', done], ['closed', done]] as [string, string][]) {
        await repo.appendOrderEvent(trx, { agency_id: agencyId, order_id: o, kind, on_date: on, at, actor_user_id: null, actor_name: '演示数据', data_json: null });
      }
    }
    // 电话回访 of satisfied raters: every other rating of the year until 4,895 calls in all (visits of 差评 included)
    const good = stored.filter((r) => r.level > 2);
    const visitRows: Insertable<Database['evaluation_visits']>[] = [];
    for (let k = 0; visits + visitRows.length < DEMO_2019.returnVisits; k++) {
      const e = good[Math.floor((k * good.length) / (DEMO_2019.returnVisits - visits))]!;
      visitRows.push({ agency_id: agencyId, evaluation_id: e.id, order_id: null, visited_on: e.rated_on, visitor: '回访专员', method: 'phone', said: '对办理结果满意', created_at: at, created_by: null });
    }
    for (let k = 0; k < visitRows.length; k += 500) await trx.insertInto('evaluation_visits').values(visitRows.slice(k, k + 500)).execute();
    // 意见建议: 21, all handled and answered within 2019
    for (let i = 0; i < SUGGESTIONS.length; i++) {
      const [content, result] = SUGGESTIONS[i]!;
      const received = days[Math.floor(((i + 0.5) * (days.length - 20)) / SUGGESTIONS.length)]!;
      const handled = days[days.indexOf(received) + 5]!;
      await repo.insertSuggestion(trx, {
        agency_id: agencyId, query_code: code('YJ19', i), channel: SUGGESTION_CHANNELS[i % SUGGESTION_CHANNELS.length]!, content, contact_name: null, contact_phone: null,
        received_on: received, due_on: days[days.indexOf(received) + 15]!, state: 'replied', result,
        result_text: result === 'rejected' ? '没有法律法规依据，暂不能采纳' : result === 'explained' ? '已向提出人解释有关规定' : result === 'rectified' ? '问题已查摆，完成整改' : '建议合理，予以采纳并落实',
        handled_on: handled, reply: '感谢您的意见建议，办理情况已答复。', replied_on: handled, created_at: at, created_by: null,
      });
    }
    return { seeded: true, ratings: rows.length, visits: visits + visitRows.length, suggestions: SUGGESTIONS.length };
  });
}

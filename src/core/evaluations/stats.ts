// Figures of 好差评 and the suggestions ledger (ogi-domain §5 “Statistics commonly published”: number of ratings,
// 好评率 / 满意率, 差评数, 差评整改率, 回访率). Percentages are of all ratings, rounded to two decimals (99.5 = 99.5%).
import { isBad, type EvaluationSettings } from './rules.ts';

export type LevelCounts = {
  1: number; 2: number; 3: number; 4: number; 5: number;
};

export type SummaryInput = {
  levels: LevelCounts;
  returnVisits: number;
  /** 差评 work orders of the period: closed, and 差评 with at least one return visit */
  badClosed: number;
  badVisited: number;
  suggestions: { received: number; adopted: number; rectified: number };
};

export type Summary = {
  ratings: number;
  returnVisits: number;
  /** per cent, two decimals */
  satisfaction: number;
  goodRate: number;
  badRatings: number;
  badRectified: number;
  suggestions: { received: number; adopted: number; rectified: number };
};

export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part * 10000) / whole) / 100;
}

export function totalOf(l: LevelCounts): number {
  return l[1] + l[2] + l[3] + l[4] + l[5];
}

/** 满意度 by the configured formula; 好评率 = ratings of 3 stars or more ÷ all ratings. */
export function summarise(i: SummaryInput, s: Pick<EvaluationSettings, 'satisfactionFormula'>): Summary {
  const total = totalOf(i.levels);
  const satisfied = i.levels[5] + i.levels[4] + (s.satisfactionFormula === 'top3' ? i.levels[3] : 0);
  const bad = ([1, 2, 3, 4, 5] as const).filter(isBad).reduce((a, k) => a + i.levels[k], 0);
  return {
    ratings: total,
    returnVisits: i.returnVisits,
    satisfaction: percent(satisfied, total),
    goodRate: percent(total - bad, total),
    badRatings: bad,
    badRectified: i.badClosed,
    suggestions: { ...i.suggestions },
  };
}

/** Which figure of the year a phrase of the 总体情况 sentence states (the records behind it differ per measure). */
export type OverviewMeasure = 'ratings' | 'returnVisits' | 'satisfaction' | 'badRatings' | 'badRectified' | 'suggestions' | 'adopted' | 'rectified';

/** The phrases of the 总体情况 sentence that state a figure, in order: each is quoted verbatim in the sentence. */
export function overviewFigures(s: Summary): { measure: OverviewMeasure; text: string; value: number }[] {
  return [
    { measure: 'ratings', text: `政务服务评价${s.ratings}条`, value: s.ratings },
    { measure: 'returnVisits', text: `电话回访${s.returnVisits}次`, value: s.returnVisits },
    { measure: 'satisfaction', text: `满意度${s.satisfaction}%`, value: s.satisfaction },
    { measure: 'badRatings', text: `差评${s.badRatings}条`, value: s.badRatings },
    { measure: 'badRectified', text: `已整改办结${s.badRectified}条`, value: s.badRectified },
    { measure: 'suggestions', text: `意见建议${s.suggestions.received}条`, value: s.suggestions.received },
    { measure: 'adopted', text: `采纳${s.suggestions.adopted}条`, value: s.suggestions.adopted },
    { measure: 'rectified', text: `查摆整改问题${s.suggestions.rectified}个`, value: s.suggestions.rectified },
  ];
}

/** The 总体情况 sentence of the annual report with the year's figures (国办发〔2019〕51号: 有诉必理、有理必果、及时反馈). */
export function overviewSentence(year: number, s: Summary): string {
  const [ratings, visits, satisfaction, bad, rectified, suggestions, adopted, problems] = overviewFigures(s).map((f) => f.text);
  return `${year}年，本机关共收到${ratings}，开展${visits}，${satisfaction}；`
    + `收到${bad}，${rectified}；收到${suggestions}，${adopted}，`
    + `${problems}，做到有诉必理、有理必果、及时反馈。`;
}

// Decision categories of the decisions register ↔ table 二 rows, and table 二 columns ↔ register measures.
// Sources: 国办公开办函〔2019〕60号 表二 第二十条第（五）（六）（八）（九）项 (上一年项目数量 | 本年增/减 | 处理决定数量;
// 采购项目数量 | 采购总金额); 国办公开办函〔2021〕30号 表二 第二十条第（五）（六）（八）项 (本年处理决定数量;
// 本年收费金额（单位：万元）). Row and column labels are those of src/core/report/formats.ts.

export const DECISION_CATEGORIES = ['license', 'other_service', 'penalty', 'enforcement', 'fee', 'procurement'] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

/** The table 二 row each category fills (条例 第二十条第（五）（六）（八）（九）项). */
export const CATEGORY_ROW: Record<DecisionCategory, string> = {
  license: '行政许可', // 第二十条第（五）项
  other_service: '其他对外管理服务事项', // 第二十条第（五）项 (2019 only)
  penalty: '行政处罚', // 第二十条第（六）项
  enforcement: '行政强制', // 第二十条第（六）项
  fee: '行政事业性收费', // 第二十条第（八）项
  procurement: '政府集中采购', // 第二十条第（九）项 (2019 only)
};

export const CATEGORY_LABELS: Record<DecisionCategory, { zh: string; en: string }> = {
  license: { zh: '行政许可', en: 'Administrative licensing' },
  other_service: { zh: '其他对外管理服务事项', en: 'Other external management services' },
  penalty: { zh: '行政处罚', en: 'Administrative penalties' },
  enforcement: { zh: '行政强制', en: 'Administrative compulsion' },
  fee: { zh: '行政事业性收费', en: 'Administrative fees' },
  procurement: { zh: '政府集中采购', en: 'Centralised government procurement' },
};

export function isDecisionCategory(v: unknown): v is DecisionCategory {
  return typeof v === 'string' && (DECISION_CATEGORIES as readonly string[]).includes(v);
}

export function categoryOfRow(row: string): DecisionCategory | null {
  const hit = DECISION_CATEGORIES.find((c) => CATEGORY_ROW[c] === row);
  return hit ?? null;
}

/** What a table 二 column of the register blocks measures. */
export type RegisterMeasure = 'previous' | 'change' | 'count' | 'amount';

export function measureOfColumn(column: string): RegisterMeasure | null {
  if (column === '上一年项目数量') return 'previous';
  if (column === '本年增/减') return 'change';
  if (column === '处理决定数量' || column === '本年处理决定数量' || column === '采购项目数量') return 'count';
  if (column === '采购总金额' || column === '本年收费金额（单位：万元）') return 'amount';
  return null;
}

/** Map a 决定类型 / 事项名称 written in a CSV of 办件 to a category (the words of the table 二 rows). */
export function categoryFromText(text: string): DecisionCategory | null {
  const t = text.replace(/\s+/g, '');
  if (!t) return null;
  if (/^(license|other_service|penalty|enforcement|fee|procurement)$/.test(t)) return t as DecisionCategory;
  if (/其他对外管理服务|公共服务|其他管理服务/.test(t)) return 'other_service';
  if (/许可|审批|核准|登记/.test(t)) return 'license';
  if (/处罚|罚款|警告|没收/.test(t)) return 'penalty';
  if (/强制|查封|扣押|冻结/.test(t)) return 'enforcement';
  if (/收费/.test(t)) return 'fee';
  if (/采购/.test(t)) return 'procurement';
  return null;
}

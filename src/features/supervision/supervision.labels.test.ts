// The supervision pages' labels of states and of the assessment come from the locale catalogue (supervision.labels.*,
// supervision.assessment.*) so that they follow the page's locale. The services, the API and the mails keep their zh-CN
// label maps; the zh-CN messages are those labels to the character, so a zh-CN page reads exactly as before.
import { describe, expect, it } from 'vitest';
import { hasKey, t } from '../../ui/i18n.ts';
import { BASIS, COMPONENTS } from '../../core/supervision/assessment.ts';
import { HIERARCHY_CELLS, HIERARCHY_MODE_LABELS } from '../../core/supervision/hierarchy.ts';
import { HIERARCHY_CELL_KEYS } from './supervision.hierarchy-pages.tsx';
import { SAMPLE_KINDS, SAMPLE_RESULTS } from '../../core/supervision/sample.ts';
import { CORRECTION_LABELS } from './supervision.corrections.ts';
import { OVERVIEW_STATE_LABELS } from './supervision.overview.ts';
import { RECTIFICATION_LABELS } from './supervision.rectify.ts';
import { DECISION_LABELS, STATUS_LABELS } from './supervision.service.ts';

describe('supervision labels in the locale catalogue', () => {
  it('the state labels built from data exist in both locales, and the zh-CN ones are the labels the services use', () => {
    const same: [string, Readonly<Record<string, string>>][] = [
      ['decision', DECISION_LABELS], ['status', STATUS_LABELS], ['rectification', RECTIFICATION_LABELS], ['overviewState', OVERVIEW_STATE_LABELS],
      ['correction', CORRECTION_LABELS], ['hierarchyMode', HIERARCHY_MODE_LABELS],
      ['sampleKind', Object.fromEntries(SAMPLE_KINDS.map((k) => [k.key, k.label]))], ['sampleResult', Object.fromEntries(SAMPLE_RESULTS.map((k) => [k.key, k.label]))],
    ];
    for (const [group, labels] of same) {
      for (const [k, zh] of Object.entries(labels)) {
        expect(t('zh-CN', `supervision.labels.${group}.${k}`), `${group}.${k}`).toBe(zh);
        expect(hasKey(`supervision.labels.${group}.${k}`, 'en'), `${group}.${k}`).toBe(true);
      }
    }
    for (const c of COMPONENTS) {
      expect(t('zh-CN', `supervision.assessment.components.${c.key}.label`)).toBe(c.label);
      expect(t('zh-CN', `supervision.assessment.components.${c.key}.source`)).toBe(c.source);
    }
    for (const [k, zh] of Object.entries(BASIS)) expect(t('zh-CN', `supervision.assessment.basis.${k}`)).toBe(zh);
    for (const k of ['source.upload', 'source.platform', 'read.complete', 'read.partial', 'read.none', 'severity.error', 'severity.warning', 'triage.pending', 'triage.confirmed', 'triage.dismissed',
      'findingRectification.open', 'findingRectification.answered', 'findingRectification.resolved', 'crossYearResult.pass', 'crossYearResult.fail', 'crossYearResult.not_checked',
      'crossYearResult.not_applicable', 'table.table2', 'table.table3', 'table.table4']) {
      for (const locale of ['zh-CN', 'en'] as const) expect(hasKey(`supervision.labels.${k}`, locale), `${locale} ${k}`).toBe(true);
    }
  });
});

describe('consolidation check cells in the locale catalogue', () => {
  it('every cell a supervisor may choose has a message, the zh-CN one its label in HIERARCHY_CELLS', () => {
    for (const c of HIERARCHY_CELLS) {
      const key = HIERARCHY_CELL_KEYS[c.ref];
      expect(key, c.ref).toBeDefined();
      expect(t('zh-CN', `supervision.hierarchy.cellLabels.${key}`)).toBe(c.label);
      expect(t('en', `supervision.hierarchy.cellLabels.${key}`)).toMatch(/^Table [34] \(表[三四]\): /);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, LETTER_KINDS, placeholdersIn, remedyClause, renderTemplate, validateTemplate } from './templates.ts';

describe('validateTemplate', () => {
  it('every default template is valid for its kind', () => {
    for (const k of LETTER_KINDS) expect(validateTemplate(DEFAULT_TEMPLATES[k].body, k).errors).toEqual([]);
  });
  it('lists unknown placeholders in Chinese', () => {
    const v = validateTemplate('{{申请人}}：您好，{{申请人电话}}，{{ 机关名称 }}');
    expect(v.ok).toBe(false);
    expect(v.unknown).toEqual(['申请人电话']);
    expect(v.errors[0]).toMatch(/^模板中有未知的占位符：\{\{申请人电话\}\}。可以使用的占位符有：/);
  });
  it('reports unbalanced braces and missing required placeholders', () => {
    const v = validateTemplate('{{申请人}}：请于{{补正期限 前补正', 'correction_notice');
    expect(v.missing).toEqual(['补正事项', '补正期限']);
    expect(v.errors).toContain('模板中有不完整的占位符：每个占位符都要写成 {{名称}} 的形式，请检查花括号是否成对');
    expect(v.errors).toContain('补正告知书必须包含以下占位符：{{补正事项}}、{{补正期限}}');
  });
  it('a reply template without the remedy clause is refused', () => {
    const v = validateTemplate(DEFAULT_TEMPLATES.reply_partial.body.replace('{{救济途径}}', ''), 'reply_partial');
    expect(v.missing).toEqual(['救济途径']);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders and makes missing values visible', () => {
    const r = renderTemplate('{{申请人}}：{{补正事项}}', { 申请人: '张三' });
    expect(r).toEqual({ text: '张三：【补正事项】', missing: ['补正事项'] });
    expect(placeholdersIn('{{a}}{{b}}{{a}}')).toEqual(['a', 'b']);
  });
  it('remedy clause names the 本级人民政府 and both periods', () => {
    expect(remedyClause('芝罘区人民政府')).toBe('如对本答复不服，可以自收到本答复之日起六十日内向芝罘区人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。');
  });
});

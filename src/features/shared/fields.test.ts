// The shared zod fields give one message per problem: an empty field says "请填写…" and nothing else.
import { describe, expect, it } from 'vitest';
import { optionalText, phoneField, requiredText } from './fields.ts';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('phoneField', () => {
  it.each([
    ['', ['请填写联系电话']],
    ['   ', ['请填写联系电话']],
    ['abc', ['请填写正确的联系电话：11位手机号码，或者带区号的固定电话，例如 13800000000 或 0535-6666666']],
    ['1'.repeat(41), ['联系电话不能超过40个字符']],
    ['13800000000', []],
    ['0535-6666666', []],
  ])('%j → %j', (value, expected) => {
    expect(messages(phoneField('联系电话').safeParse(value))).toEqual(expected);
  });
});

describe('requiredText / optionalText', () => {
  const field = requiredText('申请内容', 10, { min: 2, minMeaningful: 2 });
  it.each([
    ['', ['请填写申请内容（至少2个字）']],
    ['。', ['请填写申请内容（至少2个字）']],
    ['。。', ['申请内容至少要有2个文字或数字，不能只有标点符号或其他符号']],
    ['一二三四五六七八九十一', ['申请内容不能超过10个字']],
    ['公开', []],
  ])('%j → %j', (value, expected) => {
    expect(messages(field.safeParse(value))).toEqual(expected);
  });
  it('optional: empty is null, punctuation only is one message', () => {
    expect(optionalText('说明', 10).parse('')).toBeNull();
    expect(messages(optionalText('说明', 10).safeParse('？？'))).toHaveLength(1);
  });
});

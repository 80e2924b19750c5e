import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { fieldsWithNul } from './app.ts';
import { ErrorPage } from '../ui/pages/ErrorPages.tsx';

describe('fieldsWithNul: every text field carrying U+0000 is named', () => {
  it.each([
    ['plain form', { username: 'a\u0000b', password: 'ok' }, ['username']],
    ['clean form', { username: '张三', note: '' }, []],
    ['nested JSON', { applicant: { name: '张\u0000三', phone: '138' }, items: ['x', 'y\u0000'] }, ['applicant.name', 'items.1']],
    ['multipart field part', { title: { type: 'field', fieldname: 'title', value: 'a\u0000' } }, ['title']],
    ['multipart file part is skipped', { file: { type: 'file', toBuffer: () => Buffer.from('\u0000'), value: '\u0000' } }, []],
    ['raw string body', 'x\u0000', ['(body)']],
    ['numbers and null', { n: 1, z: null }, []],
  ] as const)('%s', (_label, body, expected) => {
    expect(fieldsWithNul(body)).toEqual(expected);
  });
});

describe('ErrorPage for a refused form', () => {
  it('lists the fields to fix in an error summary and links back to the form', () => {
    const html = renderToStaticMarkup(ErrorPage({ locale: 'zh-CN', status: 400, title: '填写的内容有误', errors: [{ field: 'username', message: '此项含有不可见的控制字符（NUL），请删除后重新填写' }], backHref: '/admin/login' }));
    expect(html).toContain('请修改以下问题');
    expect(html).toContain('href="#field-username"');
    expect(html).toContain('href="/admin/login"');
  });
  it('shows no summary when there is nothing to fix', () => {
    const html = renderToStaticMarkup(ErrorPage({ locale: 'zh-CN', status: 500 }));
    expect(html).not.toContain('gk-error-summary');
  });
});

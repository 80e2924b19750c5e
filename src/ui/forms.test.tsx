import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Button, Checkboxes, CsrfField, DateField, ErrorSummary, FileField, Radios, Select, TextField, Textarea, errorFor, fieldId } from './components/forms.tsx';
import { renderPage } from './render.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { UserFormPage } from './pages/UsersPages.tsx';
import { sampleShell } from './test-support.ts';

const html = (el: React.ReactElement) => renderToStaticMarkup(el);
const INJECT = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

describe('ErrorSummary', () => {
  it('renders nothing without errors', () => {
    expect(html(<ErrorSummary errors={[]} />)).toBe('');
    expect(html(<ErrorSummary errors={undefined} />)).toBe('');
  });

  it('is an alert titled 请修改以下问题 that links each message to its field id', () => {
    const out = html(
      <ErrorSummary
        errors={[
          { field: 'username', message: '请输入用户名' },
          { field: 'password', message: '请输入密码' },
        ]}
      />,
    );
    expect(out).toContain('role="alert"');
    expect(out).toContain('请修改以下问题');
    expect(out).toContain('<a href="#field-username">请输入用户名</a>');
    expect(out).toContain('<a href="#field-password">请输入密码</a>');
    expect(out.indexOf('field-username')).toBeLessThan(out.indexOf('field-password'));
  });

  it('uses the English title for en', () => {
    expect(html(<ErrorSummary locale="en" errors={[{ field: 'a', message: 'Enter a' }]} />)).toContain('Please fix the following');
  });

  it('every summary link target exists on the rendered form (sign-in and user form)', () => {
    const pages = [
      renderPage(<SignInPage locale="zh-CN" values={{}} errors={[{ field: 'username', message: '请输入用户名' }, { field: 'password', message: '请输入密码' }]} />),
      renderPage(
        <UserFormPage
          shell={sampleShell()}
          mode="edit"
          userId={7}
          version={4}
          values={{ username: 'li', displayName: '李', role: '', agencyId: '', active: true }}
          agencies={[{ id: 1, name: '芝罘区人民政府' }]}
          errors={['username', 'displayName', 'role', 'agencyId', 'password', 'active'].map((f) => ({ field: f, message: `请修改${f}` }))}
        />,
      ),
    ];
    expect(pages[1]).toContain('<input type="hidden" name="version" value="4"/>');
    for (const page of pages) {
      const targets = [...page.matchAll(/<a href="#(field-[\w-]+)">/g)].map((m) => m[1]!);
      expect(targets.length).toBeGreaterThan(1);
      for (const id of targets) expect(page, id).toMatch(new RegExp(`<(input|select|textarea)[^>]* id="${id}"`));
    }
  });
});

describe('fields', () => {
  it('TextField: label above, hint, message in words, aria wiring, autocomplete, echoed value', () => {
    const out = html(<TextField name="email" type="email" label="电子邮箱" hint="用于接收答复" error="请输入正确的电子邮箱，例如 name@example.com" value="wang@" autoComplete="email" />);
    expect(out.indexOf('<label')).toBeLessThan(out.indexOf('gk-hint'));
    expect(out.indexOf('gk-hint')).toBeLessThan(out.indexOf('gk-error-message'));
    expect(out.indexOf('gk-error-message')).toBeLessThan(out.indexOf('<input'));
    expect(out).toContain('for="field-email"');
    expect(out).toContain('id="field-email"');
    expect(out).toContain('错误：</span>请输入正确的电子邮箱');
    expect(out).toContain('aria-describedby="field-email-hint field-email-error"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toMatch(/autocomplete="email"/i);
    expect(out).toContain('value="wang@"');
  });

  it.each([
    ['TextField', <TextField key="a" name="n" label="姓名" value={INJECT} />],
    ['Textarea', <Textarea key="b" name="n" label="内容描述" value={INJECT} />],
    ['Select', <Select key="c" name="n" label="机构" value={INJECT} options={[{ value: INJECT, label: INJECT }]} />],
    ['Radios', <Radios key="d" name="n" label="方式" value={INJECT} options={[{ value: INJECT, label: INJECT, hint: INJECT }]} />],
    ['Checkboxes', <Checkboxes key="e" name="n" label="方式" values={[INJECT]} options={[{ value: INJECT, label: INJECT }]} />],
    ['DateField', <DateField key="f" name="n" label="日期" value={INJECT} />],
    ['ErrorSummary', <ErrorSummary key="g" errors={[{ field: 'n', message: INJECT }]} />],
    ['CsrfField', <CsrfField key="h" token={INJECT} />],
  ])('%s echoes the value HTML-escaped (script injection is harmless)', (_name, el) => {
    const out = html(el);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;|&quot;&gt;&lt;script/);
  });

  it('never echoes a password', () => {
    expect(html(<TextField name="password" type="password" label="密码" value="secret-123" />)).not.toContain('secret-123');
  });

  it('Textarea echoes multi-line text', () => {
    expect(html(<Textarea name="d" label="所需信息" value={'第一行\n第二行'} />)).toContain('第一行\n第二行</textarea>');
  });

  it('Select marks the submitted choice and offers a placeholder', () => {
    const out = html(<Select name="agencyId" label="机构" value="2" placeholder="请选择" options={[{ value: '1', label: '甲' }, { value: '2', label: '乙' }]} />);
    expect(out).toContain('<option value="">请选择</option>');
    expect(out).toContain('<option value="2" selected="">乙</option>');
    expect(out).not.toContain('<option value="1" selected');
  });

  it('Radios: fieldset + legend; first choice has the field id; submitted value checked; hints per choice', () => {
    const out = html(
      <Radios name="channel" label="获取信息的方式" error="请选择获取信息的方式" value="mail" options={[{ value: 'email', label: '电子邮件' }, { value: 'mail', label: '邮寄', hint: '需填写地址' }]} />,
    );
    expect(out).toContain('<legend class="gk-fieldset__legend">获取信息的方式</legend>');
    expect(out).toMatch(/id="field-channel" type="radio"[^>]*value="email"/);
    expect(out).toMatch(/id="field-channel-2" type="radio"[^>]*checked=""[^>]*value="mail"/);
    expect(out).toContain('id="field-channel-2-item-hint">需填写地址');
    expect(out).toContain('请选择获取信息的方式');
  });

  it('Checkboxes check every submitted value', () => {
    const out = html(<Checkboxes name="c" label="载体" values={['a', 'c']} options={['a', 'b', 'c'].map((v) => ({ value: v, label: v }))} />);
    expect(out.match(/checked=""/g)?.length).toBe(2);
    expect(out).toMatch(/value="b"/);
  });

  it('DateField is <input type=date> with the YYYY-MM-DD value and a format hint', () => {
    const out = html(<DateField name="from" label="开始日期" value="2026-11-27" />);
    expect(out).toMatch(/type="date"[^>]*value="2026-11-27"/);
    expect(out).toContain('2026-11-27');
    expect(out).toContain('格式：年-月-日');
  });

  it('FileField, CsrfField and Button render the right controls', () => {
    expect(html(<FileField name="attachment" label="附件" accept=".pdf" />)).toMatch(/type="file"[^>]*accept=".pdf"/);
    expect(html(<CsrfField token="abc" />)).toBe('<input type="hidden" name="_csrf" value="abc"/>');
    expect(html(<Button>提交</Button>)).toBe('<button class="gk-button gk-button--primary" type="submit">提交</button>');
    expect(html(<Button href="/admin/users/new">新建</Button>)).toBe('<a class="gk-button gk-button--primary" href="/admin/users/new">新建</a>');
  });

  it('idPrefix: two forms with a field of the same name get distinct ids, labels, hints and summary links', () => {
    const page = html(
      <>
        <ErrorSummary idPrefix="returnReply" errors={[{ field: 'note', message: '请填写退回理由' }, { field: 'version', message: '已被他人修改' }]} linked={(f) => f === 'note'} />
        <Textarea name="note" idPrefix="approveReply" label="审核意见" hint="可不填" required={false} />
        <Textarea name="note" idPrefix="returnReply" label="退回理由" error="请填写退回理由" />
        <Radios name="kind" idPrefix="a" label="类型" options={[{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }]} />
        <Radios name="kind" idPrefix="b" label="类型" options={[{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }]} />
      </>,
    );
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page).toContain('<label class="gk-label" for="field-approveReply-note">');
    expect(page).toContain('aria-describedby="field-approveReply-note-hint"');
    expect(page).toContain('<a href="#field-returnReply-note">请填写退回理由</a>');
    // an error of a field the form does not show is listed without a link
    expect(page).toContain('<li>已被他人修改</li>');
    expect(page).toContain('for="field-b-kind-2"');
    expect(fieldId('note', 'returnReply')).toBe('field-returnReply-note');
  });

  it('Textarea showCount: the limit in words under the box, the box without maxlength, the count announced politely', () => {
    const out = html(<Textarea name="content" label="申请内容" hint="写具体" maxLength={4000} showCount />);
    expect(out).toContain('data-gk-count-max="4000"');
    expect(out).not.toMatch(/maxLength|maxlength/);
    expect(out).toContain('aria-describedby="field-content-hint field-content-count"');
    expect(out).toMatch(/<div class="gk-hint gk-char-count" id="field-content-count" aria-live="polite" data-gk-count-for="field-content" data-gk-count-under="还可以输入 \{n\} 个字" data-gk-count-over="已超出 \{n\} 个字，请删减">最多可以输入 4000 个字<\/div>/);
    expect(html(<Textarea name="content" label="申请内容" maxLength={10} />)).toContain('maxLength="10"');
  });

  it('errorFor and fieldId', () => {
    expect(fieldId('agencyId')).toBe('field-agencyId');
    expect(errorFor([{ field: 'a', message: 'x' }], 'a')).toBe('x');
    expect(errorFor([{ field: 'a', message: 'x' }], 'b')).toBeUndefined();
  });
});

describe('SignInPage', () => {
  it('echoes the user name escaped, keeps the password empty, posts to /admin/login with CSRF and next', () => {
    const out = renderPage(<SignInPage locale="zh-CN" values={{ username: INJECT }} csrfToken="t1" next="/admin/audit" errors={[{ field: 'password', message: '用户名或密码不正确，请重新输入' }]} />);
    expect(out.startsWith('<!doctype html><html lang="zh-CN"')).toBe(true);
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('action="/admin/login" method="post"');
    expect(out).toContain('name="_csrf" value="t1"');
    expect(out).toContain('name="next" value="/admin/audit"');
    expect(out).toMatch(/autocomplete="current-password"/i);
    expect(out).toMatch(/<title>有错误：登录/);
  });

  it('drops an off-site next', () => {
    expect(renderPage(<SignInPage locale="zh-CN" values={{}} next="//evil.example/x" />)).not.toContain('name="next"');
  });
});

import { describe, expect, it } from 'vitest';
import { cleanFileName, cleanFilePath, contentDisposition, hasHiddenCharacters } from './filenames.ts';

describe('cleanFilePath: a folder upload keeps its relative path, never a way out of it', () => {
  it.each([
    ['年度报告/区直部门/教育局.pdf', '年度报告/区直部门/教育局.pdf'],
    ['年度报告\\街道\\向阳.docx', '年度报告/街道/向阳.docx'],
    ['../../etc/passwd', 'etc/passwd'],
    ['/abs/./a//b.txt', 'abs/a/b.txt'],
    ['年度报告/.DS_Store', '年度报告/.DS_Store'], // the dot kept, so the audit can skip it
    ['年度报告/.../x.txt', '年度报告/x.txt'],
    ['报告\u202E/gpj.exe', '报告/gpj.exe'],
    [' 年度报告 / 甲 .txt ', '年度报告/甲 .txt'],
    ['', 'file'],
    ['../..', 'file'],
  ])('%j → %j', (input, expected) => {
    expect(cleanFilePath(input)).toBe(expected);
  });

  it('keeps the last 300 characters of a long path', () => {
    const long = `${'深'.repeat(200)}/${'层'.repeat(200)}/报告.pdf`;
    expect([...cleanFilePath(long)]).toHaveLength(300);
    expect(cleanFilePath(long).endsWith('/报告.pdf')).toBe(true);
  });
});

describe('cleanFileName: what a name cannot hide', () => {
  it.each([
    ['身份证\u202Egpj.exe', '身份证gpj.exe'], // RIGHT-TO-LEFT OVERRIDE would show it as 身份证exe.jpg
    ['\u202Atxt\u202B\u202C\u202D.pdf', 'txt.pdf'],
    ['a\u200Eb\u200Fc.pdf', 'abc.pdf'],
    ['\u2066通知\u2067\u2068\u2069.docx', '通知.docx'],
    ['\u061Cname.png', 'name.png'],
    ['zero\u200Bwidth\u200D\uFEFF.pdf', 'zerowidth.pdf'],
    ['line\r\nbreak\u0000\u0007\u0085.pdf', 'linebreak.pdf'],
    ['C:\\Users\\张三\\scan.jpg', 'scan.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['"quoted"<x>|y:z*?.pdf', 'quotedxyz.pdf'],
    ['  spaced   name .pdf ', 'spaced name .pdf'],
    ['...hidden', 'hidden'],
    ['\u202E', 'file'],
    ['', 'file'],
    ['政'.repeat(250) + '.pdf', '政'.repeat(200)],
  ])('%j → %j', (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
    expect(hasHiddenCharacters(cleanFileName(input))).toBe(false);
  });

  it('uses the fallback given', () => {
    expect(cleanFileName('\u2066\u2069', '附件')).toBe('附件');
    expect(cleanFileName(undefined, '附件')).toBe('附件');
  });
});

describe('contentDisposition: the Chinese name in filename*, an ASCII one in filename', () => {
  it.each([
    ['GK7Q3MABCD2E-答复书（部分公开）.pdf', 'GK7Q3MABCD2E-reply_partial.pdf',
      `attachment; filename="GK7Q3MABCD2E-reply_partial.pdf"; filename*=UTF-8''GK7Q3MABCD2E-%E7%AD%94%E5%A4%8D%E4%B9%A6%EF%BC%88%E9%83%A8%E5%88%86%E5%85%AC%E5%BC%80%EF%BC%89.pdf`],
    ["it's (1).pdf", 'x"y\\z.pdf', `attachment; filename="x_y_z.pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`],
    ['补正\r\n告知书.docx', '补正.docx', `attachment; filename="__.docx"; filename*=UTF-8''%E8%A1%A5%E6%AD%A3%E5%91%8A%E7%9F%A5%E4%B9%A6.docx`],
  ])('%j', (name, ascii, expected) => {
    expect(contentDisposition(name, ascii)).toBe(expected);
  });
});

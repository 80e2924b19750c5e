import { describe, expect, it } from 'vitest';
import { cleanFileName, hasHiddenCharacters } from './filenames.ts';

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

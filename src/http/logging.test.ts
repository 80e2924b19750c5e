import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './app.ts';

describe('log redaction', () => {
  it('hides cookies, passwords, 身份证号, phone and email', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const opts = loggerOptions({ logLevel: 'info' }) as pino.LoggerOptions;
    const log = pino(opts, sink);
    log.info({ req: { headers: { cookie: 'gk_session=secret-session' } }, password: 'demo12345', applicant: { idNumber: '370602199001011234', phone: '13800000000', email: 'a@b.cn', name: '张三' } }, 'x');
    const out = lines.join('');
    for (const secret of ['secret-session', 'demo12345', '370602199001011234', '13800000000', 'a@b.cn']) expect(out).not.toContain(secret);
    expect(out).toContain('张三');
    expect(out).toContain('[已隐藏]');
  });
});

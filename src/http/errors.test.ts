// toAppError: router and multipart-parser failures caused by the client map to 4xx problems, not 500.
import { describe, expect, it } from 'vitest';
import { toAppError } from './errors.ts';

function fastifyError(code: string, statusCode: number, message = code): Error {
  return Object.assign(new URIError(message), { code, statusCode });
}

describe('toAppError: client errors that are not 500s', () => {
  it.each([
    ['bad percent-encoding in the path', fastifyError('FST_ERR_BAD_URL', 400, "'/items/%E4' is not a valid url component"), 400, 'bad_request'],
    ['path parameter longer than maxParamLength', fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414), 414, 'uri_too_long'],
    ['multipart without boundary (busboy)', new Error('Multipart: Boundary not found'), 400, 'bad_request'],
    ['multipart cut short (dicer)', new Error('Unexpected end of multipart data'), 400, 'bad_request'],
    ['multipart part cut short (dicer)', new Error('Part terminated early due to unexpected end of multipart data'), 400, 'bad_request'],
  ])('%s → %i %s', (_name, err, status, code) => {
    const { appError, unexpected } = toAppError(err, true);
    expect(unexpected).toBe(false);
    expect(appError.status).toBe(status);
    expect(appError.code).toBe(code);
    expect(appError.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['NUL character in text', '22021'],
    ['integer beyond int4', '22003'],
    ['invalid text representation (1e+20 as integer)', '22P02'],
    ['datetime field overflow', '22008'],
  ])('PostgreSQL data exception (%s, SQLSTATE %s) → 400 bad_request', (_name, sqlstate) => {
    const err = Object.assign(new Error('value rejected by the database'), { code: sqlstate, severity: 'ERROR' });
    const { appError, unexpected } = toAppError(err, true);
    expect(unexpected).toBe(false);
    expect(appError).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('a write race (unique violation, serialization failure, deadlock) is a 409 conflict, not a 500', () => {
    for (const code of ['23505', '40001', '40P01']) {
      const { appError, unexpected } = toAppError(Object.assign(new Error('db'), { code, severity: 'ERROR' }), true);
      expect(unexpected).toBe(false);
      expect(appError).toMatchObject({ status: 409, code: 'conflict' });
    }
    expect(toAppError(Object.assign(new Error('db'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), true).appError).toMatchObject({ status: 409 });
    // a bare 23505 without pg's severity is not a PostgreSQL error
    expect(toAppError(Object.assign(new Error('db'), { code: '23505' }), true).unexpected).toBe(true);
  });

  it('other database errors stay 500 (a lost connection, a missing table, a check constraint)', () => {
    for (const code of ['08006', '42P01', '23514']) {
      expect(toAppError(Object.assign(new Error('db'), { code, severity: 'ERROR' }), true).unexpected).toBe(true);
    }
    // a 22xxx code without pg's severity is not a PostgreSQL error
    expect(toAppError(Object.assign(new Error('x'), { code: '22003' }), true).unexpected).toBe(true);
  });

  it('a plain error with the same words but a code of its own is still unexpected (500)', () => {
    const err = Object.assign(new Error('Unexpected end of multipart data'), { code: 'ERR_SOMETHING' });
    expect(toAppError(err, true)).toMatchObject({ unexpected: true, appError: { status: 500, code: 'internal' } });
    expect(toAppError(new Error('Multipart: something else'), true).unexpected).toBe(true);
  });
});

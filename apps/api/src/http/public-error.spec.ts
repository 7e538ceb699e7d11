import { NotFoundException } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { translateDatabaseError } from '@whdb/persistence';
import { toPublicError } from './public-error';

/** A pg driver error as node-postgres raises it. */
function driverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, table: 'service_integrations', column: 'api_url', schema: 'whdb' });
}

describe('toPublicError (docs/bad-input.md)', () => {
  it('keeps the message and safe details of an error we raised on purpose', () => {
    const error = toPublicError(new AppError('conflict', 'An organization with key "a" already exists.', { key: 'a' }));
    expect(error).toEqual({ status: 409, code: 'conflict', message: 'An organization with key "a" already exists.', details: { key: 'a' }, log: false });
  });

  it('tells the caller nothing of a translated database error, and logs it', () => {
    const translated = translateDatabaseError(driverError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
    const error = toPublicError(translated);
    expect(error).toEqual({ status: 400, code: 'resource_shape_invalid', message: 'The request contains a value that cannot be stored.', details: {}, log: true });
    const outage = toPublicError(translateDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
    expect(outage).toMatchObject({ status: 503, code: 'database_unavailable', message: 'The database is unavailable; try again later.', details: {} });
    expect(JSON.stringify([error, outage])).not.toMatch(/22021|UTF8|5432|service_integrations|api_url/);
  });

  it('maps request-reading failures (body parser) to a 4xx with a fixed message', () => {
    const parseFailure = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), { status: 400, type: 'entity.parse.failed' });
    expect(toPublicError(parseFailure)).toMatchObject({ status: 400, code: 'invalid_input', message: 'The request body is not valid JSON.' });
    const zlib = Object.assign(new Error('incorrect header check'), { status: 400, errno: -3 });
    expect(toPublicError(zlib)).toMatchObject({ status: 400, message: 'The request could not be read.' });
    expect(toPublicError(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' }))).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('answers 500 without detail to anything else, and keeps HttpException statuses', () => {
    expect(toPublicError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toEqual({
      status: 500,
      code: 'internal_error',
      message: 'An unexpected error occurred.',
      details: {},
      log: true,
    });
    expect(toPublicError(new NotFoundException('Cannot GET /nope'))).toMatchObject({ status: 404, code: 'not_found', message: 'Cannot GET /nope' });
  });
});

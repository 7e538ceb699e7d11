import { AppError } from '@whdb/core';
import { isUniqueViolation, translateDatabaseError } from './database-errors';

const queryFailed = (code: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error('query failed'), { driverError: Object.assign(new Error(`pg says ${code}`), { code, ...extra }), parameters: ['s3cret'] });

describe('translateDatabaseError', () => {
  it.each([
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['admin shutdown', queryFailed('57P01')],
    ['connection exception', queryFailed('08006')],
    ['deadlock', queryFailed('40P01')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['terminated', new Error('Connection terminated unexpectedly')],
  ])('maps %s to retriable database_unavailable', (_, error) => {
    const mapped = translateDatabaseError(error) as AppError;
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe('database_unavailable');
    expect(mapped.retriable).toBe(true);
  });

  it('maps data exceptions and integrity violations to final errors without the parameters', () => {
    const data = translateDatabaseError(queryFailed('22P02')) as AppError;
    expect([data.code, data.retriable]).toEqual(['resource_shape_invalid', false]);
    const integrity = translateDatabaseError(queryFailed('23505', { constraint: 'c1', table: 't' })) as AppError;
    expect([integrity.code, integrity.retriable, integrity.details]).toEqual(['invariant_violated', false, { sqlState: '23505', table: 't', constraint: 'c1' }]);
    expect(JSON.stringify(integrity.details)).not.toContain('s3cret');
    expect(isUniqueViolation(integrity, 'c1')).toBe(true);
    expect(isUniqueViolation(integrity, 'c2')).toBe(false);
  });

  it('maps a missing table or schema (a deleted integration) to a final not_found', () => {
    for (const code of ['42P01', '3F000']) {
      const missing = translateDatabaseError(queryFailed(code)) as AppError;
      expect([missing.code, missing.retriable]).toEqual(['not_found', false]);
    }
  });

  it('passes other errors through unchanged', () => {
    const syntax = queryFailed('42601');
    expect(translateDatabaseError(syntax)).toBe(syntax);
    const app = new AppError('not_found', 'nope');
    expect(translateDatabaseError(app)).toBe(app);
  });
});

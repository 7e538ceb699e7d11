import { ExitCode } from '../errors/exit-codes';
import { apiErrorFrom, cliErrorFromApi } from './api-error';

describe('api errors', () => {
  it('reads the error shape', () => {
    const error = apiErrorFrom('POST', '/v1/x', 403, { error: { status: 403, message: 'You are not a member of acme.', code: 'forbidden' } }, '');
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'You are not a member of acme.' });
    expect(cliErrorFromApi(error, 'integrations list')).toMatchObject({ exitCode: ExitCode.failed, code: 'forbidden', message: 'You are not a member of acme.' });
  });

  it('turns a 404 into "not available yet on this server"', () => {
    const error = apiErrorFrom('GET', '/v1/organizations/acme/db/connection', 404, { error: { status: 404, message: 'Cannot GET ...', code: 'not_found' } }, '');
    const failure = cliErrorFromApi(error, 'db connection');
    expect(failure.exitCode).toBe(ExitCode.unsupported);
    expect(failure.message).toBe('`whdb db connection` is not available yet on this server (GET /v1/organizations/acme/db/connection answered 404).');
  });

  it('maps 401 to the auth exit status and keeps messages on one line', () => {
    const failure = cliErrorFromApi(apiErrorFrom('GET', '/v1/x', 401, { error: { message: 'Invalid\ntoken', code: 'unauthenticated' } }, ''), 'x');
    expect(failure).toMatchObject({ exitCode: ExitCode.auth, message: 'Invalid token' });
  });

  it('still gives a reason when the body is not the error shape', () => {
    expect(apiErrorFrom('GET', '/v1/x', 502, undefined, '<html>\nBad gateway</html>').message).toBe('HTTP 502: <html> Bad gateway</html>');
    expect(apiErrorFrom('GET', '/v1/x', 500, undefined, '').code).toBe('http_500');
  });
});

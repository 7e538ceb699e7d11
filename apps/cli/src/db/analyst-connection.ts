import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';

/**
 * What `GET .../db/connection` and `POST .../db/roll_credentials` answer
 * (docs/behaviour/analyst-access.md#api). `connection_url` holds the password.
 */
export interface AnalystConnectionBody {
  readonly connection_url: string;
  readonly username: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly schema: string;
}

export function connectionUrlOf(body: Partial<AnalystConnectionBody>): string {
  if (typeof body.connection_url !== 'string' || !body.connection_url) throw new CliError('The api answered without a connection_url.', ExitCode.failed, 'invalid_response');
  return body.connection_url;
}

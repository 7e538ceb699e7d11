/** What `GET .../db/connection` and `POST .../db/roll_credentials` answer (docs/behaviour/analyst-access.md#api). */
export interface AnalystConnection {
  /** `postgres://<username>:<password>@<host>:<port>/<database>[?...]`: a secret, show it only to whoever asked. */
  readonly connection_url: string;
  readonly username: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** The organization's schema, also the role's `search_path`. */
  readonly schema: string;
}

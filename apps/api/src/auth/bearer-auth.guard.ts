import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AppError, constantTimeEquals } from '@whdb/core';
import { Database, SETUP_SESSION_PREFIX, TokenRepository } from '@whdb/persistence';
import { DATABASE } from '@whdb/service-kit';
import { API_CONFIG, ApiConfig } from '../api.config';
import { SetupSessionAuthenticator } from '../setup-terminal/setup-session.authenticator';
import { AuthenticatedRequest } from './principal';

const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** `Authorization: Bearer <token>`: the admin token, an organization token or a setup session; anything else is 401. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly tokens: TokenRepository;

  constructor(
    @Inject(DATABASE) dataSource: Database,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(SetupSessionAuthenticator) private readonly setupSessions: SetupSessionAuthenticator,
  ) {
    this.tokens = new TokenRepository(dataSource);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw new AppError('unauthenticated', 'Missing Authorization header');
    // The scheme name is case-insensitive (RFC 7235 section 2.1).
    const match = /^Bearer +(\S*) *$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 'Expected Bearer authorization');
    const token = match[1]!;
    // Tokens are visible ASCII; anything else cannot match one, so no query is made for it.
    if (!VISIBLE_ASCII.test(token)) throw new AppError('unauthenticated', 'Invalid token');
    const adminToken = this.config.WHDB_ADMIN_TOKEN;
    if (adminToken && constantTimeEquals(token, adminToken)) {
      request.principal = { kind: 'admin' };
      return true;
    }
    // A setup session reaches only the setup endpoints of its service (docs/setup-terminal.md#setup-sessions).
    if (token.startsWith(SETUP_SESSION_PREFIX)) {
      request.principal = await this.setupSessions.authenticate(token, request);
      return true;
    }
    const resolved = await this.tokens.resolve(token);
    if (!resolved) throw new AppError('unauthenticated', 'Invalid token');
    request.principal = { kind: 'organization', organizationId: resolved.organizationId, role: resolved.role };
    return true;
  }
}

import { TokenRole } from '@whdb/persistence';
import { Request } from 'express';

/**
 * Who is calling: the bootstrap admin token, or an organization token. A setup session (from a setup
 * link, docs/setup-terminal.md#setup-links) is an organization principal limited to `setupScope`.
 */
export type Principal =
  | { readonly kind: 'admin' }
  | { readonly kind: 'organization'; readonly organizationId: number; readonly role: TokenRole; readonly setupScope?: SetupScope };

/** The services a setup session may set up (its own and those it depends on). */
export interface SetupScope {
  readonly services: readonly string[];
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

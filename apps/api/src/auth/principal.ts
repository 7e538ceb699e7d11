import { TokenRole } from '@whdb/persistence';
import { Request } from 'express';

/** Who is calling: the bootstrap admin token, or an organization token. */
export type Principal = { readonly kind: 'admin' } | { readonly kind: 'organization'; readonly organizationId: number; readonly role: TokenRole };

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

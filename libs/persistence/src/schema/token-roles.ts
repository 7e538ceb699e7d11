/** What a token may do in its organization (`whdb.tokens.role`). */
export type TokenRole = 'admin' | 'member';
export const TOKEN_ROLES: readonly TokenRole[] = ['admin', 'member'];

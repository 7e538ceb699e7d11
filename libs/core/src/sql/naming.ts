import { createHash, randomBytes } from 'node:crypto';
import { validateIdentifier } from './identifiers';

/**
 * Schema holding an organization's replicated tables
 * (docs/behaviour/replicator-framework.md#table-shape).
 */
export function orgSchemaName(orgKey: string): string {
  return validateIdentifier(`whdb_org_${orgKey}`, 'organization schema');
}

/** Role that may read the organization's schema and nothing else. */
export function orgReadonlyRoleName(orgKey: string): string {
  return validateIdentifier(`whdb_org_${orgKey}_readonly`, 'organization role');
}

/**
 * The LOGIN role analysts connect as: a member of the read-only role, nothing more
 * (docs/behaviour/analyst-access.md).
 */
export function orgAnalystRoleName(orgKey: string): string {
  return validateIdentifier(`whdb_org_${orgKey}_analyst`, 'organization role');
}

/** Organization keys become part of identifiers, so they are lower-case snake case. */
export function isValidOrgKey(key: string): boolean {
  return /^[a-z][a-z0-9_]{1,39}$/.test(key);
}

/** Derives an org key from its name: `Acme Corp.` gives `acme_corp`. */
export function orgKeyFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'org_$1')
    .slice(0, 32);
  return slug.length >= 2 ? slug : `org_${randomBytes(3).toString('hex')}`;
}

/** Default table name: `<service_name>_<4 hex>` (docs/behaviour/replicator-framework.md#table-shape). */
export function defaultTableName(serviceName: string): string {
  return validateIdentifier(`${serviceName}_${randomBytes(2).toString('hex')}`, 'table name');
}

/**
 * Index name `<opaque_id>_<col1>_<col2>..._idx` (or `<opaque_id>_<identifier>_idx`). An opaque id
 * starting with a digit gets the prefix `idx`; names over 63 characters replace the column part
 * with a truncated md5 of the joined column names
 * (docs/behaviour/replicator-framework.md#table-shape).
 */
export function indexName(opaqueId: string, columns: readonly string[], identifier?: string): string {
  const prefix = /^\d/.test(opaqueId) ? `idx${opaqueId}` : opaqueId;
  const middle = identifier ?? columns.join('_');
  const name = `${prefix}_${middle}_idx`;
  if (name.length <= 63) return name;
  const room = 63 - prefix.length - '__idx'.length;
  const digest = createHash('md5').update(columns.join('_')).digest('hex').slice(0, Math.max(room, 8));
  return `${prefix}_${digest}_idx`.slice(0, 63);
}

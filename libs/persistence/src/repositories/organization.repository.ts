import { AppError, isValidOrgKey } from '@whdb/core';
import { isUniqueViolation } from '../database/database-errors';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

export interface OrganizationRecord {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

interface OrganizationRow {
  id: number;
  key: string;
  name: string;
}

function toRecord(row: OrganizationRow): OrganizationRecord {
  return { id: row.id, key: row.key, name: row.name };
}

/** Organizations (tenants). Pass a transaction instead of the data source to join it. */
export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  /** Creates an organization; its key must be lower-case snake case and not taken (`conflict`). */
  async create(input: { name: string; key: string }): Promise<OrganizationRecord> {
    if (!isValidOrgKey(input.key)) {
      throw new AppError('invalid_input', `Invalid organization key "${input.key}": use 2-40 lower-case letters, digits and underscores, starting with a letter.`);
    }
    if (input.name.trim() === '') throw new AppError('invalid_input', 'The organization name must not be empty.');
    try {
      const rows = await runQuery<OrganizationRow[]>(
        this.db,
        `INSERT INTO ${controlPlaneTable('organizations')} (key, name) VALUES ($1, $2) RETURNING id, key, name`,
        [input.key, input.name],
      );
      return toRecord(rows[0]!);
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_key_unique')) {
        throw new AppError('conflict', `An organization with key "${input.key}" already exists.`, { key: input.key });
      }
      throw error;
    }
  }

  /** Finds an organization by numeric id or by key. */
  async findByRef(ref: string): Promise<OrganizationRecord | null> {
    const byId = /^\d{1,9}$/.test(ref);
    const rows = await runQuery<OrganizationRow[]>(
      this.db,
      `SELECT id, key, name FROM ${controlPlaneTable('organizations')} WHERE ${byId ? 'id = $1::integer' : 'key = $1'}`,
      [ref],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: number): Promise<OrganizationRecord | null> {
    const rows = await runQuery<OrganizationRow[]>(this.db, `SELECT id, key, name FROM ${controlPlaneTable('organizations')} WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

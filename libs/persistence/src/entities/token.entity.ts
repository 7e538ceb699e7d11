import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

export type TokenRole = 'admin' | 'member';
export const TOKEN_ROLES: readonly TokenRole[] = ['admin', 'member'];

/** An API token. Only the SHA-256 digest of the token is stored. */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.tokens })
export class TokenEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer', name: 'organization_id' })
  organizationId!: number;

  @Column({ type: 'text', name: 'token_digest', unique: true })
  tokenDigest!: string;

  @Column({ type: 'text' })
  role!: TokenRole;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

/**
 * One configured replicator instance (SPEC 1.1). The secret columns hold `SecretBox`
 * ciphertext (the empty string means "not set"); `webhookdb_api_key_digest` is the keyed digest
 * of the API key so an integration can be found from it.
 */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.serviceIntegrations })
export class ServiceIntegrationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer', name: 'organization_id' })
  organizationId!: number;

  @Column({ type: 'text', name: 'opaque_id', unique: true })
  opaqueId!: string;

  @Column({ type: 'text', name: 'service_name' })
  serviceName!: string;

  @Column({ type: 'text', name: 'table_name' })
  tableName!: string;

  @Column({ type: 'text', name: 'api_url', default: '' })
  apiUrl!: string;

  @Column({ type: 'text', name: 'backfill_key', default: '' })
  backfillKey!: string;

  @Column({ type: 'text', name: 'backfill_secret', default: '' })
  backfillSecret!: string;

  @Column({ type: 'text', name: 'webhook_secret', default: '' })
  webhookSecret!: string;

  @Column({ type: 'text', name: 'webhookdb_api_key', default: '' })
  webhookdbApiKey!: string;

  @Column({ type: 'text', name: 'webhookdb_api_key_digest', nullable: true, unique: true })
  webhookdbApiKeyDigest!: string | null;

  @Column({ type: 'timestamptz', name: 'last_backfilled_at', nullable: true })
  lastBackfilledAt!: Date | null;

  @Column({ type: 'integer', name: 'depends_on_id', nullable: true })
  dependsOnId!: number | null;

  @Column({ type: 'boolean', name: 'skip_webhook_verification', default: false })
  skipWebhookVerification!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

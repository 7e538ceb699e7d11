import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

/** A delivery as received, kept for audit and replay (SPEC 1.4, 9.3). */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.loggedWebhooks })
@Index('logged_webhooks_organization_id_inserted_at_idx', ['organizationId', 'insertedAt'])
export class LoggedWebhookEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', name: 'inserted_at', default: () => 'now()' })
  insertedAt!: Date;

  @Column({ type: 'timestamptz', name: 'truncated_at', nullable: true })
  truncatedAt!: Date | null;

  @Column({ type: 'text', name: 'request_body' })
  requestBody!: string;

  /** Header names lower-cased. */
  @Column({ type: 'jsonb', name: 'request_headers', default: () => "'{}'::jsonb" })
  requestHeaders!: Record<string, string>;

  @Column({ type: 'text', name: 'request_method' })
  requestMethod!: string;

  @Column({ type: 'text', name: 'request_path' })
  requestPath!: string;

  @Column({ type: 'smallint', name: 'response_status' })
  responseStatus!: number;

  /** Not necessarily a real integration: unknown ids are logged too. */
  @Column({ type: 'text', name: 'service_integration_opaque_id' })
  serviceIntegrationOpaqueId!: string;

  @Column({ type: 'integer', name: 'organization_id', nullable: true })
  organizationId!: number | null;
}

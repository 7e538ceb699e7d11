import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

/** A full or incremental backfill of one integration (SPEC 1.2). */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.backfillJobs })
export class BackfillJobEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text', name: 'opaque_id', unique: true })
  opaqueId!: string;

  @Column({ type: 'integer', name: 'service_integration_id' })
  serviceIntegrationId!: number;

  @Column({ type: 'integer', name: 'parent_job_id', nullable: true })
  parentJobId!: number | null;

  /** The token that requested the job, when known. */
  @Column({ type: 'integer', name: 'created_by_id', nullable: true })
  createdById!: number | null;

  @Column({ type: 'boolean' })
  incremental!: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  criteria!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

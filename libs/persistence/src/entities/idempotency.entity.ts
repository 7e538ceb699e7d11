import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

/** A side effect guarded by a key (SPEC 1.3, 10). */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.idempotencies })
export class IdempotencyEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'timestamptz', name: 'last_run', nullable: true })
  lastRun!: Date | null;

  @Column({ type: 'jsonb', name: 'stored_result', nullable: true })
  storedResult!: unknown;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

/** A Kafka message written in the same transaction as the change it describes. */
@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.outbox })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text', nullable: true })
  key!: string | null;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  headers!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

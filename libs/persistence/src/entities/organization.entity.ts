import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CONTROL_PLANE_SCHEMA, CONTROL_PLANE_TABLES } from './control-plane-schema';

@Entity({ schema: CONTROL_PLANE_SCHEMA, name: CONTROL_PLANE_TABLES.organizations })
export class OrganizationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Lower-case snake case; part of the org's schema and role names. */
  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

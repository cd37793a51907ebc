import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A user-defined table: its metadata row. The data lives in a real table (see TablesService). */
@Entity({ name: 'tables' })
export class Table {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'integer' })
  owner_id!: number;

  @CreateDateColumn()
  created_at!: Date;
}

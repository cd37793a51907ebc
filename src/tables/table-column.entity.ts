import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ColumnType, TypeOptions } from './column-types';

/** A column of a user-defined table: its metadata row. The column itself is a real column. */
@Entity({ name: 'columns' })
export class TableColumn {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  @Column({ type: 'integer' })
  table_id!: number;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: ColumnType;

  @Column({ type: 'json', nullable: true })
  type_options!: TypeOptions | null;
}

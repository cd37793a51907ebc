import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The column is named differently from the property on purpose: PostgreSQL reports
 * `email_address`, and only TypeORM's entity metadata can tell the library that the
 * client's field is `email`. The unique constraint gets TypeORM's generated name, which
 * no registry lists.
 */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'email_address', type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 40 })
  name!: string;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface UserProfile {
  bio?: string;
  website?: string;
  links?: Array<{ label: string; url: string }>;
}

/**
 * Properties are named like the API's fields (snake_case): the database translator maps
 * a failing column to the entity property, and that property is the field the client
 * sent. The table itself comes from the migration, constraints included.
 */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  display_name!: string | null;

  @Column({ type: 'json', nullable: true })
  profile!: UserProfile | null;

  @CreateDateColumn()
  created_at!: Date;
}

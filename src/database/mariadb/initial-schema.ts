import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app's schema on MariaDB (and MySQL 8), with the same constraint and index names as
 * on PostgreSQL (src/database/migrations), because the names are the keys of the error
 * registry. What MariaDB lacks is built another way, with the same meaning:
 *
 * - `username_unique_lowercase`: MariaDB has no expression index; the username column
 *   compares case-insensitively (a `_ci` collation), so a unique key on it is the same
 *   rule. The column is text, as on PostgreSQL, so that any length reaches the
 *   `username_length` check; the key covers its first 120 characters, which holds every
 *   username the check lets in (30 at most). Email, table and column names compare exactly (`utf8mb4_bin`), as on
 *   PostgreSQL.
 * - `username_valid_characters`: REGEXP instead of `~`.
 * - jsonb is `json` (MariaDB keeps it as checked text), timestamptz is `datetime(6)` in UTC.
 */
export class InitialSchemaMariadb1730000000000 implements MigrationInterface {
  name = 'InitialSchemaMariadb1730000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id int NOT NULL AUTO_INCREMENT,
        email varchar(254) COLLATE utf8mb4_bin NOT NULL,
        username text COLLATE utf8mb4_unicode_ci NOT NULL,
        display_name varchar(100) NULL,
        profile json NULL,
        created_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT username_unique_lowercase UNIQUE (username(120)),
        CONSTRAINT username_length CHECK (char_length(username) <= 30),
        CONSTRAINT username_valid_characters CHECK (username REGEXP '^[A-Za-z0-9]+$')
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await queryRunner.query(`
      CREATE TABLE tables (
        id int NOT NULL AUTO_INCREMENT,
        name varchar(63) COLLATE utf8mb4_bin NOT NULL,
        owner_id int NOT NULL,
        created_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        CONSTRAINT tables_pkey PRIMARY KEY (id),
        CONSTRAINT tables_name_key UNIQUE (name),
        INDEX tables_owner_id_idx (owner_id),
        CONSTRAINT tables_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await queryRunner.query(`
      CREATE TABLE columns (
        id int NOT NULL AUTO_INCREMENT,
        table_id int NOT NULL,
        name varchar(63) COLLATE utf8mb4_bin NOT NULL,
        type varchar(16) NOT NULL,
        type_options json NULL,
        CONSTRAINT columns_pkey PRIMARY KEY (id),
        CONSTRAINT columns_table_id_name_key UNIQUE (table_id, name),
        CONSTRAINT columns_table_id_fkey FOREIGN KEY (table_id) REFERENCES tables (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE columns');
    await queryRunner.query('DROP TABLE tables');
    await queryRunner.query('DROP TABLE users');
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErrorsModule } from 'nest-error-contract';
import { USER_NOT_FOUND } from './app-codes.js';
import { CrashController } from './crash.controller.js';
import { NotesController } from './notes.controller.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';

// No `database` option: the unique violation on users.email_address is mapped to the
// field `email` from the PostgreSQL catalog and TypeORM's entity metadata alone.
@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      schema: process.env.DATABASE_SCHEMA,
      entities: [User],
      synchronize: true,
    }),
    TypeOrmModule.forFeature([User]),
    ErrorsModule.forRoot({ codes: [USER_NOT_FOUND] }),
  ],
  controllers: [UsersController, CrashController, NotesController],
})
export class AppModule {}

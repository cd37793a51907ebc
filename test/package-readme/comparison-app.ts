import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe as NestParseIntPipe,
  Post,
  Type,
} from '@nestjs/common';
import { IsEmail, IsString, Length } from 'class-validator';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotFoundError, ParseIntPipe } from 'nest-error-contract';

/**
 * The package README's "before and after": one small users API written twice, the way
 * each side's documentation tells a user to write it. Stock: Nest's `ValidationPipe`,
 * `ParseIntPipe` and `NotFoundException`, its default filter. Ours: the library's pipe,
 * `ParseIntPipe` and a domain `NotFoundError`, `ErrorsModule.forRoot()`.
 */
export type Side = 'stock' | 'ours';

@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
export class ComparisonUser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 30 })
  username!: string;
}

export class CreateUserDto {
  @IsEmail()
  email!: string;

  @IsString()
  @Length(3, 30)
  username!: string;
}

export const DATA_SOURCE = Symbol('DATA_SOURCE');

export function usersController(side: Side): Type<unknown> {
  const IdPipe = side === 'stock' ? NestParseIntPipe : ParseIntPipe;

  @Controller('users')
  class UsersController {
    constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

    @Post()
    async create(@Body() dto: CreateUserDto) {
      return this.dataSource.getRepository(ComparisonUser).save({ email: dto.email, username: dto.username });
    }

    @Get(':id')
    async find(@Param('id', IdPipe) id: number) {
      const user = await this.dataSource.getRepository(ComparisonUser).findOneBy({ id });
      if (user) return user;
      throw side === 'stock' ? new NotFoundException(`User ${id} not found`) : new NotFoundError('user');
    }
  }
  return UsersController;
}

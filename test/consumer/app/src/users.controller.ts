import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError } from 'nest-error-contract';
import { Repository } from 'typeorm';
import { USER_NOT_FOUND } from './app-codes.js';
import { CreateUserDto } from './create-user.dto.js';
import { User } from './user.entity.js';

@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** A second user with the same email breaks the unique constraint: the library answers 409. */
  @Post()
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.users.save(this.users.create(body));
  }

  /** Nest's own ParseIntPipe, as most apps use it: a non-numeric id is answered by the library. */
  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('user', { code: USER_NOT_FOUND, details: { id } });
    return user;
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DatabaseCodes, ErrorResponseEntry, ErrorResponses, RequestCodes } from 'nest-error-contract';
import { ContractThrottlerGuard } from '../common/throttler.guard';
import { PageQueryDto } from '../common/page-query.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { USER_NOT_FOUND } from '../errors/app-error-codes';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

/**
 * What writing a user can hit in the database (the rules of username live only there):
 * the registered constraints answer with the app's codes, and a NUL character, which
 * PostgreSQL cannot store in text, with INVALID_CHARACTERS.
 */
const USER_WRITE_ERRORS: ErrorResponseEntry[] = [
  { constraint: 'users_email_key' },
  { constraint: 'username_unique_lowercase' },
  { constraint: 'username_length' },
  { constraint: 'username_valid_characters' },
  DatabaseCodes.INVALID_CHARACTERS,
];

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  // Rate-limited per client (THROTTLE_LIMIT per minute): 429 RATE_LIMITED with Retry-After.
  @UseGuards(ContractThrottlerGuard)
  @ErrorResponses(...USER_WRITE_ERRORS, RequestCodes.RATE_LIMITED)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get()
  list(@Query() query: PageQueryDto) {
    return this.users.list(query.limit, query.offset);
  }

  @Get(':id')
  @ErrorResponses(USER_NOT_FOUND)
  findOne(@Param('id', ParseIdPipe) id: number) {
    return this.users.findOne(id);
  }

  @Patch(':id')
  @ErrorResponses(USER_NOT_FOUND, ...USER_WRITE_ERRORS)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.updateOne(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  // The tables a user owns refer to the user (tables_owner_id_fkey).
  @ErrorResponses(USER_NOT_FOUND, DatabaseCodes.RECORD_STILL_REFERENCED)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.users.deleteOne(id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DatabaseCodes, ErrorResponseEntry, ErrorResponses, RequestCodes } from 'nest-error-contract';
import { ApiIdParam } from '../common/api-id-param.decorator';
import { ContractThrottlerGuard } from '../common/throttler.guard';
import { PageQueryDto } from '../common/page-query.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { USER_NOT_FOUND } from '../errors/app-error-codes';
import { CreateUserDto, ProfileDto, UpdateUserDto } from './users.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { UserPage, UserView } from './users.views';

const USER_ID = ApiIdParam('id', 'The id of the user.');
const NEW_USER = {
  email: 'ada@example.com',
  username: 'ada',
  display_name: 'Ada Lovelace',
  profile: { bio: 'Writes about engines.', links: [{ label: 'Notes', url: 'https://example.com/notes' }] },
};

/**
 * What writing a user can hit in the database beyond its constraints (which
 * `{ entity: User }` documents from what the translator learnt: the registered
 * constraints with the app's codes, the foreign key of `tables` on DELETE): a NUL
 * character, which PostgreSQL cannot store in text, reported on the column holding it.
 */
const NUL_CHARACTER: ErrorResponseEntry[] = ['email', 'username', 'display_name', 'profile'].map((field) => ({
  code: DatabaseCodes.INVALID_CHARACTERS,
  field,
}));

@ApiTags('users')
@ApiExtraModels(ProfileDto)
@ErrorResponses({ entity: User })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiBody({ type: CreateUserDto, examples: { user: { summary: 'A new user', value: NEW_USER } } })
  @ApiCreatedResponse({ type: UserView, description: 'The user, as stored.' })
  // Rate-limited per client (THROTTLE_LIMIT per minute): 429 RATE_LIMITED with Retry-After.
  @UseGuards(ContractThrottlerGuard)
  @ErrorResponses(...NUL_CHARACTER, RequestCodes.RATE_LIMITED)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: UserPage, description: 'A page of users, by id.' })
  list(@Query() query: PageQueryDto) {
    return this.users.list(query.limit, query.offset);
  }

  @Get(':id')
  @USER_ID
  @ApiOkResponse({ type: UserView })
  @ErrorResponses(USER_NOT_FOUND)
  findOne(@Param('id', ParseIdPipe) id: number) {
    return this.users.findOne(id);
  }

  @Patch(':id')
  @USER_ID
  @ApiBody({
    type: UpdateUserDto,
    examples: { rename: { summary: 'A new display name', value: { display_name: 'Ada' } } },
  })
  @ApiOkResponse({ type: UserView, description: 'The user, as stored.' })
  @ErrorResponses(USER_NOT_FOUND, ...NUL_CHARACTER)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.updateOne(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @USER_ID
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ErrorResponses(USER_NOT_FOUND)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.users.deleteOne(id);
  }
}

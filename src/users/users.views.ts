import { nullableRef } from '../common/api-nullable-ref';
import { ApiProperty } from '@nestjs/swagger';
import { PAGE_COUNT } from '../common/page-query.dto';
import { ProfileDto } from './users.dto';

/** A user as the API answers it (the OpenAPI document's schema is this class). */
export class UserView {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  id!: number;

  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ example: 'ada' })
  username!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Ada Lovelace' })
  display_name!: string | null;

  @ApiProperty(nullableRef(ProfileDto))
  profile!: ProfileDto | null;

  @ApiProperty({ format: 'date-time', example: '2026-01-01T00:00:00.000Z' })
  created_at!: string;
}

export class UserPage {
  @PAGE_COUNT
  count!: number;

  @ApiProperty({ type: () => [UserView] })
  results!: UserView[];
}

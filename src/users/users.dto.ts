import { nullableRef } from '../common/api-nullable-ref';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

// The DTOs check presence, types and formats. The username rules (length, characters,
// uniqueness) are deliberately absent: they live only in the database, and the
// library's translator reports them (see src/database/constraint-rules.ts).

export class LinkDto {
  @ApiProperty({ minLength: 1, maxLength: 30, example: 'Blog' })
  @IsDefined()
  @IsString()
  @Length(1, 30)
  label!: string;

  @ApiProperty({ format: 'uri', example: 'https://example.com/blog' })
  @IsDefined()
  @IsString()
  @IsUrl()
  url!: string;
}

export class ProfileDto {
  @ApiPropertyOptional({ maxLength: 160, nullable: true, example: 'Writes about databases.' })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  bio?: string;

  @ApiPropertyOptional({ format: 'uri', nullable: true, example: 'https://example.com' })
  @IsOptional()
  @IsString()
  @IsUrl()
  website?: string;

  @ApiPropertyOptional({ type: () => [LinkDto], maxItems: 5, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links?: LinkDto[];
}

export class CreateUserDto {
  @ApiProperty({ format: 'email', description: 'Stored lower-cased; unique.', example: 'ada@example.com' })
  @IsDefined()
  @IsString()
  @IsEmail()
  email!: string;

  @ApiProperty({
    description: 'Letters and digits, at most 30; unique regardless of case (checked by the database).',
    example: 'ada',
  })
  @IsDefined()
  @IsString()
  username!: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 100, nullable: true, example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  display_name?: string | null;

  @ApiPropertyOptional(nullableRef(ProfileDto))
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto | null;
}

/** PATCH: every field optional; `email` and `username` may be left out but not set to null. */
export class UpdateUserDto {
  @ApiPropertyOptional({ format: 'email', description: 'Stored lower-cased; unique.', example: 'ada@example.com' })
  @ValidateIf((dto: UpdateUserDto) => dto.email !== undefined)
  @IsString()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: 'Letters and digits, at most 30; unique regardless of case.', example: 'ada' })
  @ValidateIf((dto: UpdateUserDto) => dto.username !== undefined)
  @IsString()
  username?: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 100, nullable: true, example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  display_name?: string | null;

  @ApiPropertyOptional(nullableRef(ProfileDto))
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto | null;
}

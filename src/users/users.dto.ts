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
  @IsDefined()
  @IsString()
  @Length(1, 30)
  label!: string;

  @IsDefined()
  @IsString()
  @IsUrl()
  url!: string;
}

export class ProfileDto {
  @IsOptional()
  @IsString()
  @MaxLength(160)
  bio?: string;

  @IsOptional()
  @IsString()
  @IsUrl()
  website?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links?: LinkDto[];
}

export class CreateUserDto {
  @IsDefined()
  @IsString()
  @IsEmail()
  email!: string;

  @IsDefined()
  @IsString()
  username!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  display_name?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto | null;
}

/** PATCH: every field optional; `email` and `username` may be left out but not set to null. */
export class UpdateUserDto {
  @ValidateIf((dto: UpdateUserDto) => dto.email !== undefined)
  @IsString()
  @IsEmail()
  email?: string;

  @ValidateIf((dto: UpdateUserDto) => dto.username !== undefined)
  @IsString()
  username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  display_name?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto | null;
}

import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_ID } from '../common/parse-id.pipe';

/** Table and column names: ASCII letters, digits and underscores, as PostgreSQL identifiers allow (63 bytes). */
const NAME = /^[A-Za-z0-9_]+$/u;
const NAME_MESSAGE = 'Name may contain only letters, digits and underscores.';

export class CreateTableDto {
  @IsDefined()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  owner_id!: number;
}

export class CreateColumnDto {
  @IsDefined()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  /** Checked against the whitelist by the service, so it can be reported with other problems. */
  @IsDefined()
  @IsString()
  @MaxLength(100)
  type!: string;

  @IsOptional()
  @IsObject()
  type_options?: Record<string, unknown> | null;
}

export class UpdateColumnDto {
  @IsOptional()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @IsOptional()
  @IsObject()
  type_options?: Record<string, unknown> | null;
}

export class CreateConstraintDto {
  @IsDefined()
  @IsIn(['unique'])
  type!: 'unique';

  @IsDefined()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(32)
  @ArrayUnique()
  @IsString({ each: true })
  columns!: string[];
}

export class CreateRecordDto {
  @IsDefined()
  @IsObject()
  values!: Record<string, unknown>;
}

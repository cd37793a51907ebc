import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { MAX_ID } from '../common/parse-id.pipe';
import { OBJECT_PROTOTYPE_MEMBERS } from './column-names';
import { COLUMN_TYPES } from './column-types';

/** Table and column names: ASCII letters, digits and underscores, as PostgreSQL identifiers allow (63 bytes). */
const NAME = /^[A-Za-z0-9_]+$/u;
const NAME_MESSAGE = 'Name may contain only letters, digits and underscores.';
const NAME_SCHEMA = { minLength: 1, maxLength: 63, pattern: NAME.source };
/** `type_options` in the OpenAPI document: option name -> integer (precision, scale, length). */
const TYPE_OPTIONS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  additionalProperties: { type: 'integer' },
  description: 'NUMERIC: `precision`, `scale`; VARCHAR: `length`. Other types take none.',
  example: { length: 80 },
};
/** A record value: a string, a number, a boolean or null, per column. */
const RECORD_VALUES_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] },
  description: 'Column name -> value.',
  example: { title: 'Dune', pages: 412 },
};

/** Column names only: see OBJECT_PROTOTYPE_MEMBERS. */
const OBJECT_MEMBER_MESSAGE = 'Name cannot be $value: every JavaScript object already has a member of that name.';

/**
 * For an object whose keys are the client's data (`type_options`, record `values`):
 * class-transformer hands class-validator the parsed value as it is instead of copying
 * it key by key. Its copy is useless here (the services read these keys with
 * @JsonBodyField, as the copy drops keys naming Object.prototype members) and costs time
 * quadratic in the number of keys (15,000 keys: about 0.25 s of blocked event loop).
 * `@Type(() => Boolean)` makes class-transformer's own conversion O(1) (`Boolean(x)`
 * reads nothing of `x`); `@Transform` then puts the parsed value back.
 */
function KeptAsParsed(): PropertyDecorator {
  return (target, property) => {
    Type(() => Boolean)(target, property);
    Transform(({ obj, key }) => (obj as Record<string, unknown>)[key], { toClassOnly: true })(target, property);
  };
}

export class CreateTableDto {
  @ApiProperty({ ...NAME_SCHEMA, example: 'books' })
  @IsDefined()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ID, description: 'The id of a user.', example: 1 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  owner_id!: number;
}

export class CreateColumnDto {
  @ApiProperty({ ...NAME_SCHEMA, example: 'title' })
  @IsDefined()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  @IsNotIn(OBJECT_PROTOTYPE_MEMBERS, { message: OBJECT_MEMBER_MESSAGE })
  name!: string;

  /** Checked against the whitelist by the service, so it can be reported with other problems. */
  @ApiProperty({ enum: COLUMN_TYPES, example: 'VARCHAR' })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  type!: string;

  /** Checked here for its shape only; its keys are read with @JsonBodyField (see there). */
  @ApiPropertyOptional(TYPE_OPTIONS_SCHEMA)
  @KeptAsParsed()
  @IsOptional()
  @IsObject()
  type_options?: Record<string, unknown> | null;
}

/** PATCH: a key left out keeps its value; `null` is no name or type, so it is checked (and refused). */
const IsOptionalButNotNull = () => ValidateIf((_object, value) => value !== undefined);

export class UpdateColumnDto {
  @ApiPropertyOptional({ ...NAME_SCHEMA, example: 'subtitle' })
  @IsOptionalButNotNull()
  @IsString()
  @Length(1, 63)
  @Matches(NAME, { message: NAME_MESSAGE })
  @IsNotIn(OBJECT_PROTOTYPE_MEMBERS, { message: OBJECT_MEMBER_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ enum: COLUMN_TYPES, example: 'TEXT' })
  @IsOptionalButNotNull()
  @IsString()
  @MaxLength(100)
  type?: string;

  /** `null` resets the options. Checked here for its shape only; its keys are read with @JsonBodyField (see there). */
  @ApiPropertyOptional(TYPE_OPTIONS_SCHEMA)
  @KeptAsParsed()
  @IsOptional()
  @IsObject()
  type_options?: Record<string, unknown> | null;
}

export class CreateConstraintDto {
  @ApiProperty({ enum: ['unique'], example: 'unique' })
  @IsDefined()
  @IsIn(['unique'])
  type!: 'unique';

  @ApiProperty({ type: [String], minItems: 1, maxItems: 32, uniqueItems: true, example: ['title'] })
  @IsDefined()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(32)
  @ArrayUnique()
  @IsString({ each: true })
  columns!: string[];
}

export class CreateRecordDto {
  /** Checked here for its shape only; its keys are read with @JsonBodyField (see there). */
  @ApiProperty(RECORD_VALUES_SCHEMA)
  @KeptAsParsed()
  @IsDefined()
  @IsObject()
  values!: Record<string, unknown>;
}

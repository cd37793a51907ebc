import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { defineErrorCode } from '../codes/error-code.js';
import { dtoRules } from './dto-rules.js';

const SLUG_INVALID = defineErrorCode('6801', 'SLUG_INVALID', 400, '{field} is not a slug.');
const COLOR_INVALID = defineErrorCode('6802', 'COLOR_INVALID', 400, '{field} is not a color.');

function IsSlug(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isSlug',
      target: target.constructor,
      propertyName: String(property),
      options: { context: { errorCode: SLUG_INVALID } },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^[a-z-]+$/.test(value) },
    });
}
function IsColor(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isColor',
      target: target.constructor,
      propertyName: String(property),
      validator: { validate: (value: unknown) => value === 'red' },
    });
}

class LinkDto {
  @IsDefined()
  @IsString()
  @Length(1, 30)
  label!: string;
}

class ProfileDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => LinkDto)
  links?: LinkDto[];
}

class UserDto {
  @IsDefined()
  @IsEmail()
  email!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProfileDto)
  profile?: ProfileDto | null;

  @IsOptional()
  @IsSlug()
  slug?: string;

  @IsOptional()
  @IsColor()
  color?: string;
}

class TreeDto {
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TreeDto)
  children?: TreeDto[];
}

describe('dtoRules (the codes a DTO can produce, from its decorators)', () => {
  it('lists each rule on its field path, nested DTOs and arrays of them included, with the arguments as details', () => {
    const found = dtoRules(UserDto);
    // In the order of class-validator's metadata: decorators apply bottom-up.
    const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    expect(sorted(found.rules.map((rule) => [rule.field, rule.code.name, rule.details]))).toEqual(
      sorted([
        ['email', 'IS_DEFINED', null],
        ['email', 'IS_EMAIL', null],
        ['profile', 'NESTED_OBJECT', null],
        ['profile.links', 'IS_ARRAY', null],
        ['profile.links', 'ARRAY_MAX_SIZE', { max: 5 }],
        ['profile.links', 'NESTED_OBJECT', null],
        // An item that is no object.
        ['profile.links.{index}', 'NESTED_OBJECT', null],
        ['profile.links.{index}.label', 'IS_DEFINED', null],
        ['profile.links.{index}.label', 'IS_STRING', null],
        ['profile.links.{index}.label', 'LENGTH', { min: 1, max: 30 }],
        ['slug', 'SLUG_INVALID', null],
        ['color', 'INVALID_VALUE', null],
      ]),
    );
    expect(found.objectPaths).toEqual(['', 'profile.', 'profile.links.{index}.']);
    expect(found.hasNestedArray).toBe(true);
  });

  it("takes a custom rule's code from the pipe's `codes` when its decorator brings none", () => {
    const found = dtoRules(UserDto, new Map([['isColor', { code: COLOR_INVALID }]]));
    expect(found.rules.find((rule) => rule.field === 'color')?.code).toBe(COLOR_INVALID);
  });

  it('stops at a DTO that contains itself', () => {
    const found = dtoRules(TreeDto);
    expect(new Set(found.rules.map((rule) => rule.field))).toEqual(
      new Set([
        'name',
        'children',
        'children.{index}',
        'children.{index}.name',
        'children.{index}.children',
        'children.{index}.children.{index}',
      ]),
    );
  });
});

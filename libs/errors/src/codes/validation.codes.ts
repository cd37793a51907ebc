import { ErrorCode, defineErrorCode } from './error-code.js';

// Validation codes (2000-2999). One code per class-validator rule, so a client can
// branch on the rule without reading the message. Rules that take arguments put them
// in `details` by name; the submitted value is never echoed. Sub-ranges:
//   2000-2009 the request as a whole    2010-2019 presence and equality
//   2020-2039 types                     2040-2049 numbers and dates
//   2050-2099 string formats            2100-2109 arrays
//   2110-2199 more string formats
// Messages here are templates for errors the library raises itself (parse pipes, body
// shape); errors from a DTO keep class-validator's (or the DTO author's) text.

/** Turns a rule's constraint arguments (as class-validator stores them) into `details`. */
export type DetailsFromArguments = (constraints: readonly unknown[]) => Record<string, unknown> | null;

/** What the library knows about one class-validator rule, keyed by its constraint name. */
export interface RuleCode {
  readonly code: ErrorCode;
  /** Absent when the rule has no arguments worth naming. */
  readonly details?: DetailsFromArguments;
}

/** A built-in rule: its code, and the constraint name class-validator reports it under. */
export interface ValidationRule extends RuleCode {
  /** The key of `ValidationError.constraints` (`'isEmail'`, `'min'`). */
  readonly constraint: string;
}

/** The `details` of a rule that takes arguments: the shape the catalogue shows, and how to build it. */
interface RuleDetails {
  readonly shape: string;
  readonly fromArguments: DetailsFromArguments;
}

/** One row of the rules table below; its key in the table is the code's constant name. */
interface RuleRow {
  readonly code: string;
  /** The class-validator constraint name. */
  readonly constraint: string;
  readonly message: string;
  /** The catalogue's "when" column: the decorator, and whatever else raises the code. */
  readonly description: string;
  /** Only for rules whose arguments are worth naming. */
  readonly details?: RuleDetails;
}

/** A row, in the columns of the table: code, constraint, message template, description, details. */
const rule = (
  code: string,
  constraint: string,
  message: string,
  description: string,
  details?: RuleDetails,
): RuleRow => ({ code, constraint, message, description, details });

/** A violated rule is the client's to fix: every rule answers 400. */
const RULE_STATUS = 400;

const details = (shape: string, fromArguments: DetailsFromArguments): RuleDetails => ({ shape, fromArguments });

/** `details` is `{ [key]: the decorator's first argument }`. */
const argument = (key: string, type: string): RuleDetails =>
  details(`{ ${key}: ${type} }`, ([value]) => ({ [key]: value }));

/** Like `argument`, for an argument the decorator may go without: then `null`. */
const optionalArgument = (key: string, type: string): RuleDetails =>
  details(`{ ${key}: ${type} | null }`, ([value]) => ({ [key]: value ?? null }));

/** `@Length(min, max)`, `@IsByteLength(min, max)`: the upper bound is optional. */
const bounds = details('{ min: number, max: number | null }', ([low, high]) => ({ min: low, max: high ?? null }));

/** `@MinDate` / `@MaxDate` take a Date or a function returning one; the catalogue promises ISO 8601. */
const dateArgument = (key: string): RuleDetails =>
  details(`{ ${key}: string } (ISO 8601)`, ([value]) => {
    const date = typeof value === 'function' ? (value as () => unknown)() : value;
    return { [key]: date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null };
  });

/**
 * Builds every rule's code from its row, named by the row's key, and the list of rules
 * by constraint name. The record keeps the names: `rules.codes.MIN` is typed, a
 * misspelt name does not compile.
 */
function defineRules<Name extends string>(
  rows: Record<Name, RuleRow>,
): { codes: { readonly [Key in Name]: ErrorCode }; rules: readonly ValidationRule[] } {
  const codes = {} as Record<Name, ErrorCode>;
  const rules: ValidationRule[] = [];
  for (const name of Object.keys(rows) as Name[]) {
    const row = rows[name];
    const code = defineErrorCode(row.code, name, RULE_STATUS, row.message, {
      details: row.details?.shape,
      description: row.description,
    });
    codes[name] = code;
    rules.push(
      row.details
        ? { constraint: row.constraint, code, details: row.details.fromArguments }
        : { constraint: row.constraint, code },
    );
  }
  return { codes: Object.freeze(codes), rules: Object.freeze(rules) };
}

// --- Codes raised by the library itself, for no one rule ----------------------------
export const BODY_NOT_OBJECT = defineErrorCode(
  '2001',
  'BODY_NOT_OBJECT',
  400,
  'The request body must be a JSON object.',
  {
    description:
      'The body is missing, null, an array, a string or a number where the route expects an object DTO. `field` is null.',
  },
);
export const TOO_MANY_ERRORS = defineErrorCode(
  '2003',
  'TOO_MANY_ERRORS',
  400,
  '{omitted} more validation errors were left out.',
  {
    details: '{ omitted: number, max_errors: number }',
    description: 'Always the last object of a response cut at `maxErrors` objects (default 100). `field` is null.',
  },
);
export const NESTING_TOO_DEEP = defineErrorCode(
  '2004',
  'NESTING_TOO_DEEP',
  400,
  'The request is nested too deeply to be validated.',
  {
    description: 'The value nests so deeply that validating it would exhaust the stack. `field` is null.',
  },
);
export const ARRAY_TOO_LONG = defineErrorCode(
  '2140',
  'ARRAY_TOO_LONG',
  400,
  '{field} must contain no more than {max_items} items.',
  {
    details: '{ max_items: number }',
    description:
      'An array in the body or query is longer than the validation pipe allows (`maxArrayLength`, default 1000). Answered before any rule runs on its items, so an array of any length costs one check. `field` names the array (null when the value itself is the array).',
  },
);
export const LONE_SURROGATE = defineErrorCode(
  '2141',
  'LONE_SURROGATE',
  400,
  '{field} contains a lone UTF-16 surrogate, which is not Unicode text.',
  {
    description:
      'A string (or a key) in the body, the query or a path parameter holds a UTF-16 surrogate that is not part of a pair (JSON can write one as `"\\ud800"`). Refused everywhere, before validation: a database would store it as U+FFFD or refuse it. `field` names the string or key.',
  },
);
export const TOO_MANY_PROPERTIES = defineErrorCode(
  '2142',
  'TOO_MANY_PROPERTIES',
  400,
  '{field} must have no more than {max_properties} properties.',
  {
    details: '{ max_properties: number }',
    description:
      'An object in the body or query has more keys than the validation pipe allows (`maxProperties`, default 1000). Answered before any rule runs: copying and checking an object costs more than its keys. `field` names the object (null for the body itself).',
  },
);
export const ARRAY_ITEM_INVALID = defineErrorCode(
  '2106',
  'ARRAY_ITEM_INVALID',
  400,
  '{field} contains an item that is not valid.',
  {
    description: 'ContractParseArrayPipe with `items`: an item of the list failed its type or its rules.',
  },
);

// --- Codes for what schema libraries (Standard Schema) say and class-validator has no rule for
export const UNION_MISMATCH = defineErrorCode(
  '2160',
  'UNION_MISMATCH',
  400,
  '{field} does not match any of the allowed types.',
  {
    description:
      'A schema union (zod `z.union`, valibot `v.union`/`v.variant`, arktype `a | b` of non-literals): the value matches none of its members.',
  },
);
export const GREATER_THAN = defineErrorCode('2161', 'GREATER_THAN', 400, '{field} must be greater than {min}.', {
  details: '{ min: number }',
  description: 'An exclusive lower bound of a schema (zod `gt`/`positive`, valibot `gtValue`, arktype `> n`).',
});
export const LESS_THAN = defineErrorCode('2162', 'LESS_THAN', 400, '{field} must be less than {max}.', {
  details: '{ max: number }',
  description: 'An exclusive upper bound of a schema (zod `lt`/`negative`, valibot `ltValue`, arktype `< n`).',
});

// --- One row per class-validator rule --------------------------------------------------
// NAME: rule(code, constraint name, message template, catalogue description, details).
// Each row gives the constant, its catalogue entry and its place in RULE_CODES. A unit
// test fails when class-validator gains a rule this table does not know, and when a row
// names a constraint class-validator never reports (its code could never be raised).
const VALIDATION_RULE_TABLE = defineRules({
  // The request as a whole: constraints class-validator reports for no decorator of its own
  INVALID_VALUE: rule(
    '2000',
    'customValidation',
    '{field} is invalid.',
    'A custom validation rule that brings no code of its own (no `context.errorCode`, no `codes` option entry).',
  ),
  UNKNOWN_PROPERTY: rule(
    '2002',
    'whitelistValidation',
    'Property {field} should not exist.',
    'A key the DTO does not declare, with `whitelist` and `forbidNonWhitelisted` on. One error per key.',
  ),
  UNKNOWN_VALUE: rule(
    '2005',
    'unknownValue',
    'An unknown value was passed to validation.',
    'class-validator `forbidUnknownValues`: the value is not an instance of a class with rules.',
  ),

  // Presence and equality
  IS_DEFINED: rule(
    '2010',
    'isDefined',
    '{field} should not be null or undefined.',
    '@IsDefined(); also a missing parameter of a parse pipe.',
  ),
  IS_NOT_EMPTY: rule('2011', 'isNotEmpty', '{field} should not be empty.', '@IsNotEmpty()'),
  IS_EMPTY: rule('2012', 'isEmpty', '{field} must be empty.', '@IsEmpty()'),
  EQUALS: rule(
    '2013',
    'equals',
    '{field} must be equal to {expected}.',
    '@Equals(expected)',
    argument('expected', 'unknown'),
  ),
  NOT_EQUALS: rule(
    '2014',
    'notEquals',
    '{field} should not be equal to {forbidden}.',
    '@NotEquals(forbidden)',
    argument('forbidden', 'unknown'),
  ),
  IS_IN: rule(
    '2015',
    'isIn',
    '{field} must be one of the following values: {allowed}.',
    '@IsIn(allowed)',
    argument('allowed', 'unknown[]'),
  ),
  IS_NOT_IN: rule(
    '2016',
    'isNotIn',
    '{field} should not be one of the following values: {forbidden}.',
    '@IsNotIn(forbidden)',
    argument('forbidden', 'unknown[]'),
  ),
  // IsEnum stores [entity, validValues]: the second already drops numeric enums' reverse keys
  IS_ENUM: rule(
    '2017',
    'isEnum',
    '{field} must be one of the following values: {allowed}.',
    '@IsEnum(entity); also ContractParseEnumPipe.',
    details('{ allowed: (string | number)[] }', ([, values]) => ({ allowed: values })),
  ),

  // Types
  IS_BOOLEAN: rule(
    '2020',
    'isBoolean',
    '{field} must be a boolean value.',
    '@IsBoolean(); also ContractParseBoolPipe.',
  ),
  IS_DATE: rule('2021', 'isDate', '{field} must be a Date instance.', '@IsDate(); also ContractParseDatePipe.'),
  IS_NUMBER: rule(
    '2022',
    'isNumber',
    '{field} must be a number conforming to the specified constraints.',
    '@IsNumber(); also ContractParseFloatPipe.',
  ),
  IS_INT: rule('2023', 'isInt', '{field} must be an integer number.', '@IsInt(); also ContractParseIntPipe.'),
  IS_STRING: rule('2024', 'isString', '{field} must be a string.', '@IsString()'),
  IS_ARRAY: rule('2025', 'isArray', '{field} must be an array.', '@IsArray(); also ContractParseArrayPipe.'),
  IS_OBJECT: rule(
    '2026',
    'isObject',
    '{field} must be an object.',
    '@IsObject(); also a `@Body(name)` object DTO that received something else.',
  ),
  IS_NOT_EMPTY_OBJECT: rule('2027', 'isNotEmptyObject', '{field} must be a non-empty object.', '@IsNotEmptyObject()'),
  IS_INSTANCE: rule(
    '2028',
    'isInstance',
    '{field} must be an instance of {type}.',
    '@IsInstance(type)',
    details('{ type: string }', ([type]) => ({ type: typeof type === 'function' ? type.name : null })),
  ),
  NESTED_OBJECT: rule(
    '2029',
    'nestedValidation',
    'Nested property {field} must be either object or array.',
    '@ValidateNested() on a value that is neither an object nor an array.',
  ),

  // Numbers and dates
  IS_DIVISIBLE_BY: rule(
    '2040',
    'isDivisibleBy',
    '{field} must be divisible by {divisor}.',
    '@IsDivisibleBy(divisor)',
    argument('divisor', 'number'),
  ),
  IS_POSITIVE: rule('2041', 'isPositive', '{field} must be a positive number.', '@IsPositive()'),
  IS_NEGATIVE: rule('2042', 'isNegative', '{field} must be a negative number.', '@IsNegative()'),
  MIN: rule('2043', 'min', '{field} must not be less than {min}.', '@Min(min)', argument('min', 'number')),
  MAX: rule('2044', 'max', '{field} must not be greater than {max}.', '@Max(max)', argument('max', 'number')),
  MIN_DATE: rule(
    '2045',
    'minDate',
    'The minimal allowed date for {field} is {min}.',
    '@MinDate(date)',
    dateArgument('min'),
  ),
  MAX_DATE: rule(
    '2046',
    'maxDate',
    'The maximal allowed date for {field} is {max}.',
    '@MaxDate(date)',
    dateArgument('max'),
  ),

  // Strings
  MIN_LENGTH: rule(
    '2050',
    'minLength',
    '{field} must be longer than or equal to {min} characters.',
    '@MinLength(min)',
    argument('min', 'number'),
  ),
  MAX_LENGTH: rule(
    '2051',
    'maxLength',
    '{field} must be shorter than or equal to {max} characters.',
    '@MaxLength(max)',
    argument('max', 'number'),
  ),
  LENGTH: rule(
    '2052',
    'isLength',
    '{field} must be between {min} and {max} characters long.',
    '@Length(min, max)',
    bounds,
  ),
  MATCHES: rule(
    '2053',
    'matches',
    '{field} must match the pattern {pattern}.',
    '@Matches(pattern); `pattern` is the regular expression source.',
    details('{ pattern: string }', ([pattern]) => ({
      pattern: pattern instanceof RegExp ? pattern.source : String(pattern),
    })),
  ),
  CONTAINS: rule(
    '2054',
    'contains',
    '{field} must contain {substring}.',
    '@Contains(substring)',
    argument('substring', 'string'),
  ),
  NOT_CONTAINS: rule(
    '2055',
    'notContains',
    '{field} should not contain {substring}.',
    '@NotContains(substring)',
    argument('substring', 'string'),
  ),
  IS_EMAIL: rule('2056', 'isEmail', '{field} must be an email.', '@IsEmail()'),
  IS_URL: rule('2057', 'isUrl', '{field} must be a URL address.', '@IsUrl()'),
  IS_UUID: rule(
    '2058',
    'isUuid',
    '{field} must be a UUID.',
    '@IsUUID(version); also ContractParseUUIDPipe.',
    optionalArgument('version', 'string'),
  ),
  IS_DATE_STRING: rule('2059', 'isDateString', '{field} must be a valid ISO 8601 date string.', '@IsDateString()'),
  IS_ISO8601: rule('2060', 'isIso8601', '{field} must be a valid ISO 8601 date string.', '@IsISO8601()'),
  IS_NUMBER_STRING: rule('2061', 'isNumberString', '{field} must be a number string.', '@IsNumberString()'),
  IS_BOOLEAN_STRING: rule('2062', 'isBooleanString', '{field} must be a boolean string.', '@IsBooleanString()'),
  IS_DECIMAL: rule('2063', 'isDecimal', '{field} is not a valid decimal number.', '@IsDecimal()'),
  IS_ALPHA: rule(
    '2064',
    'isAlpha',
    '{field} must contain only letters (a-zA-Z).',
    '@IsAlpha(locale)',
    optionalArgument('locale', 'string'),
  ),
  IS_ALPHANUMERIC: rule(
    '2065',
    'isAlphanumeric',
    '{field} must contain only letters and numbers.',
    '@IsAlphanumeric(locale)',
    optionalArgument('locale', 'string'),
  ),
  IS_ASCII: rule('2066', 'isAscii', '{field} must contain only ASCII characters.', '@IsAscii()'),
  IS_LOWERCASE: rule('2067', 'isLowercase', '{field} must be a lowercase string.', '@IsLowercase()'),
  IS_UPPERCASE: rule('2068', 'isUppercase', '{field} must be uppercase.', '@IsUppercase()'),
  IS_BYTE_LENGTH: rule(
    '2069',
    'isByteLength',
    "{field}'s byte length must fall into ({min}, {max}) range.",
    '@IsByteLength(min, max)',
    bounds,
  ),
  IS_IP: rule(
    '2070',
    'isIp',
    '{field} must be an ip address.',
    '@IsIP(version)',
    optionalArgument('version', 'number | string'),
  ),
  IS_PORT: rule('2071', 'isPort', '{field} must be a port.', '@IsPort()'),
  IS_FQDN: rule('2072', 'isFqdn', '{field} must be a valid domain name.', '@IsFQDN()'),
  IS_MAC_ADDRESS: rule('2073', 'isMacAddress', '{field} must be a MAC Address.', '@IsMACAddress()'),
  IS_JSON: rule('2074', 'isJson', '{field} must be a json string.', '@IsJSON()'),
  IS_JWT: rule('2075', 'isJwt', '{field} must be a jwt string.', '@IsJWT()'),
  IS_HEX_COLOR: rule('2076', 'isHexColor', '{field} must be a hexadecimal color.', '@IsHexColor()'),
  IS_RGB_COLOR: rule('2077', 'isRgbColor', '{field} must be RGB color.', '@IsRgbColor()'),
  IS_HSL: rule('2078', 'isHSL', '{field} must be a HSL color.', '@IsHSL()'),
  IS_HEXADECIMAL: rule('2079', 'isHexadecimal', '{field} must be a hexadecimal number.', '@IsHexadecimal()'),
  IS_OCTAL: rule('2080', 'isOctal', '{field} must be valid octal number.', '@IsOctal()'),
  IS_BASE32: rule('2081', 'isBase32', '{field} must be base32 encoded.', '@IsBase32()'),
  IS_BASE58: rule('2082', 'isBase58', '{field} must be base58 encoded.', '@IsBase58()'),
  IS_BASE64: rule('2083', 'isBase64', '{field} must be base64 encoded.', '@IsBase64()'),
  IS_DATA_URI: rule('2084', 'isDataURI', '{field} must be a data uri format.', '@IsDataURI()'),
  IS_MAGNET_URI: rule('2085', 'isMagnetURI', '{field} must be magnet uri format.', '@IsMagnetURI()'),
  IS_MIME_TYPE: rule('2086', 'isMimeType', '{field} must be MIME type format.', '@IsMimeType()'),
  IS_MONGO_ID: rule('2087', 'isMongoId', '{field} must be a mongodb id.', '@IsMongoId()'),
  IS_SEM_VER: rule('2088', 'isSemVer', '{field} must be a Semantic Versioning Specification.', '@IsSemVer()'),
  IS_LOCALE: rule('2089', 'isLocale', '{field} must be locale.', '@IsLocale()'),
  IS_TIME_ZONE: rule('2090', 'isTimeZone', '{field} must be a valid IANA time-zone.', '@IsTimeZone()'),
  IS_MILITARY_TIME: rule(
    '2091',
    'isMilitaryTime',
    '{field} must be a valid representation of military time in the format HH:MM.',
    '@IsMilitaryTime()',
  ),
  IS_RFC3339: rule('2092', 'isRFC3339', '{field} must be RFC 3339 date.', '@IsRFC3339()'),
  IS_STRONG_PASSWORD: rule('2093', 'isStrongPassword', '{field} is not strong enough.', '@IsStrongPassword(options)'),
  IS_HASH: rule(
    '2094',
    'isHash',
    '{field} must be a hash of type {algorithm}.',
    '@IsHash(algorithm)',
    argument('algorithm', 'string'),
  ),
  IS_PHONE_NUMBER: rule(
    '2095',
    'isPhoneNumber',
    '{field} must be a valid phone number.',
    '@IsPhoneNumber(region)',
    optionalArgument('region', 'string'),
  ),
  IS_MOBILE_PHONE: rule(
    '2096',
    'isMobilePhone',
    '{field} must be a phone number.',
    '@IsMobilePhone(locale)',
    optionalArgument('locale', 'string | string[]'),
  ),
  IS_POSTAL_CODE: rule(
    '2097',
    'isPostalCode',
    '{field} must be a postal code.',
    '@IsPostalCode(locale)',
    optionalArgument('locale', 'string'),
  ),
  IS_LAT_LONG: rule(
    '2098',
    'isLatLong',
    '{field} must be a latitude,longitude string.',
    '@IsLatLong(); also @IsLatitude() and @IsLongitude() use their own codes 2110-2111.',
  ),
  IS_CREDIT_CARD: rule('2099', 'isCreditCard', '{field} must be a credit card.', '@IsCreditCard()'),

  // Arrays (2106 ARRAY_ITEM_INVALID, above, belongs to ContractParseArrayPipe)
  ARRAY_MIN_SIZE: rule(
    '2100',
    'arrayMinSize',
    '{field} must contain at least {min} elements.',
    '@ArrayMinSize(min)',
    argument('min', 'number'),
  ),
  ARRAY_MAX_SIZE: rule(
    '2101',
    'arrayMaxSize',
    '{field} must contain no more than {max} elements.',
    '@ArrayMaxSize(max)',
    argument('max', 'number'),
  ),
  ARRAY_NOT_EMPTY: rule('2102', 'arrayNotEmpty', '{field} should not be empty.', '@ArrayNotEmpty()'),
  ARRAY_UNIQUE: rule('2103', 'arrayUnique', "All {field}'s elements must be unique.", '@ArrayUnique()'),
  ARRAY_CONTAINS: rule(
    '2104',
    'arrayContains',
    '{field} must contain {required} values.',
    '@ArrayContains(values)',
    argument('required', 'unknown[]'),
  ),
  ARRAY_NOT_CONTAINS: rule(
    '2105',
    'arrayNotContains',
    '{field} should not contain {forbidden} values.',
    '@ArrayNotContains(values)',
    argument('forbidden', 'unknown[]'),
  ),

  // More string formats
  IS_LATITUDE: rule('2110', 'isLatitude', '{field} must be a latitude string or number.', '@IsLatitude()'),
  IS_LONGITUDE: rule('2111', 'isLongitude', '{field} must be a longitude string or number.', '@IsLongitude()'),
  IS_CURRENCY: rule('2112', 'isCurrency', '{field} must be a currency.', '@IsCurrency()'),
  IS_ISO4217_CURRENCY_CODE: rule(
    '2113',
    'isISO4217CurrencyCode',
    '{field} must be a valid ISO4217 currency code.',
    '@IsISO4217CurrencyCode()',
  ),
  IS_ISO31661_ALPHA2: rule(
    '2114',
    'isISO31661Alpha2',
    '{field} must be a valid ISO31661 Alpha2 code.',
    '@IsISO31661Alpha2()',
  ),
  IS_ISO31661_ALPHA3: rule(
    '2115',
    'isISO31661Alpha3',
    '{field} must be a valid ISO31661 Alpha3 code.',
    '@IsISO31661Alpha3()',
  ),
  IS_ISO31661_NUMERIC: rule(
    '2116',
    'isISO31661Numeric',
    '{field} must be a valid ISO31661 Numeric code.',
    '@IsISO31661Numeric()',
  ),
  IS_ISO6391: rule('2117', 'isISO6391', '{field} must be a valid ISO 639-1 language code.', '@IsISO6391()'),
  IS_BIC: rule('2118', 'isBIC', '{field} must be a BIC or SWIFT code.', '@IsBIC()'),
  IS_IBAN: rule('2119', 'isIBAN', '{field} must be an IBAN.', '@IsIBAN()'),
  IS_ISBN: rule(
    '2120',
    'isIsbn',
    '{field} must be an ISBN.',
    '@IsISBN(version)',
    optionalArgument('version', 'number | string'),
  ),
  IS_ISIN: rule('2121', 'isIsin', '{field} must be an ISIN (stock/security identifier).', '@IsISIN()'),
  IS_ISSN: rule('2122', 'isISSN', '{field} must be a ISSN.', '@IsISSN()'),
  IS_ISRC: rule('2123', 'isISRC', '{field} must be an ISRC.', '@IsISRC()'),
  IS_EAN: rule('2124', 'isEAN', '{field} must be an EAN (European Article Number).', '@IsEAN()'),
  IS_IDENTITY_CARD: rule(
    '2125',
    'isIdentityCard',
    '{field} must be a identity card number.',
    '@IsIdentityCard(locale)',
    optionalArgument('locale', 'string'),
  ),
  IS_PASSPORT_NUMBER: rule(
    '2126',
    'isPassportNumber',
    '{field} must be valid passport number.',
    '@IsPassportNumber(country)',
    argument('country', 'string'),
  ),
  IS_TAX_ID: rule(
    '2127',
    'isTaxId',
    '{field} must be a Tax Identification Number.',
    '@IsTaxId(locale)',
    optionalArgument('locale', 'string'),
  ),
  IS_BTC_ADDRESS: rule('2128', 'isBtcAddress', '{field} must be a BTC address.', '@IsBtcAddress()'),
  IS_ETHEREUM_ADDRESS: rule(
    '2129',
    'isEthereumAddress',
    '{field} must be an Ethereum address.',
    '@IsEthereumAddress()',
  ),
  // The constraint is class-validator's own spelling, capital I included
  IS_FIREBASE_PUSH_ID: rule('2130', 'IsFirebasePushId', '{field} must be a Firebase Push Id.', '@IsFirebasePushId()'),
  IS_FULL_WIDTH: rule('2131', 'isFullWidth', '{field} must contain a full-width characters.', '@IsFullWidth()'),
  IS_HALF_WIDTH: rule('2132', 'isHalfWidth', '{field} must contain a half-width characters.', '@IsHalfWidth()'),
  IS_VARIABLE_WIDTH: rule(
    '2133',
    'isVariableWidth',
    '{field} must contain a full-width and half-width characters.',
    '@IsVariableWidth()',
  ),
  IS_MULTIBYTE: rule('2134', 'isMultibyte', '{field} must contain one or more multibyte chars.', '@IsMultibyte()'),
  IS_SURROGATE_PAIR: rule(
    '2135',
    'isSurrogatePair',
    '{field} must contain any surrogate pairs chars.',
    '@IsSurrogatePair()',
  ),
});

/** Every built-in rule, for the rule-to-code map (`validation/rule-codes.ts`). */
export const VALIDATION_RULES: readonly ValidationRule[] = VALIDATION_RULE_TABLE.rules;

// Each rule's code under its own name, as library code and `ValidationCodes` reach it. A
// name the table lacks does not compile; a test fails when a row is missing here.
export const {
  INVALID_VALUE,
  UNKNOWN_PROPERTY,
  UNKNOWN_VALUE,
  IS_DEFINED,
  IS_NOT_EMPTY,
  IS_EMPTY,
  EQUALS,
  NOT_EQUALS,
  IS_IN,
  IS_NOT_IN,
  IS_ENUM,
  IS_BOOLEAN,
  IS_DATE,
  IS_NUMBER,
  IS_INT,
  IS_STRING,
  IS_ARRAY,
  IS_OBJECT,
  IS_NOT_EMPTY_OBJECT,
  IS_INSTANCE,
  NESTED_OBJECT,
  IS_DIVISIBLE_BY,
  IS_POSITIVE,
  IS_NEGATIVE,
  MIN,
  MAX,
  MIN_DATE,
  MAX_DATE,
  MIN_LENGTH,
  MAX_LENGTH,
  LENGTH,
  MATCHES,
  CONTAINS,
  NOT_CONTAINS,
  IS_EMAIL,
  IS_URL,
  IS_UUID,
  IS_DATE_STRING,
  IS_ISO8601,
  IS_NUMBER_STRING,
  IS_BOOLEAN_STRING,
  IS_DECIMAL,
  IS_ALPHA,
  IS_ALPHANUMERIC,
  IS_ASCII,
  IS_LOWERCASE,
  IS_UPPERCASE,
  IS_BYTE_LENGTH,
  IS_IP,
  IS_PORT,
  IS_FQDN,
  IS_MAC_ADDRESS,
  IS_JSON,
  IS_JWT,
  IS_HEX_COLOR,
  IS_RGB_COLOR,
  IS_HSL,
  IS_HEXADECIMAL,
  IS_OCTAL,
  IS_BASE32,
  IS_BASE58,
  IS_BASE64,
  IS_DATA_URI,
  IS_MAGNET_URI,
  IS_MIME_TYPE,
  IS_MONGO_ID,
  IS_SEM_VER,
  IS_LOCALE,
  IS_TIME_ZONE,
  IS_MILITARY_TIME,
  IS_RFC3339,
  IS_STRONG_PASSWORD,
  IS_HASH,
  IS_PHONE_NUMBER,
  IS_MOBILE_PHONE,
  IS_POSTAL_CODE,
  IS_LAT_LONG,
  IS_CREDIT_CARD,
  ARRAY_MIN_SIZE,
  ARRAY_MAX_SIZE,
  ARRAY_NOT_EMPTY,
  ARRAY_UNIQUE,
  ARRAY_CONTAINS,
  ARRAY_NOT_CONTAINS,
  IS_LATITUDE,
  IS_LONGITUDE,
  IS_CURRENCY,
  IS_ISO4217_CURRENCY_CODE,
  IS_ISO31661_ALPHA2,
  IS_ISO31661_ALPHA3,
  IS_ISO31661_NUMERIC,
  IS_ISO6391,
  IS_BIC,
  IS_IBAN,
  IS_ISBN,
  IS_ISIN,
  IS_ISSN,
  IS_ISRC,
  IS_EAN,
  IS_IDENTITY_CARD,
  IS_PASSPORT_NUMBER,
  IS_TAX_ID,
  IS_BTC_ADDRESS,
  IS_ETHEREUM_ADDRESS,
  IS_FIREBASE_PUSH_ID,
  IS_FULL_WIDTH,
  IS_HALF_WIDTH,
  IS_VARIABLE_WIDTH,
  IS_MULTIBYTE,
  IS_SURROGATE_PAIR,
} = VALIDATION_RULE_TABLE.codes;

/** Every validation code, in code order: the rules' and the library's own. */
export const VALIDATION_CODES: readonly ErrorCode[] = [
  BODY_NOT_OBJECT,
  TOO_MANY_ERRORS,
  NESTING_TOO_DEEP,
  ARRAY_TOO_LONG,
  LONE_SURROGATE,
  TOO_MANY_PROPERTIES,
  ARRAY_ITEM_INVALID,
  UNION_MISMATCH,
  GREATER_THAN,
  LESS_THAN,
  ...Object.values<ErrorCode>(VALIDATION_RULE_TABLE.codes),
].sort((a, b) => Number(a.code) - Number(b.code));

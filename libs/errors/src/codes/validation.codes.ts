import { ErrorCode, defineErrorCode } from './error-code.js';

// Validation codes (2000-2999). One code per class-validator rule, so a client can
// branch on the rule without reading the message. Rules that take arguments put them
// in `details` by name; the submitted value is never echoed. Sub-ranges:
//   2000-2009 the request as a whole    2010-2019 presence and equality
//   2020-2039 types                     2040-2049 numbers and dates
//   2050-2099 string formats            2100-2109 arrays
// Messages here are templates for errors the library raises itself (parse pipes, body
// shape); errors from a DTO keep class-validator's (or the DTO author's) text.

// --- The request as a whole -------------------------------------------------------
export const INVALID_VALUE = defineErrorCode('2000', 'INVALID_VALUE', 400, '{field} is invalid.', {
  description:
    'A custom validation rule that brings no code of its own (no `context.errorCode`, no `codes` option entry).',
});
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
export const UNKNOWN_PROPERTY = defineErrorCode('2002', 'UNKNOWN_PROPERTY', 400, 'Property {field} should not exist.', {
  description: 'A key the DTO does not declare, with `whitelist` and `forbidNonWhitelisted` on. One error per key.',
});
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
export const UNKNOWN_VALUE = defineErrorCode(
  '2005',
  'UNKNOWN_VALUE',
  400,
  'An unknown value was passed to validation.',
  {
    description: 'class-validator `forbidUnknownValues`: the value is not an instance of a class with rules.',
  },
);

// --- Presence and equality --------------------------------------------------------
export const IS_DEFINED = defineErrorCode('2010', 'IS_DEFINED', 400, '{field} should not be null or undefined.', {
  description: '@IsDefined(); also a missing parameter of a parse pipe.',
});
export const IS_NOT_EMPTY = defineErrorCode('2011', 'IS_NOT_EMPTY', 400, '{field} should not be empty.', {
  description: '@IsNotEmpty()',
});
export const IS_EMPTY = defineErrorCode('2012', 'IS_EMPTY', 400, '{field} must be empty.', {
  description: '@IsEmpty()',
});
export const EQUALS = defineErrorCode('2013', 'EQUALS', 400, '{field} must be equal to {expected}.', {
  details: '{ expected: unknown }',
  description: '@Equals(expected)',
});
export const NOT_EQUALS = defineErrorCode('2014', 'NOT_EQUALS', 400, '{field} should not be equal to {forbidden}.', {
  details: '{ forbidden: unknown }',
  description: '@NotEquals(forbidden)',
});
export const IS_IN = defineErrorCode('2015', 'IS_IN', 400, '{field} must be one of the following values: {allowed}.', {
  details: '{ allowed: unknown[] }',
  description: '@IsIn(allowed)',
});
export const IS_NOT_IN = defineErrorCode(
  '2016',
  'IS_NOT_IN',
  400,
  '{field} should not be one of the following values: {forbidden}.',
  {
    details: '{ forbidden: unknown[] }',
    description: '@IsNotIn(forbidden)',
  },
);
export const IS_ENUM = defineErrorCode(
  '2017',
  'IS_ENUM',
  400,
  '{field} must be one of the following values: {allowed}.',
  {
    details: '{ allowed: (string | number)[] }',
    description: '@IsEnum(entity); also ParseEnumPipe.',
  },
);

// --- Types ------------------------------------------------------------------------
export const IS_BOOLEAN = defineErrorCode('2020', 'IS_BOOLEAN', 400, '{field} must be a boolean value.', {
  description: '@IsBoolean(); also ParseBoolPipe.',
});
export const IS_DATE = defineErrorCode('2021', 'IS_DATE', 400, '{field} must be a Date instance.', {
  description: '@IsDate(); also ParseDatePipe.',
});
export const IS_NUMBER = defineErrorCode(
  '2022',
  'IS_NUMBER',
  400,
  '{field} must be a number conforming to the specified constraints.',
  {
    description: '@IsNumber(); also ParseFloatPipe.',
  },
);
export const IS_INT = defineErrorCode('2023', 'IS_INT', 400, '{field} must be an integer number.', {
  description: '@IsInt(); also ParseIntPipe.',
});
export const IS_STRING = defineErrorCode('2024', 'IS_STRING', 400, '{field} must be a string.', {
  description: '@IsString()',
});
export const IS_ARRAY = defineErrorCode('2025', 'IS_ARRAY', 400, '{field} must be an array.', {
  description: '@IsArray(); also ParseArrayPipe.',
});
export const IS_OBJECT = defineErrorCode('2026', 'IS_OBJECT', 400, '{field} must be an object.', {
  description: '@IsObject(); also a `@Body(name)` object DTO that received something else.',
});
export const IS_NOT_EMPTY_OBJECT = defineErrorCode(
  '2027',
  'IS_NOT_EMPTY_OBJECT',
  400,
  '{field} must be a non-empty object.',
  {
    description: '@IsNotEmptyObject()',
  },
);
export const IS_INSTANCE = defineErrorCode('2028', 'IS_INSTANCE', 400, '{field} must be an instance of {type}.', {
  details: '{ type: string }',
  description: '@IsInstance(type)',
});
export const NESTED_OBJECT = defineErrorCode(
  '2029',
  'NESTED_OBJECT',
  400,
  'Nested property {field} must be either object or array.',
  {
    description: '@ValidateNested() on a value that is neither an object nor an array.',
  },
);

// --- Numbers and dates ------------------------------------------------------------
export const IS_DIVISIBLE_BY = defineErrorCode(
  '2040',
  'IS_DIVISIBLE_BY',
  400,
  '{field} must be divisible by {divisor}.',
  {
    details: '{ divisor: number }',
    description: '@IsDivisibleBy(divisor)',
  },
);
export const IS_POSITIVE = defineErrorCode('2041', 'IS_POSITIVE', 400, '{field} must be a positive number.', {
  description: '@IsPositive()',
});
export const IS_NEGATIVE = defineErrorCode('2042', 'IS_NEGATIVE', 400, '{field} must be a negative number.', {
  description: '@IsNegative()',
});
export const MIN = defineErrorCode('2043', 'MIN', 400, '{field} must not be less than {min}.', {
  details: '{ min: number }',
  description: '@Min(min)',
});
export const MAX = defineErrorCode('2044', 'MAX', 400, '{field} must not be greater than {max}.', {
  details: '{ max: number }',
  description: '@Max(max)',
});
export const MIN_DATE = defineErrorCode('2045', 'MIN_DATE', 400, 'The minimal allowed date for {field} is {min}.', {
  details: '{ min: string } (ISO 8601)',
  description: '@MinDate(date)',
});
export const MAX_DATE = defineErrorCode('2046', 'MAX_DATE', 400, 'The maximal allowed date for {field} is {max}.', {
  details: '{ max: string } (ISO 8601)',
  description: '@MaxDate(date)',
});

// --- Strings ----------------------------------------------------------------------
export const MIN_LENGTH = defineErrorCode(
  '2050',
  'MIN_LENGTH',
  400,
  '{field} must be longer than or equal to {min} characters.',
  {
    details: '{ min: number }',
    description: '@MinLength(min)',
  },
);
export const MAX_LENGTH = defineErrorCode(
  '2051',
  'MAX_LENGTH',
  400,
  '{field} must be shorter than or equal to {max} characters.',
  {
    details: '{ max: number }',
    description: '@MaxLength(max)',
  },
);
export const LENGTH = defineErrorCode(
  '2052',
  'LENGTH',
  400,
  '{field} must be between {min} and {max} characters long.',
  {
    details: '{ min: number, max: number | null }',
    description: '@Length(min, max)',
  },
);
export const MATCHES = defineErrorCode('2053', 'MATCHES', 400, '{field} must match the pattern {pattern}.', {
  details: '{ pattern: string }',
  description: '@Matches(pattern); `pattern` is the regular expression source.',
});
export const CONTAINS = defineErrorCode('2054', 'CONTAINS', 400, '{field} must contain {substring}.', {
  details: '{ substring: string }',
  description: '@Contains(substring)',
});
export const NOT_CONTAINS = defineErrorCode('2055', 'NOT_CONTAINS', 400, '{field} should not contain {substring}.', {
  details: '{ substring: string }',
  description: '@NotContains(substring)',
});
export const IS_EMAIL = defineErrorCode('2056', 'IS_EMAIL', 400, '{field} must be an email.', {
  description: '@IsEmail()',
});
export const IS_URL = defineErrorCode('2057', 'IS_URL', 400, '{field} must be a URL address.', {
  description: '@IsUrl()',
});
export const IS_UUID = defineErrorCode('2058', 'IS_UUID', 400, '{field} must be a UUID.', {
  details: '{ version: string | null }',
  description: '@IsUUID(version); also ParseUUIDPipe.',
});
export const IS_DATE_STRING = defineErrorCode(
  '2059',
  'IS_DATE_STRING',
  400,
  '{field} must be a valid ISO 8601 date string.',
  {
    description: '@IsDateString()',
  },
);
export const IS_ISO8601 = defineErrorCode('2060', 'IS_ISO8601', 400, '{field} must be a valid ISO 8601 date string.', {
  description: '@IsISO8601()',
});
export const IS_NUMBER_STRING = defineErrorCode('2061', 'IS_NUMBER_STRING', 400, '{field} must be a number string.', {
  description: '@IsNumberString()',
});
export const IS_BOOLEAN_STRING = defineErrorCode(
  '2062',
  'IS_BOOLEAN_STRING',
  400,
  '{field} must be a boolean string.',
  {
    description: '@IsBooleanString()',
  },
);
export const IS_DECIMAL = defineErrorCode('2063', 'IS_DECIMAL', 400, '{field} is not a valid decimal number.', {
  description: '@IsDecimal()',
});
export const IS_ALPHA = defineErrorCode('2064', 'IS_ALPHA', 400, '{field} must contain only letters (a-zA-Z).', {
  details: '{ locale: string | null }',
  description: '@IsAlpha(locale)',
});
export const IS_ALPHANUMERIC = defineErrorCode(
  '2065',
  'IS_ALPHANUMERIC',
  400,
  '{field} must contain only letters and numbers.',
  {
    details: '{ locale: string | null }',
    description: '@IsAlphanumeric(locale)',
  },
);
export const IS_ASCII = defineErrorCode('2066', 'IS_ASCII', 400, '{field} must contain only ASCII characters.', {
  description: '@IsAscii()',
});
export const IS_LOWERCASE = defineErrorCode('2067', 'IS_LOWERCASE', 400, '{field} must be a lowercase string.', {
  description: '@IsLowercase()',
});
export const IS_UPPERCASE = defineErrorCode('2068', 'IS_UPPERCASE', 400, '{field} must be uppercase.', {
  description: '@IsUppercase()',
});
export const IS_BYTE_LENGTH = defineErrorCode(
  '2069',
  'IS_BYTE_LENGTH',
  400,
  "{field}'s byte length must fall into ({min}, {max}) range.",
  {
    details: '{ min: number, max: number | null }',
    description: '@IsByteLength(min, max)',
  },
);
export const IS_IP = defineErrorCode('2070', 'IS_IP', 400, '{field} must be an ip address.', {
  details: '{ version: number | string | null }',
  description: '@IsIP(version)',
});
export const IS_PORT = defineErrorCode('2071', 'IS_PORT', 400, '{field} must be a port.', { description: '@IsPort()' });
export const IS_FQDN = defineErrorCode('2072', 'IS_FQDN', 400, '{field} must be a valid domain name.', {
  description: '@IsFQDN()',
});
export const IS_MAC_ADDRESS = defineErrorCode('2073', 'IS_MAC_ADDRESS', 400, '{field} must be a MAC Address.', {
  description: '@IsMACAddress()',
});
export const IS_JSON = defineErrorCode('2074', 'IS_JSON', 400, '{field} must be a json string.', {
  description: '@IsJSON()',
});
export const IS_JWT = defineErrorCode('2075', 'IS_JWT', 400, '{field} must be a jwt string.', {
  description: '@IsJWT()',
});
export const IS_HEX_COLOR = defineErrorCode('2076', 'IS_HEX_COLOR', 400, '{field} must be a hexadecimal color.', {
  description: '@IsHexColor()',
});
export const IS_RGB_COLOR = defineErrorCode('2077', 'IS_RGB_COLOR', 400, '{field} must be RGB color.', {
  description: '@IsRgbColor()',
});
export const IS_HSL = defineErrorCode('2078', 'IS_HSL', 400, '{field} must be a HSL color.', {
  description: '@IsHSL()',
});
export const IS_HEXADECIMAL = defineErrorCode('2079', 'IS_HEXADECIMAL', 400, '{field} must be a hexadecimal number.', {
  description: '@IsHexadecimal()',
});
export const IS_OCTAL = defineErrorCode('2080', 'IS_OCTAL', 400, '{field} must be valid octal number.', {
  description: '@IsOctal()',
});
export const IS_BASE32 = defineErrorCode('2081', 'IS_BASE32', 400, '{field} must be base32 encoded.', {
  description: '@IsBase32()',
});
export const IS_BASE58 = defineErrorCode('2082', 'IS_BASE58', 400, '{field} must be base58 encoded.', {
  description: '@IsBase58()',
});
export const IS_BASE64 = defineErrorCode('2083', 'IS_BASE64', 400, '{field} must be base64 encoded.', {
  description: '@IsBase64()',
});
export const IS_DATA_URI = defineErrorCode('2084', 'IS_DATA_URI', 400, '{field} must be a data uri format.', {
  description: '@IsDataURI()',
});
export const IS_MAGNET_URI = defineErrorCode('2085', 'IS_MAGNET_URI', 400, '{field} must be magnet uri format.', {
  description: '@IsMagnetURI()',
});
export const IS_MIME_TYPE = defineErrorCode('2086', 'IS_MIME_TYPE', 400, '{field} must be MIME type format.', {
  description: '@IsMimeType()',
});
export const IS_MONGO_ID = defineErrorCode('2087', 'IS_MONGO_ID', 400, '{field} must be a mongodb id.', {
  description: '@IsMongoId()',
});
export const IS_SEM_VER = defineErrorCode(
  '2088',
  'IS_SEM_VER',
  400,
  '{field} must be a Semantic Versioning Specification.',
  { description: '@IsSemVer()' },
);
export const IS_LOCALE = defineErrorCode('2089', 'IS_LOCALE', 400, '{field} must be locale.', {
  description: '@IsLocale()',
});
export const IS_TIME_ZONE = defineErrorCode('2090', 'IS_TIME_ZONE', 400, '{field} must be a valid IANA time-zone.', {
  description: '@IsTimeZone()',
});
export const IS_MILITARY_TIME = defineErrorCode(
  '2091',
  'IS_MILITARY_TIME',
  400,
  '{field} must be a valid representation of military time in the format HH:MM.',
  {
    description: '@IsMilitaryTime()',
  },
);
export const IS_RFC3339 = defineErrorCode('2092', 'IS_RFC3339', 400, '{field} must be RFC 3339 date.', {
  description: '@IsRFC3339()',
});
export const IS_STRONG_PASSWORD = defineErrorCode('2093', 'IS_STRONG_PASSWORD', 400, '{field} is not strong enough.', {
  description: '@IsStrongPassword(options)',
});
export const IS_HASH = defineErrorCode('2094', 'IS_HASH', 400, '{field} must be a hash of type {algorithm}.', {
  details: '{ algorithm: string }',
  description: '@IsHash(algorithm)',
});
export const IS_PHONE_NUMBER = defineErrorCode(
  '2095',
  'IS_PHONE_NUMBER',
  400,
  '{field} must be a valid phone number.',
  {
    details: '{ region: string | null }',
    description: '@IsPhoneNumber(region)',
  },
);
export const IS_MOBILE_PHONE = defineErrorCode('2096', 'IS_MOBILE_PHONE', 400, '{field} must be a phone number.', {
  details: '{ locale: string | string[] | null }',
  description: '@IsMobilePhone(locale)',
});
export const IS_POSTAL_CODE = defineErrorCode('2097', 'IS_POSTAL_CODE', 400, '{field} must be a postal code.', {
  details: '{ locale: string | null }',
  description: '@IsPostalCode(locale)',
});
export const IS_LAT_LONG = defineErrorCode('2098', 'IS_LAT_LONG', 400, '{field} must be a latitude,longitude string.', {
  description: '@IsLatLong(); also @IsLatitude() and @IsLongitude() use their own codes 2110-2111.',
});
export const IS_CREDIT_CARD = defineErrorCode('2099', 'IS_CREDIT_CARD', 400, '{field} must be a credit card.', {
  description: '@IsCreditCard()',
});

// --- Arrays -------------------------------------------------------------------------
export const ARRAY_MIN_SIZE = defineErrorCode(
  '2100',
  'ARRAY_MIN_SIZE',
  400,
  '{field} must contain at least {min} elements.',
  {
    details: '{ min: number }',
    description: '@ArrayMinSize(min)',
  },
);
export const ARRAY_MAX_SIZE = defineErrorCode(
  '2101',
  'ARRAY_MAX_SIZE',
  400,
  '{field} must contain no more than {max} elements.',
  {
    details: '{ max: number }',
    description: '@ArrayMaxSize(max)',
  },
);
export const ARRAY_NOT_EMPTY = defineErrorCode('2102', 'ARRAY_NOT_EMPTY', 400, '{field} should not be empty.', {
  description: '@ArrayNotEmpty()',
});
export const ARRAY_UNIQUE = defineErrorCode('2103', 'ARRAY_UNIQUE', 400, "All {field}'s elements must be unique.", {
  description: '@ArrayUnique()',
});
export const ARRAY_CONTAINS = defineErrorCode(
  '2104',
  'ARRAY_CONTAINS',
  400,
  '{field} must contain {required} values.',
  {
    details: '{ required: unknown[] }',
    description: '@ArrayContains(values)',
  },
);
export const ARRAY_NOT_CONTAINS = defineErrorCode(
  '2105',
  'ARRAY_NOT_CONTAINS',
  400,
  '{field} should not contain {forbidden} values.',
  {
    details: '{ forbidden: unknown[] }',
    description: '@ArrayNotContains(values)',
  },
);

// --- More string formats (2110+) ----------------------------------------------------
export const IS_LATITUDE = defineErrorCode('2110', 'IS_LATITUDE', 400, '{field} must be a latitude string or number.', {
  description: '@IsLatitude()',
});
export const IS_LONGITUDE = defineErrorCode(
  '2111',
  'IS_LONGITUDE',
  400,
  '{field} must be a longitude string or number.',
  { description: '@IsLongitude()' },
);
export const IS_CURRENCY = defineErrorCode('2112', 'IS_CURRENCY', 400, '{field} must be a currency.', {
  description: '@IsCurrency()',
});
export const IS_ISO4217_CURRENCY_CODE = defineErrorCode(
  '2113',
  'IS_ISO4217_CURRENCY_CODE',
  400,
  '{field} must be a valid ISO4217 currency code.',
  {
    description: '@IsISO4217CurrencyCode()',
  },
);
export const IS_ISO31661_ALPHA2 = defineErrorCode(
  '2114',
  'IS_ISO31661_ALPHA2',
  400,
  '{field} must be a valid ISO31661 Alpha2 code.',
  {
    description: '@IsISO31661Alpha2()',
  },
);
export const IS_ISO31661_ALPHA3 = defineErrorCode(
  '2115',
  'IS_ISO31661_ALPHA3',
  400,
  '{field} must be a valid ISO31661 Alpha3 code.',
  {
    description: '@IsISO31661Alpha3()',
  },
);
export const IS_ISO31661_NUMERIC = defineErrorCode(
  '2116',
  'IS_ISO31661_NUMERIC',
  400,
  '{field} must be a valid ISO31661 Numeric code.',
  {
    description: '@IsISO31661Numeric()',
  },
);
export const IS_ISO6391 = defineErrorCode(
  '2117',
  'IS_ISO6391',
  400,
  '{field} must be a valid ISO 639-1 language code.',
  { description: '@IsISO6391()' },
);
export const IS_BIC = defineErrorCode('2118', 'IS_BIC', 400, '{field} must be a BIC or SWIFT code.', {
  description: '@IsBIC()',
});
export const IS_IBAN = defineErrorCode('2119', 'IS_IBAN', 400, '{field} must be an IBAN.', {
  description: '@IsIBAN()',
});
export const IS_ISBN = defineErrorCode('2120', 'IS_ISBN', 400, '{field} must be an ISBN.', {
  details: '{ version: number | string | null }',
  description: '@IsISBN(version)',
});
export const IS_ISIN = defineErrorCode('2121', 'IS_ISIN', 400, '{field} must be an ISIN (stock/security identifier).', {
  description: '@IsISIN()',
});
export const IS_ISSN = defineErrorCode('2122', 'IS_ISSN', 400, '{field} must be a ISSN.', { description: '@IsISSN()' });
export const IS_ISRC = defineErrorCode('2123', 'IS_ISRC', 400, '{field} must be an ISRC.', {
  description: '@IsISRC()',
});
export const IS_EAN = defineErrorCode('2124', 'IS_EAN', 400, '{field} must be an EAN (European Article Number).', {
  description: '@IsEAN()',
});
export const IS_IDENTITY_CARD = defineErrorCode(
  '2125',
  'IS_IDENTITY_CARD',
  400,
  '{field} must be a identity card number.',
  {
    details: '{ locale: string | null }',
    description: '@IsIdentityCard(locale)',
  },
);
export const IS_PASSPORT_NUMBER = defineErrorCode(
  '2126',
  'IS_PASSPORT_NUMBER',
  400,
  '{field} must be valid passport number.',
  {
    details: '{ country: string }',
    description: '@IsPassportNumber(country)',
  },
);
export const IS_TAX_ID = defineErrorCode('2127', 'IS_TAX_ID', 400, '{field} must be a Tax Identification Number.', {
  details: '{ locale: string | null }',
  description: '@IsTaxId(locale)',
});
export const IS_BTC_ADDRESS = defineErrorCode('2128', 'IS_BTC_ADDRESS', 400, '{field} must be a BTC address.', {
  description: '@IsBtcAddress()',
});
export const IS_ETHEREUM_ADDRESS = defineErrorCode(
  '2129',
  'IS_ETHEREUM_ADDRESS',
  400,
  '{field} must be an Ethereum address.',
  {
    description: '@IsEthereumAddress()',
  },
);
export const IS_FIREBASE_PUSH_ID = defineErrorCode(
  '2130',
  'IS_FIREBASE_PUSH_ID',
  400,
  '{field} must be a Firebase Push Id.',
  {
    description: '@IsFirebasePushId()',
  },
);
export const IS_FULL_WIDTH = defineErrorCode(
  '2131',
  'IS_FULL_WIDTH',
  400,
  '{field} must contain a full-width characters.',
  { description: '@IsFullWidth()' },
);
export const IS_HALF_WIDTH = defineErrorCode(
  '2132',
  'IS_HALF_WIDTH',
  400,
  '{field} must contain a half-width characters.',
  { description: '@IsHalfWidth()' },
);
export const IS_VARIABLE_WIDTH = defineErrorCode(
  '2133',
  'IS_VARIABLE_WIDTH',
  400,
  '{field} must contain a full-width and half-width characters.',
  {
    description: '@IsVariableWidth()',
  },
);
export const IS_MULTIBYTE = defineErrorCode(
  '2134',
  'IS_MULTIBYTE',
  400,
  '{field} must contain one or more multibyte chars.',
  { description: '@IsMultibyte()' },
);
export const IS_SURROGATE_PAIR = defineErrorCode(
  '2135',
  'IS_SURROGATE_PAIR',
  400,
  '{field} must contain any surrogate pairs chars.',
  {
    description: '@IsSurrogatePair()',
  },
);

export const VALIDATION_CODES: ErrorCode[] = [
  INVALID_VALUE,
  BODY_NOT_OBJECT,
  UNKNOWN_PROPERTY,
  TOO_MANY_ERRORS,
  NESTING_TOO_DEEP,
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
];

// Appended after the list above so the array literal stays readable; ranges still hold.
export const ARRAY_ITEM_INVALID = defineErrorCode(
  '2106',
  'ARRAY_ITEM_INVALID',
  400,
  '{field} contains an item that is not valid.',
  {
    description: 'ParseArrayPipe with `items`: an item of the list failed its type or its rules.',
  },
);
VALIDATION_CODES.push(ARRAY_ITEM_INVALID);

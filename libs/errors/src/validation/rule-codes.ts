import * as codes from '../codes/validation.codes.js';
import { ErrorCode } from '../codes/error-code.js';

/** Turns a rule's constraint arguments (as class-validator stores them) into `details`. */
export type DetailsFromArguments = (constraints: readonly unknown[]) => Record<string, unknown> | null;

/** What the library knows about one class-validator rule, keyed by its constraint name. */
export interface RuleCode {
  readonly code: ErrorCode;
  /** Absent when the rule has no arguments worth naming. */
  readonly details?: DetailsFromArguments;
}

const orNull = (value: unknown): unknown => (value === undefined ? null : value);
const isoDate = (value: unknown): string | null => {
  const date = typeof value === 'function' ? (value as () => unknown)() : value;
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
};

const min: DetailsFromArguments = ([value]) => ({ min: value });
const max: DetailsFromArguments = ([value]) => ({ max: value });
const range: DetailsFromArguments = ([low, high]) => ({ min: low, max: orNull(high) });
const locale: DetailsFromArguments = ([value]) => ({ locale: orNull(value) });
const version: DetailsFromArguments = ([value]) => ({ version: orNull(value) });

/**
 * class-validator constraint name (the key of `ValidationError.constraints`) -> code.
 * Built once at load time so the error path does one Map lookup per violation. Keys are
 * the values of class-validator's exported `IS_*` constants; a unit test fails when
 * class-validator gains a rule this table does not know.
 */
export const RULE_CODES: ReadonlyMap<string, RuleCode> = new Map<string, RuleCode>([
  ['whitelistValidation', { code: codes.UNKNOWN_PROPERTY }],
  ['unknownValue', { code: codes.UNKNOWN_VALUE }],
  ['nestedValidation', { code: codes.NESTED_OBJECT }],
  ['customValidation', { code: codes.INVALID_VALUE }],
  // presence and equality
  ['isDefined', { code: codes.IS_DEFINED }],
  ['isNotEmpty', { code: codes.IS_NOT_EMPTY }],
  ['isEmpty', { code: codes.IS_EMPTY }],
  ['equals', { code: codes.EQUALS, details: ([value]) => ({ expected: value }) }],
  ['notEquals', { code: codes.NOT_EQUALS, details: ([value]) => ({ forbidden: value }) }],
  ['isIn', { code: codes.IS_IN, details: ([values]) => ({ allowed: values }) }],
  ['isNotIn', { code: codes.IS_NOT_IN, details: ([values]) => ({ forbidden: values }) }],
  // IsEnum stores [entity, validValues]: the second already drops numeric enums' reverse keys
  ['isEnum', { code: codes.IS_ENUM, details: ([, values]) => ({ allowed: values }) }],
  // types
  ['isBoolean', { code: codes.IS_BOOLEAN }],
  ['isDate', { code: codes.IS_DATE }],
  ['isNumber', { code: codes.IS_NUMBER }],
  ['isInt', { code: codes.IS_INT }],
  ['isString', { code: codes.IS_STRING }],
  ['isArray', { code: codes.IS_ARRAY }],
  ['isObject', { code: codes.IS_OBJECT }],
  ['isNotEmptyObject', { code: codes.IS_NOT_EMPTY_OBJECT }],
  [
    'isInstance',
    { code: codes.IS_INSTANCE, details: ([type]) => ({ type: typeof type === 'function' ? type.name : null }) },
  ],
  // numbers and dates
  ['isDivisibleBy', { code: codes.IS_DIVISIBLE_BY, details: ([divisor]) => ({ divisor }) }],
  ['isPositive', { code: codes.IS_POSITIVE }],
  ['isNegative', { code: codes.IS_NEGATIVE }],
  ['min', { code: codes.MIN, details: min }],
  ['max', { code: codes.MAX, details: max }],
  ['minDate', { code: codes.MIN_DATE, details: ([date]) => ({ min: isoDate(date) }) }],
  ['maxDate', { code: codes.MAX_DATE, details: ([date]) => ({ max: isoDate(date) }) }],
  // strings
  ['minLength', { code: codes.MIN_LENGTH, details: min }],
  ['maxLength', { code: codes.MAX_LENGTH, details: max }],
  ['isLength', { code: codes.LENGTH, details: range }],
  [
    'matches',
    {
      code: codes.MATCHES,
      details: ([pattern]) => ({ pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
    },
  ],
  ['contains', { code: codes.CONTAINS, details: ([substring]) => ({ substring }) }],
  ['notContains', { code: codes.NOT_CONTAINS, details: ([substring]) => ({ substring }) }],
  ['isEmail', { code: codes.IS_EMAIL }],
  ['isUrl', { code: codes.IS_URL }],
  ['isUuid', { code: codes.IS_UUID, details: version }],
  ['isDateString', { code: codes.IS_DATE_STRING }],
  ['isIso8601', { code: codes.IS_ISO8601 }],
  ['isNumberString', { code: codes.IS_NUMBER_STRING }],
  ['isBooleanString', { code: codes.IS_BOOLEAN_STRING }],
  ['isDecimal', { code: codes.IS_DECIMAL }],
  ['isAlpha', { code: codes.IS_ALPHA, details: locale }],
  ['isAlphanumeric', { code: codes.IS_ALPHANUMERIC, details: locale }],
  ['isAscii', { code: codes.IS_ASCII }],
  ['isLowercase', { code: codes.IS_LOWERCASE }],
  ['isUppercase', { code: codes.IS_UPPERCASE }],
  ['isByteLength', { code: codes.IS_BYTE_LENGTH, details: range }],
  ['isIp', { code: codes.IS_IP, details: version }],
  ['isPort', { code: codes.IS_PORT }],
  ['isFqdn', { code: codes.IS_FQDN }],
  ['isMacAddress', { code: codes.IS_MAC_ADDRESS }],
  ['isJson', { code: codes.IS_JSON }],
  ['isJwt', { code: codes.IS_JWT }],
  ['isHexColor', { code: codes.IS_HEX_COLOR }],
  ['isRgbColor', { code: codes.IS_RGB_COLOR }],
  ['isHSL', { code: codes.IS_HSL }],
  ['isHexadecimal', { code: codes.IS_HEXADECIMAL }],
  ['isOctal', { code: codes.IS_OCTAL }],
  ['isBase32', { code: codes.IS_BASE32 }],
  ['isBase58', { code: codes.IS_BASE58 }],
  ['isBase64', { code: codes.IS_BASE64 }],
  ['isDataURI', { code: codes.IS_DATA_URI }],
  ['isMagnetURI', { code: codes.IS_MAGNET_URI }],
  ['isMimeType', { code: codes.IS_MIME_TYPE }],
  ['isMongoId', { code: codes.IS_MONGO_ID }],
  ['isSemVer', { code: codes.IS_SEM_VER }],
  ['isLocale', { code: codes.IS_LOCALE }],
  ['isTimeZone', { code: codes.IS_TIME_ZONE }],
  ['isMilitaryTime', { code: codes.IS_MILITARY_TIME }],
  ['isRFC3339', { code: codes.IS_RFC3339 }],
  ['isStrongPassword', { code: codes.IS_STRONG_PASSWORD }],
  ['isHash', { code: codes.IS_HASH, details: ([algorithm]) => ({ algorithm }) }],
  ['isPhoneNumber', { code: codes.IS_PHONE_NUMBER, details: ([region]) => ({ region: orNull(region) }) }],
  ['isMobilePhone', { code: codes.IS_MOBILE_PHONE, details: locale }],
  ['isPostalCode', { code: codes.IS_POSTAL_CODE, details: locale }],
  ['isLatLong', { code: codes.IS_LAT_LONG }],
  ['isCreditCard', { code: codes.IS_CREDIT_CARD }],
  // arrays
  ['arrayMinSize', { code: codes.ARRAY_MIN_SIZE, details: min }],
  ['arrayMaxSize', { code: codes.ARRAY_MAX_SIZE, details: max }],
  ['arrayNotEmpty', { code: codes.ARRAY_NOT_EMPTY }],
  ['arrayUnique', { code: codes.ARRAY_UNIQUE }],
  ['arrayContains', { code: codes.ARRAY_CONTAINS, details: ([values]) => ({ required: values }) }],
  ['arrayNotContains', { code: codes.ARRAY_NOT_CONTAINS, details: ([values]) => ({ forbidden: values }) }],
  // more string formats
  ['isLatitude', { code: codes.IS_LATITUDE }],
  ['isLongitude', { code: codes.IS_LONGITUDE }],
  ['isCurrency', { code: codes.IS_CURRENCY }],
  ['isISO4217CurrencyCode', { code: codes.IS_ISO4217_CURRENCY_CODE }],
  ['isISO31661Alpha2', { code: codes.IS_ISO31661_ALPHA2 }],
  ['isISO31661Alpha3', { code: codes.IS_ISO31661_ALPHA3 }],
  ['isISO31661Numeric', { code: codes.IS_ISO31661_NUMERIC }],
  ['isISO6391', { code: codes.IS_ISO6391 }],
  ['isBIC', { code: codes.IS_BIC }],
  ['isIBAN', { code: codes.IS_IBAN }],
  ['isIsbn', { code: codes.IS_ISBN, details: version }],
  ['isIsin', { code: codes.IS_ISIN }],
  ['isISSN', { code: codes.IS_ISSN }],
  ['isISRC', { code: codes.IS_ISRC }],
  ['isEAN', { code: codes.IS_EAN }],
  ['isIdentityCard', { code: codes.IS_IDENTITY_CARD, details: locale }],
  ['isPassportNumber', { code: codes.IS_PASSPORT_NUMBER, details: ([country]) => ({ country }) }],
  ['isTaxId', { code: codes.IS_TAX_ID, details: locale }],
  ['isBtcAddress', { code: codes.IS_BTC_ADDRESS }],
  ['isEthereumAddress', { code: codes.IS_ETHEREUM_ADDRESS }],
  ['IsFirebasePushId', { code: codes.IS_FIREBASE_PUSH_ID }],
  ['isFullWidth', { code: codes.IS_FULL_WIDTH }],
  ['isHalfWidth', { code: codes.IS_HALF_WIDTH }],
  ['isVariableWidth', { code: codes.IS_VARIABLE_WIDTH }],
  ['isMultibyte', { code: codes.IS_MULTIBYTE }],
  ['isSurrogatePair', { code: codes.IS_SURROGATE_PAIR }],
]);

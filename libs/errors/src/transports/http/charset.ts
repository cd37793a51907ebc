/**
 * One `; name=value` parameter of a media type (RFC 9110: a token, or a quoted string
 * with backslash escapes), read from where the previous one ended (sticky).
 */
const PARAMETER =
  /;[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*/uy;

/**
 * The `charset` parameter as the body parsers read it: every parameter in turn, quoted
 * strings whole (`x="a;charset=utf-8"; charset=utf-16le` is UTF-16), the last `charset`
 * winning. A search for the first `charset=` would read `utf-8` there while Express's
 * parser decoded UTF-16. A list that is not well-formed gives no charset, as Express's
 * parser then decodes UTF-8 and Fastify's ignores the parameter.
 */
export function charsetOf(contentType: string): string | undefined {
  const semicolon = contentType.indexOf(';');
  if (semicolon === -1) return undefined;
  let charset: string | undefined;
  PARAMETER.lastIndex = semicolon;
  let match: RegExpExecArray | null;
  while (PARAMETER.lastIndex < contentType.length && (match = PARAMETER.exec(contentType)) !== null) {
    if (match[1].toLowerCase() === 'charset') charset = match[2];
  }
  const wellFormed = PARAMETER.lastIndex === contentType.length;
  PARAMETER.lastIndex = 0;
  if (!wellFormed || charset === undefined) return undefined;
  const value = charset.startsWith('"') ? charset.slice(1, -1).replace(/\\(.)/gu, '$1') : charset;
  return value.toLowerCase();
}

/** The media type of a `Content-Type`, without its parameters, lower-cased. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

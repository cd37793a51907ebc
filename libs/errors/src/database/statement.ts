import { closingParenthesis, splitTopLevel } from './sql-text.js';
/**
 * Light reading of the SQL an ORM generated, for the few errors where the database names
 * no column or table (PostgreSQL's 22001 value too long, 22P02 invalid text...; MySQL's
 * duplicate key, which names the index but not its table): which table a statement
 * writes, and which column each parameter feeds. PostgreSQL's parameters are `$n`,
 * MySQL's `?` (numbered here in order of appearance); names are quoted in double quotes
 * or backquotes. Only used on those error paths, never echoed.
 */
export interface StatementShape {
  command: 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT' | undefined;
  /** Target table of INSERT/UPDATE/DELETE, or the first table after FROM. Unquoted, without schema. */
  table: string | undefined;
  /** Parameter number (1-based) -> column name, where the statement shows it. */
  parameterColumns: ReadonlyMap<number, string>;
}

const IDENTIFIER = '(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*)';
const IDENTIFIERS = new RegExp(IDENTIFIER, 'gu');
const QUALIFIED = String.raw`(${IDENTIFIER}(?:\s*\.\s*${IDENTIFIER})*)`;
const TARGET = new RegExp(
  String.raw`^\s*(?:WITH\b[\s\S]*?\)\s*)?(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT)\b\s*(?:(?:ONLY\s+)?${QUALIFIED})?`,
  'iu',
);
const FROM = new RegExp(String.raw`\bFROM\s+${QUALIFIED}`, 'iu');
const ASSIGNMENT = new RegExp(String.raw`(${IDENTIFIER})\s*(?:=|<>|!=|<=|>=|<|>)\s*\$(\d+)\b`, 'gu');

function unquote(identifier: string): string {
  const trimmed = identifier.trim();
  if (trimmed.startsWith('"')) return trimmed.slice(1, -1).replace(/""/gu, '"');
  if (trimmed.startsWith('`')) return trimmed.slice(1, -1).replace(/``/gu, '`');
  return trimmed;
}

function lastPart(qualified: string): string {
  const parts = qualified.match(IDENTIFIERS) ?? [qualified];
  return unquote(parts[parts.length - 1]);
}

/**
 * Shapes already read, by SQL text. An ORM sends the same few statements again and
 * again (the same INSERT for every duplicate key), and reading one costs several
 * regular-expression passes over it; the cache is bounded in entries and in the length
 * of a statement it keeps, so statements with inlined values cannot grow it.
 */
const READ_STATEMENTS = new Map<string, StatementShape>();
const CACHED_STATEMENTS = 256;
const CACHED_STATEMENT_LENGTH = 4096;

/** The shape of a statement (see StatementShape); the same object for the same SQL text: do not change it. */
export function readStatement(sql: string): StatementShape {
  const known = READ_STATEMENTS.get(sql);
  if (known) return known;
  const shape = Object.freeze(readStatementText(sql));
  if (sql.length <= CACHED_STATEMENT_LENGTH) {
    if (READ_STATEMENTS.size >= CACHED_STATEMENTS) READ_STATEMENTS.clear();
    READ_STATEMENTS.set(sql, shape);
  }
  return shape;
}

function readStatementText(sql: string): StatementShape {
  const query = numberedPlaceholders(sql);
  const target = TARGET.exec(query);
  const keyword = target?.[1]?.toUpperCase().split(/\s+/u)[0] as StatementShape['command'];
  let table = keyword && keyword !== 'SELECT' && target?.[2] ? lastPart(target[2]) : undefined;
  if (!table) {
    const from = FROM.exec(query);
    if (from) table = lastPart(from[1]);
  }
  const parameterColumns = new Map<number, string>();
  if (keyword === 'INSERT') readInsertColumns(query, parameterColumns);
  for (const match of query.matchAll(ASSIGNMENT)) {
    const index = Number(match[2]);
    if (!parameterColumns.has(index)) parameterColumns.set(index, unquote(match[1]));
  }
  return { command: keyword, table, parameterColumns };
}

/**
 * MySQL's `?` placeholders as `$1`, `$2`... in order of appearance, outside quoted text
 * and names, so that one reader serves both databases. SQL that already numbers its
 * parameters is returned as it is.
 */
function numberedPlaceholders(sql: string): string {
  if (!sql.includes('?') || /\$\d/u.test(sql)) return sql;
  let result = '';
  let quote: string | undefined;
  let count = 0;
  for (let index = 0; index < sql.length; index++) {
    const char = sql[index];
    if (quote) {
      if (char === '\\' && quote === "'") {
        result += char + (sql[index + 1] ?? '');
        index++;
        continue;
      }
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '?') {
      result += `$${++count}`;
      continue;
    }
    result += char;
  }
  return result;
}

/** `INSERT INTO t ("a", "b") VALUES ($1, DEFAULT), ($2, $3)`: maps each `$n` to its column by position. */
function readInsertColumns(query: string, into: Map<number, string>): void {
  const columnsStart = query.indexOf('(');
  const valuesAt = query.search(/\)\s*VALUES\s*\(/iu);
  if (columnsStart < 0 || valuesAt < columnsStart) return;
  const columns = splitTopLevel(query.slice(columnsStart + 1, valuesAt)).map(unquote);
  let cursor = query.indexOf('(', valuesAt + 1);
  while (cursor >= 0 && query[cursor] === '(') {
    const end = closingParenthesis(query, cursor);
    if (end < 0) return;
    splitTopLevel(query.slice(cursor + 1, end)).forEach((value, position) => {
      const parameter = /^\s*\$(\d+)\s*$/u.exec(value);
      if (parameter && columns[position]) into.set(Number(parameter[1]), columns[position]);
    });
    const next = /^\s*,\s*\(/u.exec(query.slice(end + 1));
    cursor = next ? end + next[0].length : -1;
  }
}

/**
 * The column the failing value went to: the one parameter that matches `isCulprit`,
 * when exactly one does and the statement shows its column. Otherwise undefined,
 * because a guessed field is worse than none. `clue` (the length limit, the printed
 * value) is passed through so that the predicates are written once, not per error.
 * `couldHold` rules out the columns the schema says cannot be the one (a longer limit).
 */
export function columnOfCulprit<C>(
  shape: StatementShape,
  parameters: readonly unknown[] | undefined,
  isCulprit: (value: unknown, clue: C) => boolean,
  clue: C,
  couldHold: (column: string) => boolean = () => true,
): string | undefined {
  if (!parameters) return undefined;
  let found: string | undefined;
  let matches = 0;
  for (let index = 0; index < parameters.length; index++) {
    if (!isCulprit(parameters[index], clue)) continue;
    const column = shape.parameterColumns.get(index + 1);
    if (column !== undefined && !couldHold(column)) continue;
    matches++;
    found = column;
  }
  return matches === 1 ? found : undefined;
}

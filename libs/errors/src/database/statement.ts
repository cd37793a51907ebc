import { closingParenthesis, splitTopLevel } from './sql-text.js';
/**
 * Light reading of the SQL TypeORM generated, for the few errors where PostgreSQL names
 * no column (22001 value too long, 22P02 invalid text, 22003 out of range...): which
 * table a statement writes, and which column each `$n` parameter feeds. Only used on
 * those error paths, never echoed.
 */
export interface StatementShape {
  command: 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT' | undefined;
  /** Target table of INSERT/UPDATE/DELETE, or the first table after FROM. Unquoted, without schema. */
  table: string | undefined;
  /** `$n` (1-based) -> column name, where the statement shows it. */
  parameterColumns: Map<number, string>;
}

const IDENTIFIER = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
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
  return trimmed.startsWith('"') ? trimmed.slice(1, -1).replace(/""/gu, '"') : trimmed;
}

function lastPart(qualified: string): string {
  const parts = qualified.match(IDENTIFIERS) ?? [qualified];
  return unquote(parts[parts.length - 1]);
}

export function readStatement(query: string): StatementShape {
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
 */
export function columnOfCulprit<C>(
  shape: StatementShape,
  parameters: readonly unknown[] | undefined,
  isCulprit: (value: unknown, clue: C) => boolean,
  clue: C,
): string | undefined {
  if (!parameters) return undefined;
  let found: string | undefined;
  let matches = 0;
  for (let index = 0; index < parameters.length; index++) {
    if (!isCulprit(parameters[index], clue)) continue;
    matches++;
    found = shape.parameterColumns.get(index + 1);
  }
  return matches === 1 ? found : undefined;
}

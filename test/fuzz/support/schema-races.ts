import fc from 'fast-check';
import { API, FuzzRequest, fuzzRequest } from './requests';

/**
 * One request of a concurrent batch, drawn against the ids that exist when the batch is
 * sent: `table` and `column` pick among the live ones (so that most requests reach a real
 * table), names and types come from small sets (so that requests collide on them).
 */
export type RaceStep = (live: LiveIds) => FuzzRequest;

export interface LiveIds {
  tables: readonly number[];
  columns: readonly number[];
}

const NAMES = ['a', 'b', 'item', 'qty', 'note'] as const;
const TYPES = ['TEXT', 'INTEGER', 'NUMERIC', 'VARCHAR', 'BOOLEAN', 'DATE'] as const;
const VALUES = ['x', '12', '1.5', 'true', '2026-01-01', '', 7, 2.25, true, null] as const;

const pick = (ids: readonly number[], index: number): number => (ids.length === 0 ? 999_999 : ids[index % ids.length]);

const json = (method: string, target: string, body?: unknown): FuzzRequest => ({
  method,
  target: `${API}${target}`,
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
});

const index = fc.nat({ max: 7 });
const name = fc.constantFrom(...NAMES);
const type = fc.constantFrom(...TYPES);

/** Schema changes, the statements that depend on them, deletions, and now and then anything. */
export const raceStep: fc.Arbitrary<RaceStep> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(index, name).map(
      ([column, to]): RaceStep =>
        (live) =>
          json('PATCH', `/columns/${pick(live.columns, column)}`, { name: to }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(index, type).map(
      ([column, to]): RaceStep =>
        (live) =>
          json('PATCH', `/columns/${pick(live.columns, column)}`, { type: to }),
    ),
  },
  {
    weight: 2,
    arbitrary: index.map(
      (column): RaceStep =>
        (live) =>
          json('DELETE', `/columns/${pick(live.columns, column)}`),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(index, name, type).map(
      ([table, column, kind]): RaceStep =>
        (live) =>
          json('POST', `/tables/${pick(live.tables, table)}/columns`, { name: column, type: kind }),
    ),
  },
  {
    weight: 5,
    arbitrary: fc.tuple(index, fc.dictionary(name, fc.constantFrom(...VALUES), { maxKeys: 3 })).map(
      ([table, values]): RaceStep =>
        (live) =>
          json('POST', `/tables/${pick(live.tables, table)}/records`, { values }),
    ),
  },
  {
    weight: 3,
    arbitrary: index.map(
      (table): RaceStep =>
        (live) =>
          json('GET', `/tables/${pick(live.tables, table)}/records`),
    ),
  },
  {
    weight: 1,
    arbitrary: index.map(
      (table): RaceStep =>
        (live) =>
          json('GET', `/tables/${pick(live.tables, table)}`),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(index, fc.uniqueArray(name, { minLength: 1, maxLength: 2 })).map(
      ([table, columns]): RaceStep =>
        (live) =>
          json('POST', `/tables/${pick(live.tables, table)}/constraints`, { type: 'unique', columns }),
    ),
  },
  {
    weight: 1,
    arbitrary: index.map(
      (table): RaceStep =>
        (live) =>
          json('DELETE', `/tables/${pick(live.tables, table)}`),
    ),
  },
  {
    weight: 1,
    arbitrary: fuzzRequest.map(
      (request): RaceStep =>
        () =>
          request,
    ),
  },
);

/** 4 to 12 requests sent at once. */
export const raceBatch = fc.array(raceStep, { minLength: 4, maxLength: 12 });

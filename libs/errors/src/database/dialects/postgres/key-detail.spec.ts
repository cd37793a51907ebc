import { referencedIdentifiers } from '../../sql-text.js';
import { parseKeyDetail } from './key-detail.js';

describe('parseKeyDetail (the fallback reader of PostgreSQL detail text)', () => {
  it('reads one column and its value', () => {
    expect(parseKeyDetail('Key (email)=(a@b.c) already exists.')).toEqual({
      expressions: ['email'],
      columns: ['email'],
      values: ['a@b.c'],
    });
  });

  it('reads an expression index key as the column it references', () => {
    expect(parseKeyDetail('Key (lower(username::text))=(michaeljordan) already exists.')).toEqual({
      expressions: ['lower(username::text)'],
      columns: ['username'],
      values: ['michaeljordan'],
    });
  });

  it('reads quoted identifiers and several columns', () => {
    expect(parseKeyDetail('Key (owner_id, "Display, (Name)")=(7, Tom) already exists.')).toEqual({
      expressions: ['owner_id', '"Display, (Name)"'],
      columns: ['owner_id', 'Display, (Name)'],
      values: ['7', 'Tom'],
    });
  });

  it('keeps a single value whole even when it contains commas and parentheses', () => {
    expect(parseKeyDetail('Key (handle)=(Tom, (Jerry)) already exists.')?.values).toEqual(['Tom, (Jerry)']);
  });

  it('gives no values when commas inside values make the split ambiguous', () => {
    expect(parseKeyDetail('Key (a, b)=(x, y, z) already exists.')?.values).toBeUndefined();
  });

  it('reads foreign-key and exclusion details', () => {
    expect(parseKeyDetail('Key (author_id)=(42) is not present in table "users".')).toEqual({
      expressions: ['author_id'],
      columns: ['author_id'],
      values: ['42'],
    });
    expect(
      parseKeyDetail(
        'Key (during)=(["2024-01-01 10:30:00","2024-01-01 12:00:00")) conflicts with existing key (during)=(["2024-01-01 10:00:00","2024-01-01 11:00:00")).',
      )?.values,
    ).toEqual(['["2024-01-01 10:30:00","2024-01-01 12:00:00")']);
  });

  it('returns undefined for no detail or another shape', () => {
    expect(parseKeyDetail(undefined)).toBeUndefined();
    expect(parseKeyDetail('Failing row contains (1, null).')).toBeUndefined();
  });
});

describe('referencedIdentifiers', () => {
  it('skips function names, casts, literals and keywords', () => {
    expect(referencedIdentifiers(`lower((username)::text) || 'x' IS NOT NULL AND "Age" >= 0`)).toEqual([
      'username',
      'Age',
    ]);
  });
});

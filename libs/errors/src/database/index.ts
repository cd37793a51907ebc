import { ErrorTranslator } from '../translators/translator';

/** Options of the database translator (constraint registry...). Filled in by the database work. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DatabaseErrorOptions {}

/** What the module hands the database translator at start-up. */
export interface DatabaseTranslatorSetup {
  /** TypeORM DataSource found in the app's DI container, when there is one. */
  dataSource?: unknown;
  /** Where start-up reports (misspelt constraint names...) go. */
  warn: (message: string) => void;
}

/** Builds the database translator once at start-up. Filled in by the database work. */
export async function createDatabaseTranslator(
  _options: DatabaseErrorOptions,
  _setup: DatabaseTranslatorSetup,
): Promise<ErrorTranslator> {
  return () => undefined;
}

import { ErrorTranslator } from '../translators/translator.js';
import { buildDatabaseTranslator } from './database.translator.js';
import { DatabaseErrorOptions } from './options.js';
import { NO_SCHEMA_KNOWLEDGE, SchemaKnowledge, learnSchema } from './schema.js';

/**
 * The filter's database translator. It translates from the first request on (fields
 * from PostgreSQL's `column` and the key in its `detail`), and once the app has started
 * and its DataSource is initialized, ErrorsModule has it learn the schema, after which
 * constraint names map to request fields through the registry, the catalog and the
 * entity metadata. The filter holds this one translator from construction on.
 */
export class SchemaLearningDatabaseTranslator {
  private translate: ReturnType<typeof buildDatabaseTranslator>;
  private learnt: SchemaKnowledge = NO_SCHEMA_KNOWLEDGE;

  constructor(private readonly options: DatabaseErrorOptions) {
    this.translate = buildDatabaseTranslator(options);
  }

  readonly translator: ErrorTranslator = (exception, context) => this.translate(exception, context);

  async learn(dataSource: unknown, warn: (message: string) => void): Promise<void> {
    this.learnt = await learnSchema(this.options, dataSource, warn);
    this.translate = buildDatabaseTranslator(this.options, this.learnt);
  }

  /** What it learnt at start-up (nothing before): the OpenAPI documenter reads entities' constraints from it. */
  get knowledge(): SchemaKnowledge {
    return this.learnt;
  }
}

import { OperationDefinitionNode, parse } from 'graphql';
import type { Response } from 'supertest';
import type { SampleApp } from './app-harness';

export const GRAPHQL = '/graphql';

/** One GraphQL request: an operation, or a batch of them. */
export type GraphQLBody = { query: string; variables?: Record<string, unknown> };

/** An entry of a response's `errors` under the contract. */
export interface GraphQLErrorEntry {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions: { code: string; error_code: string; field: string | null; details: unknown; request_id: string };
}

/**
 * The (root field, error code) pairs the GraphQL tests saw answered, for the drift
 * check against the schema's field descriptions (see expectAnsweredCodesDocumented).
 */
export class AnsweredCodes {
  readonly pairs = new Map<string, Set<string>>();

  record(body: GraphQLBody, errors: readonly GraphQLErrorEntry[] | undefined): void {
    if (!errors) return;
    const fields = rootFieldsByResponseKey(body.query);
    for (const error of errors) {
      const key = error.path?.[0];
      if (typeof key !== 'string') continue; // GraphQL's own refusals are not a field's
      const field = fields.get(key) ?? key;
      const codes = this.pairs.get(field) ?? new Set<string>();
      codes.add(error.extensions.error_code);
      this.pairs.set(field, codes);
    }
  }
}

/** Sends a GraphQL request to the app, recording the codes of its answer. */
export async function sendGraphQL(
  app: SampleApp,
  answered: AnsweredCodes,
  body: GraphQLBody | GraphQLBody[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await app.http().post(GRAPHQL).set(headers).send(body);
  const results = (Array.isArray(body) ? response.body : [response.body]) as Array<{ errors?: GraphQLErrorEntry[] }>;
  (Array.isArray(body) ? body : [body]).forEach((operation, index) =>
    answered.record(operation, results?.[index]?.errors),
  );
  return response;
}

/** The description of every root field (Query and Mutation), as the app serves its schema. */
export async function rootFieldDescriptions(app: SampleApp): Promise<Map<string, string>> {
  const response = await app.http().post(GRAPHQL).send({
    query: '{ __schema { queryType { fields { name description } } mutationType { fields { name description } } } }',
  });
  const schema = (response.body as { data: { __schema: Record<string, { fields: FieldDoc[] } | null> } }).data.__schema;
  const descriptions = new Map<string, string>();
  for (const type of [schema.queryType, schema.mutationType]) {
    for (const field of type?.fields ?? []) descriptions.set(field.name, field.description ?? '');
  }
  return descriptions;
}
type FieldDoc = { name: string; description: string | null };

/** `a: user(id: 1)` -> `a` names `user`: errors carry the response key, the schema the field name. */
function rootFieldsByResponseKey(query: string): Map<string, string> {
  const fields = new Map<string, string>();
  let document;
  try {
    document = parse(query);
  } catch {
    return fields;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const selection of (definition as OperationDefinitionNode).selectionSet.selections) {
      if (selection.kind === 'Field') fields.set(selection.alias?.value ?? selection.name.value, selection.name.value);
    }
  }
  return fields;
}

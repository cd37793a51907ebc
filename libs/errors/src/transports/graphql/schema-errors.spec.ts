import { IsEmail, IsString, MaxLength } from 'class-validator';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, printSchema } from 'graphql';
import { defineErrorCode } from '../../codes/error-code.js';
import { ErrorResponses } from '../../declared-errors/error-responses.decorator.js';
import { codesInDescription, documentSchemaErrors } from './schema-errors.js';

const NOT_FOUND = defineErrorCode('6991', 'THING_NOT_FOUND', 404, 'No thing.');
const TAKEN = defineErrorCode('6992', 'THING_TAKEN', 409, 'Taken.');

class ThingInput {
  @IsString()
  @IsEmail()
  email!: string;

  @MaxLength(3)
  name!: string;
}

class ThingsResolver {
  @ErrorResponses(NOT_FOUND)
  thing(_id: number) {
    return null;
  }

  @ErrorResponses({ constraint: 'things_name_key' })
  createThing(_input: ThingInput) {
    return null;
  }

  unrelated() {
    return null;
  }
}
Reflect.defineMetadata('design:paramtypes', [Number], ThingsResolver.prototype, 'thing');
Reflect.defineMetadata('design:paramtypes', [ThingInput], ThingsResolver.prototype, 'createThing');

function schema(): GraphQLSchema {
  const field = { type: GraphQLString, description: 'Existing words.' };
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { thing: field } }),
    mutation: new GraphQLObjectType({ name: 'Mutation', fields: { createThing: { type: GraphQLString } } }),
  });
}

describe('documentSchemaErrors', () => {
  const context = { constraints: { things_name_key: { field: 'name', code: TAKEN } }, database: true };

  it("lists in each root field's description the codes of its input rules, its declarations and the server's", () => {
    const documented = documentSchemaErrors(schema(), [ThingsResolver], context);
    const thing = documented.getQueryType()!.getFields().thing.description;
    const createThing = documented.getMutationType()!.getFields().createThing.description;
    expect(thing).toBe(
      'Existing words.\n\nErrors (`extensions.error_code`): 3030 DATABASE_TIMEOUT, 3031 DATABASE_UNAVAILABLE, 5000 INTERNAL_ERROR, 6991 THING_NOT_FOUND.',
    );
    expect(codesInDescription(createThing)).toEqual(['2024', '2051', '2056', '3030', '3031', '5000', '6992']);
    expect(printSchema(documented)).toContain('6992 THING_TAKEN');
  });

  it('leaves the database codes out when database errors are not translated', () => {
    const documented = documentSchemaErrors(schema(), [ThingsResolver], { ...context, database: false });
    expect(codesInDescription(documented.getQueryType()!.getFields().thing.description)).toEqual(['5000', '6991']);
  });

  it('refuses a constraint the registry does not list, naming the resolver method', () => {
    expect(() => documentSchemaErrors(schema(), [ThingsResolver], { constraints: {}, database: true })).toThrow(
      /ThingsResolver\.createThing declares the constraint "things_name_key"/u,
    );
  });
});

describe('codesInDescription', () => {
  it('reads nothing from a description without the list', () => {
    expect(codesInDescription('Finds 1234 THINGS.')).toEqual([]);
    expect(codesInDescription(undefined)).toEqual([]);
  });
});

import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

/**
 * A JSON object (column type options). GraphQL refuses anything else itself, before any
 * resolver runs, so the services see an object or null as over REST.
 */
export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object, such as `{"precision": 10, "scale": 2}`.',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new GraphQLError('JSONObject must be a JSON object.');
    }
    return value;
  },
  parseLiteral: (node, variables) => {
    if (node.kind !== Kind.OBJECT) throw new GraphQLError('JSONObject must be a JSON object.', { nodes: node });
    return literalValue(node, variables);
  },
});

/** A literal of the query as the plain value it spells (variables filled in). */
function literalValue(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.OBJECT: {
      const object: Record<string, unknown> = {};
      for (const field of node.fields) object[field.name.value] = literalValue(field.value, variables);
      return object;
    }
    case Kind.LIST:
      return node.values.map((item) => literalValue(item, variables));
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

/**
 * A contract field as the client sent it in a GraphQL operation. Translators name a key
 * of the request's input (`email`, `profile.links.1.url`); in GraphQL the input is the
 * field's arguments, so the key is looked up there: an argument of that name is the
 * field itself (`id`); else the input object argument holding the key is its parent
 * (`input.email`); else, when the field has exactly one input object argument, that one
 * (a key the client left out, which only the pipe or the database noticed). A field
 * found nowhere is kept as the translator named it; null stays null.
 */
export function fieldInArguments(
  field: string | null,
  args: Readonly<Record<string, unknown>> | undefined,
): string | null {
  return argumentFields(args)(field);
}

/**
 * `fieldInArguments` for every field of one failure: the input object arguments are
 * listed once, not once per contract error.
 */
export function argumentFields(
  args: Readonly<Record<string, unknown>> | undefined,
): (field: string | null) => string | null {
  if (!args) return keepField;
  let objects: string[] | undefined;
  return (field) => {
    if (field === null) return field;
    const dot = field.indexOf('.');
    const first = dot === -1 ? field : field.slice(0, dot);
    if (Object.hasOwn(args, first)) return field;
    objects ??= Object.keys(args).filter((name) => isObject(args[name]));
    const holder = objects.find((name) => Object.hasOwn(args[name] as object, first));
    if (holder !== undefined) return `${holder}.${field}`;
    return objects.length === 1 ? `${objects[0]}.${field}` : field;
  };
}

function keepField(field: string | null): string | null {
  return field;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A code documents the shape of its `details` as TypeScript-ish text
 * (`{ columns: string[], values?: unknown[] } | null`). This reads that text into a
 * small type tree, so the OpenAPI document can give each code a real schema and an
 * example. Text it cannot read is kept as a description on a free-form object.
 */
export type Shape =
  | { kind: 'object'; fields: ShapeField[] }
  | { kind: 'array'; items: Shape }
  | { kind: 'union'; members: Shape[] }
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'unknown' | 'null' }
  | { kind: 'literal'; value: string | number | boolean };

export interface ShapeField {
  name: string;
  optional: boolean;
  shape: Shape;
}

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'unknown', 'null']);

/**
 * Reads a details text; undefined when it is not in the grammar. A remark in
 * parentheses after the type (`{ min: string } (ISO 8601)`) is allowed and ignored.
 */
export function parseShape(text: string): Shape | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const parser = new Parser(tokens);
  try {
    const shape = parser.union();
    if (!parser.atEnd() && !parser.isRemark()) return undefined;
    return shape;
  } catch {
    return undefined;
  }
}

type Token = { kind: 'punct'; value: string } | { kind: 'word'; value: string } | { kind: 'string'; value: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([{}()[\]|,;:?])|([A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|(\S))/gy;
  for (let match = pattern.exec(text); match && match[0] !== ''; match = pattern.exec(text)) {
    if (match[1] !== undefined) tokens.push({ kind: 'punct', value: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'word', value: match[2] });
    else if (match[3] !== undefined || match[4] !== undefined)
      tokens.push({ kind: 'string', value: match[3] ?? match[4] });
    else tokens.push({ kind: 'punct', value: match[5] });
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  atEnd(): boolean {
    return this.position >= this.tokens.length;
  }

  /** The rest is `( ... )` up to the end: a remark, not part of the type. */
  isRemark(): boolean {
    const rest = this.tokens.slice(this.position);
    return rest.length >= 2 && isPunct(rest[0], '(') && isPunct(rest[rest.length - 1], ')');
  }

  union(): Shape {
    const members = [this.postfix()];
    while (this.accept('|')) members.push(this.postfix());
    return members.length === 1 ? members[0] : { kind: 'union', members };
  }

  private postfix(): Shape {
    let shape = this.primary();
    while (isPunct(this.peek(), '[') && isPunct(this.tokens[this.position + 1], ']')) {
      this.position += 2;
      shape = { kind: 'array', items: shape };
    }
    return shape;
  }

  private primary(): Shape {
    const token = this.next();
    if (isPunct(token, '(')) {
      const inner = this.union();
      this.expect(')');
      return inner;
    }
    if (isPunct(token, '{')) return this.object();
    if (token.kind === 'string') return { kind: 'literal', value: token.value };
    if (token.kind === 'word') {
      if (PRIMITIVES.has(token.value)) return { kind: 'primitive', name: token.value as 'string' };
      if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
      if (/^-?\d/.test(token.value)) return { kind: 'literal', value: Number(token.value) };
    }
    throw new Error(`Unexpected ${token.value}`);
  }

  private object(): Shape {
    const fields: ShapeField[] = [];
    while (!this.accept('}')) {
      const name = this.next();
      if (name.kind === 'punct') throw new Error(`Unexpected ${name.value}`);
      const optional = this.accept('?');
      this.expect(':');
      fields.push({ name: name.value, optional, shape: this.union() });
      if (!this.accept(',') && !this.accept(';')) {
        this.expect('}');
        break;
      }
    }
    return { kind: 'object', fields };
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new Error('Unexpected end');
    return token;
  }

  private accept(value: string): boolean {
    if (!isPunct(this.peek(), value)) return false;
    this.position++;
    return true;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw new Error(`Expected ${value}`);
  }
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

/** A value of the shape, for examples: the first alternative of a union, null preferred last. */
export function exampleOf(shape: Shape): unknown {
  switch (shape.kind) {
    case 'object':
      return Object.fromEntries(
        shape.fields.filter((field) => !field.optional).map((field) => [field.name, exampleOf(field.shape)]),
      );
    case 'array':
      return [exampleOf(shape.items)];
    case 'union': {
      const preferred = shape.members.find((member) => !(member.kind === 'primitive' && member.name === 'null'));
      return exampleOf(preferred ?? shape.members[0]);
    }
    case 'literal':
      return shape.value;
    case 'primitive':
      return { string: 'string', number: 0, boolean: true, unknown: null, null: null }[shape.name];
  }
}

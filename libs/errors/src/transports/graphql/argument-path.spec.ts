import { argumentFields, fieldInArguments } from './argument-path.js';

describe('fieldInArguments', () => {
  const args = { id: 7, input: { email: 'a@b.c', profile: { links: [{ url: 'x' }] } } };

  it('keeps a field that names an argument', () => {
    expect(fieldInArguments('id', args)).toBe('id');
  });

  it('puts a key of an input object under that argument, nested paths included', () => {
    expect(fieldInArguments('email', args)).toBe('input.email');
    expect(fieldInArguments('profile.links.0.url', args)).toBe('input.profile.links.0.url');
  });

  it('puts a key the client left out under the only input object argument', () => {
    expect(fieldInArguments('username', args)).toBe('input.username');
  });

  it('keeps a key found nowhere when several input objects could hold it', () => {
    expect(fieldInArguments('username', { a: {}, b: {} })).toBe('username');
    expect(fieldInArguments('name', { a: { title: 'x' }, b: { name: 'y' } })).toBe('b.name');
  });

  it('keeps null, and a field of an operation without arguments', () => {
    expect(fieldInArguments(null, args)).toBeNull();
    expect(fieldInArguments('email', undefined)).toBe('email');
    expect(fieldInArguments('email', {})).toBe('email');
  });

  it('never reads inherited members as arguments', () => {
    expect(fieldInArguments('constructor', { input: {} })).toBe('input.constructor');
    expect(fieldInArguments('toString', { list: [1] })).toBe('toString');
  });
});

describe('argumentFields', () => {
  it('answers every field of one failure as fieldInArguments does', () => {
    const args = { id: 7, input: { email: 'a@b.c' } };
    const inArguments = argumentFields(args);
    const fields = ['id', 'email', 'username', 'profile.links.0.url', null];
    expect(fields.map(inArguments)).toEqual(fields.map((field) => fieldInArguments(field, args)));
    expect(fields.map(inArguments)).toEqual(['id', 'input.email', 'input.username', 'input.profile.links.0.url', null]);
    expect(argumentFields(undefined)('email')).toBe('email');
  });
});

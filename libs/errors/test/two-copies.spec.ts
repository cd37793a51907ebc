import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packageRoot = join(__dirname, '..');
const workspaceRoot = join(packageRoot, '..', '..');

/**
 * An app can end up with two copies of the package (a monorepo with two versions, a
 * library bundling its own): the build is loaded twice, from two folders, in one Node
 * process, and the error classes of one copy must be recognised by the other.
 */
const CHECK = `
const [a, b] = await Promise.all([import(process.argv[2]), import(process.argv[3])]);
const { translateDomainError } = await import(process.argv[4]);
const results = {
  twoCopies: a.DomainError !== b.DomainError,
  notFoundAcross: new a.NotFoundError('user') instanceof b.NotFoundError,
  notFoundAsDomainError: new a.NotFoundError('user') instanceof b.DomainError,
  backwards: new b.ConflictError('user') instanceof a.ConflictError,
  invalidInput: new a.InvalidInputError('Bad.') instanceof b.InvalidInputError,
  domainErrors: new a.DomainErrors([new a.NotFoundError('user')]) instanceof b.DomainErrors,
  validationFailed: new a.ValidationFailedException([]) instanceof b.ValidationFailedException,
  registration: new a.ErrorCodeRegistrationError('x') instanceof b.ErrorCodeRegistrationError,
  conflictIsNotNotFound: new a.ConflictError('user') instanceof b.NotFoundError,
  plainErrorIsNot: new Error('x') instanceof b.DomainError,
  nullIsNot: null instanceof b.DomainError,
  appSubclassOnlyItsOwn: (() => {
    class Quota extends a.DomainError {}
    return new b.NotFoundError('user') instanceof Quota;
  })(),
  translatedByTheOther: translateDomainError(new a.NotFoundError('user', { field: 'id' }))?.errors[0],
};
console.log(JSON.stringify(results));
`;

describe('two copies of the package in one app', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'two-copies-'));
    const tsc = createRequire(join(packageRoot, 'package.json')).resolve('typescript/bin/tsc');
    const built = join(root, 'built');
    execFileSync(process.execPath, [tsc, '-p', join(packageRoot, 'tsconfig.build.json'), '--outDir', built], {
      stdio: 'inherit',
    });
    for (const copy of ['a', 'b']) {
      mkdirSync(join(root, copy));
      cpSync(built, join(root, copy, 'dist'), { recursive: true });
      writeFileSync(join(root, copy, 'package.json'), JSON.stringify({ type: 'module' }));
    }
    // Both copies resolve their peers (@nestjs/common...) from the workspace's node_modules.
    symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    writeFileSync(join(root, 'check.mjs'), CHECK);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("recognise each other's error classes with instanceof, and translate each other's domain errors", () => {
    const output = execFileSync(
      process.execPath,
      [
        join(root, 'check.mjs'),
        join(root, 'a', 'dist', 'index.js'),
        join(root, 'b', 'dist', 'index.js'),
        join(root, 'b', 'dist', 'translators', 'domain.translator.js'),
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual({
      twoCopies: true,
      notFoundAcross: true,
      notFoundAsDomainError: true,
      backwards: true,
      invalidInput: true,
      domainErrors: true,
      validationFailed: true,
      registration: true,
      conflictIsNotNotFound: false,
      plainErrorIsNot: false,
      nullIsNot: false,
      appSubclassOnlyItsOwn: false,
      translatedByTheOther: {
        status: 404,
        error: { message: 'The user was not found.', error_code: '4004', field: 'id', details: { resource: 'user' } },
      },
    });
  });
});

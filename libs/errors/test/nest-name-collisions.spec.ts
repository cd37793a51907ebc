import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const packageRoot = join(__dirname, '..');

/** Every name (value or type) an installed package exports, as TypeScript sees it. */
function exportedNames(specifier: string): string[] {
  const probe = join(packageRoot, 'test', '__probe__.ts');
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === probe ? `export * from '${specifier}';` : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || fileExists(file);
  const program = ts.createProgram(
    [probe],
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true },
    host,
  );
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(probe)!);
  return symbol ? checker.getExportsOfModule(symbol).map((exported) => exported.name) : [];
}

/** Every name the package's entry points export, from the committed API reports (checked against the build). */
function packageNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of readdirSync(join(packageRoot, 'api'))) {
    const report = readFileSync(join(packageRoot, 'api', file), 'utf8');
    for (const match of report.matchAll(/^## (\S+)$/gmu)) names.set(match[1], file);
  }
  return names;
}

describe('the names the package exports', () => {
  it('are none of the names @nestjs/common or @nestjs/core export, so an auto-import cannot pick the wrong one', () => {
    const nest = new Set([...exportedNames('@nestjs/common'), ...exportedNames('@nestjs/core')]);
    // The check itself would pass on an empty list: make sure Nest's names were read.
    expect(nest.has('ParseIntPipe')).toBe(true);
    expect(nest.has('ValidationPipeOptions')).toBe(true);
    expect(nest.has('APP_FILTER')).toBe(true);
    const ours = packageNames();
    expect(ours.has('ErrorsModule')).toBe(true);
    expect([...ours].filter(([name]) => nest.has(name)).map(([name, file]) => `${name} (${file})`)).toEqual([]);
  });
});

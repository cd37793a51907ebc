import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SOURCES = join(__dirname, '..', 'src');
const PACKAGE = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Every module a source file loads at runtime (type-only imports left out), relative ones followed. */
function runtimeGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gmu)) {
      const [, typeOnly, specifier] = match;
      if (typeOnly) continue;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/u, '.ts')));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe('the nest-error-contract/swagger entry point', () => {
  it('is a subpath export, types first, of an optional @nestjs/swagger peer', () => {
    expect(PACKAGE.exports['./swagger']).toEqual({
      types: './dist/swagger/index.d.ts',
      default: './dist/swagger/index.js',
    });
    expect(Object.keys(PACKAGE.exports['./swagger'] as object)[0]).toBe('types');
    expect(PACKAGE.peerDependencies['@nestjs/swagger']).toBeDefined();
    expect(PACKAGE.peerDependenciesMeta['@nestjs/swagger']).toEqual({ optional: true });
  });

  it('is never loaded by the root entry', () => {
    const root = runtimeGraph(join(SOURCES, 'index.ts'));
    expect(root.files.has(join(SOURCES, 'errors.module.ts'))).toBe(true);
    const swaggerFiles = [...root.files].filter((file) => file.startsWith(join(SOURCES, 'swagger')));
    expect(swaggerFiles).toEqual([]);
    expect(root.packages.has('@nestjs/swagger')).toBe(false);
  });

  it('does not load @nestjs/swagger itself: the document is plain data', () => {
    const swagger = runtimeGraph(join(SOURCES, 'swagger', 'index.ts'));
    expect(swagger.files.size).toBeGreaterThan(5);
    expect(swagger.packages.has('@nestjs/swagger')).toBe(false);
  });
});

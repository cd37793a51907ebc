import type { execFileSync as ExecFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Emits the package's `.d.ts` files (exactly as `npm run build` would) into `outDir`. */
export function emitDeclarations(packageRoot: string, outDir: string, execFileSync: typeof ExecFileSync): void {
  const tsc = createRequire(join(packageRoot, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(packageRoot, 'tsconfig.build.json'),
      '--emitDeclarationOnly',
      '--declarationMap',
      'false',
      '--outDir',
      outDir,
    ],
    { stdio: 'inherit' },
  );
}

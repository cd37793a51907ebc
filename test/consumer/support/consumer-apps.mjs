import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.mjs';

export const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONSUMER_TESTS = join(REPOSITORY, 'test/consumer');

/** What every app installs: the Nest peers of the package, and tsc to compile the app. */
const NEST_PACKAGES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  'reflect-metadata',
  'rxjs',
  'class-validator',
  'class-transformer',
  'typescript',
  '@types/node',
];
/** What an app with a PostgreSQL database through TypeORM adds, Fastify, and zod for its schema route. */
const DATABASE_PACKAGES = ['@nestjs/platform-fastify', 'typeorm', '@nestjs/typeorm', 'pg', 'zod'];
/** What a GraphQL app adds: Apollo (on Express) and Mercurius (on Fastify). */
const GRAPHQL_PACKAGES = [
  '@nestjs/platform-fastify',
  '@nestjs/graphql',
  'graphql',
  '@nestjs/apollo',
  '@apollo/server',
  '@as-integrations/express5',
  '@nestjs/mercurius',
  'mercurius',
];

/**
 * The two module systems an app can be written in, as the NestJS 12 schematics scaffold
 * them (`nest new` writes the ESM one by default): the same `nodenext` tsconfig, and a
 * package.json with or without `"type": "module"`. Only main.ts differs, as in the
 * schematics: ESM awaits at top level, CommonJS cannot.
 */
export const FLAVOURS = {
  esm: { type: 'module', main: "import { bootstrap } from './bootstrap.js';\n\nawait bootstrap();\n" },
  cjs: { type: undefined, main: "import { bootstrap } from './bootstrap.js';\n\nvoid bootstrap();\n" },
};

/** The compiler options of the NestJS 12 schematics (tsconfig.json + tsconfig.build.json). */
const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    resolvePackageJsonExports: true,
    esModuleInterop: true,
    isolatedModules: true,
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    sourceMap: true,
    outDir: './dist',
    rootDir: './src',
    skipLibCheck: true,
    strict: true,
    strictPropertyInitialization: false,
    types: ['node'],
  },
  include: ['src'],
};

/** The versions the repository's package-lock.json resolved, so npm's cache already has them. */
async function lockedVersions(names) {
  const lock = JSON.parse(await readFile(join(REPOSITORY, 'package-lock.json'), 'utf8'));
  return Object.fromEntries(
    names.map((name) => {
      const version = lock.packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`${name} is not in the repository's package-lock.json.`);
      return [name, version];
    }),
  );
}

/** `npm pack -w nest-error-contract` (its prepack builds it) into `destination`. */
export async function packLibrary(destination) {
  await run('npm', ['pack', '-w', 'nest-error-contract', '--pack-destination', destination], { cwd: REPOSITORY });
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`Expected one tarball in ${destination}, found: ${tarballs.join(', ')}`);
  return join(destination, tarballs[0]);
}

/**
 * A folder whose package.json lists the tarball and the peers, with apps in sub-folders
 * that all resolve their packages from its node_modules, as a monorepo's apps do. Each
 * app's own package.json decides its module system.
 */
export async function createConsumerRoot(directory, tarball, { withDatabase, withGraphQL = false }) {
  const names = [
    ...NEST_PACKAGES,
    ...(withDatabase ? DATABASE_PACKAGES : []),
    ...(withGraphQL ? GRAPHQL_PACKAGES : []),
  ].filter((name, index, all) => all.indexOf(name) === index);
  const dependencies = { 'nest-error-contract': `file:${tarball}`, ...(await lockedVersions(names)) };
  await mkdir(directory, { recursive: true });
  await writeJson(join(directory, 'package.json'), { name: 'consumer-root', private: true, dependencies });
  return directory;
}

export async function installDependencies(directory) {
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: directory });
}

/** Writes an app: its sources from test/consumer/<source>, package.json, tsconfig and main.ts of its flavour. */
export async function writeApp(directory, source, flavour) {
  const { type, main } = FLAVOURS[flavour];
  await cp(join(CONSUMER_TESTS, source, 'src'), join(directory, 'src'), { recursive: true });
  await writeFile(join(directory, 'src/main.ts'), main);
  await writeJson(join(directory, 'package.json'), {
    name: `consumer-${source}-${flavour}`,
    private: true,
    ...(type ? { type } : {}),
  });
  await writeJson(join(directory, 'tsconfig.json'), TSCONFIG);
  return directory;
}

/** Compiles an app with the TypeScript it installed. */
export async function compileApp(directory, consumerRoot) {
  await run(process.execPath, [join(consumerRoot, 'node_modules/typescript/bin/tsc'), '-p', directory], {
    cwd: directory,
  });
}

async function writeJson(path, value) {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

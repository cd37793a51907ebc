import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What npm ships: the package is built into a copy of its folder and packed there
 * (`npm pack --dry-run`), so the test sees exactly the tarball's file list without
 * touching the working copy's dist. Budgets fail the test when the tarball jumps; raise
 * them on purpose, with the reason in the commit, when a new feature needs the room.
 */
// This round's features took it from 194 files (150 kB packed) to 314 files, 240 kB packed,
// 789 kB unpacked: validation/standard-schema (~14 files), transports/graphql (the /graphql
// entry, ~20), database dialects and sources with /drizzle (~45), integrations (~10), the
// catalogue, route-errors and routes (~20). The budget leaves ~4% for fixes, not features.
// Then the hardening (headerLimits and domainErrors options, the charset reader, one
// Fastify request hook) and their CHANGELOG and README lines: 318 files, 249 kB packed,
// 822 kB unpacked; raised again with the same ~4% of room.
const BUDGET = { files: 335, packedBytes: 260_000, unpackedBytes: 860_000 };

const packageRoot = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  repository?: { type: string; url: string; directory?: string };
  homepage?: string;
  bugs?: { url: string };
};

interface PackResult {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string; size: number }>;
}

let packed: PackResult;
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'package-contents-'));
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'docs']) {
    cpSync(join(packageRoot, entry), join(copy, entry), { recursive: true });
  }
  const tsc = createRequire(join(packageRoot, 'package.json')).resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', join(packageRoot, 'tsconfig.build.json'), '--outDir', join(copy, 'dist')],
    {
      stdio: 'inherit',
    },
  );
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'silent' },
  });
  packed = (JSON.parse(output) as PackResult[])[0];
}, 180_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

function paths(): string[] {
  return packed.files.map((file) => file.path);
}

it('ships the built code, its declarations, the catalogue and the package files, nothing else', () => {
  const unexpected = paths().filter(
    (path) =>
      !/^dist\/.+\.(?:js|d\.ts)$/u.test(path) &&
      ![
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'docs/error-codes.md',
        'docs/error-codes.lock.json',
      ].includes(path),
  );
  expect(unexpected).toEqual([]);
});

it('ships no tests and no source maps (the sources are not shipped for them to point at)', () => {
  expect(paths().filter((path) => /\.(?:spec|test|e2e-spec)\.|\.map$|tsbuildinfo|(?:^|\/)__/u.test(path))).toEqual([]);
});

it('ships every target of the exports map', () => {
  const targets = Object.values(manifest.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  expect(targets.map((target) => target.replace(/^\.\//u, '')).filter((target) => !paths().includes(target))).toEqual(
    [],
  );
});

it(`stays within its budget (${BUDGET.files} files, ${BUDGET.packedBytes} bytes packed, ${BUDGET.unpackedBytes} unpacked)`, () => {
  process.stdout.write(
    `npm pack: ${packed.entryCount} files, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked\n`,
  );
  expect({ files: packed.entryCount <= BUDGET.files, packed: packed.size <= BUDGET.packedBytes }).toEqual({
    files: true,
    packed: true,
  });
  expect(packed.unpackedSize).toBeLessThanOrEqual(BUDGET.unpackedBytes);
});

describe('on the npm page', () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  /** Markdown links and images, outside code blocks: `[text](target)`. */
  const links = [...readme.replace(/```[\s\S]*?```/gu, '').matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/gu)].map((m) => m[1]);

  /** GitHub's (and npm's) heading anchors: lower case, punctuation dropped, spaces to dashes. */
  function anchorsOf(markdown: string): Set<string> {
    const headings = [...markdown.matchAll(/^#{1,6} (.+)$/gmu)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /gu, '-'),
    );
    const ids = [...markdown.matchAll(/<a id="([^"]+)"><\/a>/gu)].map((m) => m[1]);
    return new Set([...headings, ...ids]);
  }

  it('has links', () => {
    expect(links.length).toBeGreaterThan(5);
  });

  it('links only to absolute https URLs, its own headings, or files the tarball ships', () => {
    const broken = links.filter((link) => {
      if (/^https:\/\//u.test(link)) return false;
      const [file, anchor] = link.split('#');
      if (file === '') return !anchorsOf(readme).has(anchor);
      if (!paths().includes(file)) return true;
      return anchor !== undefined && !anchorsOf(readFileSync(join(packageRoot, file), 'utf8')).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('points at the repository, its issues and its home page (package.json)', () => {
    const repository = 'https://github.com/nest-error-contract/nest-error-contract';
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${repository}.git`, directory: 'libs/errors' });
    expect(manifest.bugs).toEqual({ url: `${repository}/issues` });
    expect(manifest.homepage).toBe(`${repository}/tree/main/libs/errors#readme`);
    // Links to files npm does not ship go to the repository named in package.json.
    const elsewhere = links.filter((link) => /^https:\/\/github\.com\//u.test(link));
    expect(
      elsewhere.filter((link) => !link.startsWith(`${repository}/`) && !link.startsWith(`${repository}#`)),
    ).toEqual([]);
  });
});

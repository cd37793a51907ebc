import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderApiReports } from '../scripts/api-report.js';
import { emitDeclarations } from '../scripts/emit-declarations.js';

const packageRoot = join(__dirname, '..');

describe('the public API report', () => {
  let reports: Map<string, string>;
  let forgotten: string[];
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'api-report-'));
    emitDeclarations(packageRoot, out, execFileSync);
    ({ reports, forgotten } = renderApiReports(packageRoot, out));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has a committed report per entry point that matches the built declarations (run `npm run api:report`)', () => {
    expect(reports.size).toBeGreaterThanOrEqual(2);
    for (const [file, report] of reports) {
      expect({ file, report: readFileSync(join(packageRoot, 'api', file), 'utf8') }).toEqual({ file, report });
    }
  });

  it('names in public signatures only types that are exported too', () => {
    expect(forgotten).toEqual([]);
  });

  it('exports no generic top-level code names that would collide with app code', () => {
    const names = [...reports.values()].flatMap((report) => [...report.matchAll(/^## (\S+)$/gmu)].map((m) => m[1]));
    expect(names.filter((name) => /^[A-Z0-9_]+$/u.test(name))).toEqual([]);
  });
});

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};
const fixtureRoot = fileURLToPath(new URL('./fixtures/impure-core', import.meta.url));

async function violationsIn(
  baseDir: string,
  paths: string[],
): Promise<{ from: string; to: string; rule: string }[]> {
  const result: IReporterOutput = await cruise(paths, {
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    exclude: config.options['exclude'] as never,
    baseDir,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  } as never);
  const output = result.output as {
    summary: { violations: { from: string; to: string; rule: { name: string } }[] };
  };
  return output.summary.violations.map((v) => ({ from: v.from, to: v.to, rule: v.rule.name }));
}

describe('the dependency rule (src/core is pure)', () => {
  it.each([
    ['rejects the HubSpot SDK', 'imports-hubspot-sdk.ts'],
    ['rejects jsforce', 'imports-jsforce.ts'],
    ['rejects Node file-system I/O', 'imports-node-fs.ts'],
    ['rejects Node HTTP', 'imports-node-http.ts'],
    ['rejects Lightning modules', 'imports-lightning.ts'],
    ['rejects React', 'imports-react.ts'],
  ])('%s', async (_name, file) => {
    const found = await violationsIn(fixtureRoot, [`src/core/${file}`]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.from === `src/core/${file}`)).toBe(true);
  });

  it('allows zod and the time-zone library', async () => {
    expect(await violationsIn(fixtureRoot, ['src/core/imports-allowed.ts'])).toEqual([]);
  });

  it('holds for the real core', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    expect(await violationsIn(root, ['src/core'])).toEqual([]);
  }, 60_000);
});

// The lint rules that enforce docs/ARCHITECTURE.md's boundaries actually fail on a violation (and stay
// quiet on code that keeps them), and `npm test` runs ESLint. The sources are linted as if they were
// files at the given paths, through the project's own eslint.config.js.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** Error-level rule ids ESLint reports for `code` placed at `file`. */
async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const CORE = 'src/sim/lintprobe/core.ts';

describe('lint: simulation cores are pure', () => {
  it('accepts a core that draws from the kernel PRNG and takes time from the run', async () => {
    const code = `import { createRng, uniform } from '../core';\nexport const draw = (seed: number, now: number) => now + uniform(createRng(seed, 'x'), 0, 1);\n`;
    expect(await errors(CORE, code)).toEqual([]);
  });

  it.each([
    ['React', `import { useState } from 'react';\nexport const x = useState;\n`, 'no-restricted-imports'],
    ['react-dom/client', `import { createRoot } from 'react-dom/client';\nexport const x = createRoot;\n`, 'no-restricted-imports'],
    ['a widgets module', `import { labBus } from '../../widgets/shared/labBus';\nexport const x = labBus;\n`, 'no-restricted-imports'],
    ['Math.random', `export const x = () => Math.random();\n`, 'no-restricted-properties'],
    ['Date.now', `export const x = () => Date.now();\n`, 'no-restricted-globals'],
    ['new Date', `export const x = () => new Date().getTime();\n`, 'no-restricted-globals'],
    ['performance.now', `export const x = () => performance.now();\n`, 'no-restricted-globals'],
    ['setTimeout', `export const x = (f: () => void) => setTimeout(f, 10);\n`, 'no-restricted-globals'],
  ])('fails on %s', async (_what, code, rule) => {
    expect(await errors(CORE, code)).toContain(rule);
  });
});

describe('lint: views reach a simulation folder through its index.ts', () => {
  const VIEW = 'src/widgets/partition/lintprobe.tsx';
  it('accepts the folder itself', async () => {
    expect(await errors(VIEW, `import { partitionMechanism } from '../../sim/partition';\nexport const m = partitionMechanism;\n`)).toEqual([]);
  });
  it('fails on a file inside another sim folder', async () => {
    expect(await errors(VIEW, `import { raft } from '../../sim/raft/mechanism';\nexport const m = raft;\n`)).toContain('no-restricted-imports');
    expect(await errors(VIEW, `import type { NodeId } from '../../sim/core/types';\nexport type N = NodeId;\n`)).toContain('no-restricted-imports');
  });
});

describe('lint: hooks', () => {
  it('fails on a hook called conditionally', async () => {
    const code = `import { useState } from 'react';\nexport function C({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n`;
    expect(await errors('src/widgets/partition/lintprobe.tsx', code)).toContain('react-hooks/rules-of-hooks');
  });
});

describe('npm test', () => {
  it('runs ESLint and type-checks src/sim without the DOM', () => {
    const steps = readFileSync(resolve(root, 'scripts/test-all.mjs'), 'utf8');
    expect(steps).toMatch(/\['lint', 'npx', \['eslint', '\.'/);
    expect(steps).toMatch(/'-p', 'src\/sim'/);
    expect(JSON.parse(readFileSync(resolve(root, 'src/sim/tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')).compilerOptions.lib).toEqual(['ES2023']);
  });
});

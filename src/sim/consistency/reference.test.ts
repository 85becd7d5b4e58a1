import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from './linearizability';
import { fromReference, type ReferenceOp } from './reference';
import type { Value } from './types';

// The fixtures are a copy of ../shared/reference/linearizability so the test never depends on a
// folder outside the repo; when that folder is present we also check the copy is still current.
const fixtures = path.resolve(__dirname, '__fixtures__/reference');
const repoRoot = path.resolve(__dirname, '../../..');
const outside = path.resolve(repoRoot, '../shared/reference/linearizability');

interface ManifestEntry { file: string; model: 'register' | 'kv'; init: Value; linearizable: boolean; ops: number }
const manifest = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as { histories: ManifestEntry[] };

describe('reference histories (Jepsen, Knossos, Porcupine verdicts)', () => {
  it('has every history listed in the manifest', () => {
    expect(manifest.histories.length).toBeGreaterThanOrEqual(20);
  });
  for (const h of manifest.histories) {
    // The checker's own step budget (not a timer) bounds the work: 'unknown' would fail the verdict.
    // Its speed is measured by `npm run bench -- consistency`, never by a timed test.
    it(`${h.file} is ${h.linearizable ? '' : 'not '}linearizable, within the checker's default step budget`, () => {
      const raw = JSON.parse(readFileSync(path.join(fixtures, h.file), 'utf8')) as ReferenceOp[];
      expect(raw.length).toBe(h.ops);
      const r = checkLinearizable(fromReference(raw, h.model, h.init));
      expect(r.verdict).toBe(h.linearizable ? 'yes' : 'no');
    });
  }
  it.runIf(existsSync(outside))('the in-repo copy matches ../shared/reference', () => {
    const copy = readFileSync(path.join(fixtures, 'manifest.json'), 'utf8');
    expect(readFileSync(path.join(outside, 'manifest.json'), 'utf8')).toBe(copy);
  });
});

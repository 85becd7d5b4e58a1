import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { narration } from './vite-plugin.ts';
import { buildNarration } from './build.ts';
import { fixtureManifests } from '../__fixtures__/manifest.ts';

const fixtures = fileURLToPath(new URL('../__fixtures__/', import.meta.url));
const okContent = join(fixtures, 'content');
const brokenContent = join(fixtures, 'broken');
const tmp = mkdtempSync(join(tmpdir(), 'narration-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A real Vite build of an entry that imports the virtual index and one script. */
async function viteBuild(contentDir: string) {
  const entry = join(tmp, 'main.js');
  writeFileSync(entry, `import { narrations } from 'virtual:narration';\nimport demo from ${JSON.stringify(join(contentDir, '1-demo/01-demo.narration.md'))};\nconsole.log(narrations, demo);\n`);
  return build({
    root: tmp,
    configFile: false,
    logLevel: 'silent',
    plugins: [narration({ contentDir, manifests: fixtureManifests })],
    build: { write: false, rollupOptions: { input: entry }, minify: false },
  });
}

describe('narration vite plugin', () => {
  it('compiles a script next to its chapter and finds the next chapter in the TOC', () => {
    const tl = buildNarration(join(okContent, '1-demo/01-demo.narration.md'), { manifests: fixtureManifests, cwd: fixtures });
    expect(tl.chapter).toBe('demo');
    expect(tl.title).toBe('A demo chapter');
    expect(tl.next).toEqual({ slug: 'next-demo', title: 'The chapter after the demo' });
  });

  it('fails the build with file:line messages for a broken cue', async () => {
    await expect(viteBuild(brokenContent)).rejects.toThrow(/1-demo\/01-demo\.narration\.md:9: unknown lab instance "no-such-lab"/);
    await expect(viteBuild(brokenContent)).rejects.toThrow(/01-demo\.narration\.md:15: Stop cue names unknown key-concept card "not-a-card"/);
  });

  it('builds a working content tree into timeline modules and one WebVTT file per chapter', async () => {
    const out = (await viteBuild(okContent)) as Rollup.RollupOutput;
    const files = out.output.map((o) => o.fileName);
    const vtt = out.output.find((o) => o.fileName === 'narration/demo.vtt');
    expect(vtt && vtt.type === 'asset' && String(vtt.source)).toMatch(/^WEBVTT[^\n]*\n\nNOTE Opening\n\ns1\n00:00:00\.000 --> 00:00:02\.700\nNetworks drop/);
    const code = out.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk').map((c) => c.code).join('\n');
    // The timeline module is inlined JSON; the virtual index maps the slug to a lazy loader.
    expect(code).toMatch(/"?chapter"?\s*:\s*"demo"/);
    expect(code).toMatch(/"?demo"?\s*:\s*\(\)\s*=>/);
    expect(code).toMatch(/ap-divergent-writes/);
    expect(files.filter((f) => f.endsWith('.vtt'))).toEqual(['narration/demo.vtt']);
  });
});

/**
 * The real scripts in content/: each compiles against its chapter and the widget manifest, runs
 * 3–8 minutes, drives at least one figure, card or lab, and shares no 12-word run with the seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listChapterFiles } from '../../book/content/files.ts';
import { buildNarration, listScripts } from './build.ts';
import { widgetManifests } from '../../widgets/manifest.ts';

const root = resolve(import.meta.dirname, '../../..');
const content = resolve(root, 'content');
const scripts = listScripts(content);
const SEED = '/work/shared/seed/000_d650d9c0ba17d6cd.txt';
const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9\s']/g, ' ').split(/\s+/).filter(Boolean);

describe('narration scripts in content/', () => {
  it('exist for every chapter', () => {
    const missing = listChapterFiles(content).filter((mdx) => !scripts.includes(mdx.replace(/\.mdx$/, '.narration.md')));
    expect(missing.map((f) => f.slice(root.length + 1))).toEqual([]);
  });

  it.each(scripts.map((f) => [f.slice(root.length + 1), f]))('%s compiles, lasts 3–8 minutes and uses cues', (_, file) => {
    const tl = buildNarration(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
    expect(tl.duration).toBeGreaterThanOrEqual(180);
    expect(tl.duration).toBeLessThanOrEqual(480);
    expect(tl.cues.some((c) => c.kind === 'stop')).toBe(true);
    expect(tl.cues.some((c) => c.kind !== 'stop')).toBe(true);
  });

  // The seed is shared reference material outside the repo; without it there is nothing to compare.
  it.skipIf(!existsSync(SEED))('share no run of 12 words with the seed text', () => {
    const seed = words(readFileSync(SEED, 'utf8'));
    const runs = new Set<string>();
    for (let i = 0; i + 12 <= seed.length; i++) runs.add(seed.slice(i, i + 12).join(' '));
    const copied: string[] = [];
    for (const file of scripts) {
      const tl = buildNarration(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
      const w = words(tl.sentences.map((s) => s.text).join(' '));
      for (let i = 0; i + 12 <= w.length; i++) if (runs.has(w.slice(i, i + 12).join(' '))) copied.push(`${file}: ${w.slice(i, i + 12).join(' ')}`);
    }
    expect(copied).toEqual([]);
  });
});

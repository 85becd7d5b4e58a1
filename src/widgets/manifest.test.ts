// The lab registration checks (docs/ARCHITECTURE.md, "Adding a lab"): the manifest, the lab
// definitions and the component registry must agree, so a new lab cannot be half registered.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLabDefinition, labDefinitions, widgetManifests } from './manifest';
import { labNames } from './registry';
import { BUILTIN_COMMANDS, type LabDefinition } from './shared/definition';

const here = import.meta.dirname;
const definitionModules = import.meta.glob<Record<string, unknown>>('./*/definition.ts', { eager: true });
const isDefinition = (x: unknown): x is LabDefinition =>
  typeof x === 'object' && x !== null && typeof (x as LabDefinition).widget === 'string' && Array.isArray((x as LabDefinition).mechanisms);

describe('lab registration', () => {
  it('lists each lab once, under a distinct MDX tag', () => {
    const names = widgetManifests.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n, 'an MDX tag is a capitalised identifier').toMatch(/^[A-Z][A-Za-z0-9]*$/);
  });

  it("gives each entry exactly its cores' scenarios, with ids unique across the lab", () => {
    for (const w of widgetManifests) {
      const def = findLabDefinition(w.name)!;
      const fromCores = def.mechanisms.flatMap((m) => m.scenarios.map((s) => s.id));
      expect(w.scenarios, w.name).toEqual(fromCores);
      expect(new Set(w.scenarios).size, `${w.name}: duplicate scenario id`).toBe(w.scenarios.length);
      expect(w.scenarios.length, `${w.name}: a lab needs at least one scenario`).toBeGreaterThan(0);
    }
  });

  it("gives each entry the built-in commands plus the lab's own, and no lab redefines a built-in", () => {
    for (const w of widgetManifests) {
      const own = Object.keys(findLabDefinition(w.name)!.commands ?? {});
      expect(w.commands, w.name).toEqual([...BUILTIN_COMMANDS, ...own]);
      for (const c of own) {
        expect(BUILTIN_COMMANDS as readonly string[], `${w.name}.${c} shadows a built-in`).not.toContain(c);
        expect(c, `${w.name}: a command is one lower-case word`).toMatch(/^[a-z][a-z0-9-]*$/);
      }
    }
  });

  it('every command answers an action or an error sentence on every scenario, never throws', () => {
    for (const def of labDefinitions) {
      for (const mech of def.mechanisms) {
        for (const sc of mech.scenarios) {
          const state = mech.init(sc.seed, mech.sanitizeParams(sc.params).value);
          for (const [name, make] of Object.entries(def.commands ?? {})) {
            for (const args of [[], ['?!'], ['1', '2', '3', '4', '5']]) {
              const out = make(args, state);
              const ok = typeof out === 'string' ? out.length > 0 : typeof out?.type === 'string';
              expect(ok, `${def.widget}.${name}(${args.join(' ')}) on ${sc.id}`).toBe(true);
            }
          }
        }
      }
    }
  });

  it('registers a component for every lab in the manifest, and nothing else as a lab', () => {
    expect([...labNames].sort()).toEqual(widgetManifests.map((w) => w.name).sort());
  });

  it('registers every lab definition found in a lab folder', () => {
    for (const [file, mod] of Object.entries(definitionModules)) {
      for (const def of Object.values(mod).filter(isDefinition)) {
        expect(labDefinitions, `${file} exports ${def.widget}, which manifest.ts does not list`).toContain(def);
        expect(existsSync(resolve(here, file, '..', `${def.widget}.tsx`)), `${file}: the component must be ${def.widget}.tsx next to it`).toBe(true);
      }
    }
  });

  it('imports each component from ./<folder>/<Tag>.tsx (the prerender finds its stylesheet by that name)', () => {
    const source = readFileSync(resolve(here, 'registry.tsx'), 'utf8');
    const entries = [...source.matchAll(/^\s*(\w+): lazy\(deferred\('(\w+)', \(\) => import\('\.\/([\w-]+)\/(\w+)(?:\.tsx)?'\)\)\),?$/gm)];
    const lines = source.split('\n').filter((l) => /lazy\(/.test(l) && /import\(/.test(l));
    expect(entries.length, 'every registry line has the form  Tag: lazy(deferred(\'Tag\', () => import(\'./folder/Tag\')))').toBe(lines.length);
    for (const [, key, deferredName, folder, file] of entries) {
      expect([deferredName, file], `registry line for ${key}`).toEqual([key, key]);
      expect(existsSync(resolve(here, folder, `${key}.tsx`)), `src/widgets/${folder}/${key}.tsx`).toBe(true);
    }
    for (const name of labNames) expect(entries.map((e) => e[1]), name).toContain(name);
  });
});

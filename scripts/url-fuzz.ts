/**
 * URL-state fuzzer (issue 20; not part of `npm test`). From a seeded PRNG (the kernel's, never
 * Math.random) it builds random and adversarial addresses for every registered lab
 * (`src/widgets/manifest.ts`) on every route that shows it (/labs and each chapter instance), loads
 * each in Chromium against a build served by scripts/serve-static.mjs, and classifies what happened:
 *
 * - `hang`: the main thread did not answer a probe (page.evaluate) for more than 10 s, or the renderer crashed;
 * - `pageError`: an uncaught exception, or React reporting an error (hydration mismatch #418 and the like);
 * - `blank`: `#root` empty, or an error boundary's "stopped working" box on the page;
 * - `injected`: a payload's markup was rendered as markup (an `on*` attribute, a script, a `javascript:` link) or ran;
 * - `stuck`: the target lab never hydrated, or never finished replaying the link, within 45 s (while answering);
 * - `httpError`: the server answered 5xx, or a link the book itself wrote (Copy link) is over the
 *   8 KB request line that hosts accept (emulated: a generated address over 8 KB is not sent; see `hostRefused`);
 * - `message`: a clear message was shown (the lab's problems, the narration note, the 404 or 400 page);
 * - `ok`: loaded fine.
 * `hostRefused` (informational) counts fuzzer-built addresses over 8 KB: a host answers 414 before the book loads,
 * which no page can prevent; what matters is that the book never writes one (checked by `httpError` on long runs).
 *
 *   OUT_DIR=dist-harden npm run build
 *   npm run fuzz:urls -- --seed=20261205 --count=1000 [--dir=dist-harden] [--port=4306] [--pages=2] [--out=file.json] [--only=RaftLab] [--kinds=xss,long-log] [--cases=713,765]
 *
 * Prints a JSON summary (per class, per kind, per lab) and the failing cases with repro URLs.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cloneRng, createRng, nextFloatMut, type AnyMechanism, type MutRng, type Tagged } from '../src/sim/core';
import { labDefinitions } from '../src/widgets/manifest';
import type { LabDefinition } from '../src/widgets/shared/definition';
import { linkLimits } from '../src/widgets/shared/useMechanismLab';
import { MAX_LINK_LENGTH, encodeMoment, encodeMomentCompressed, momentPayload, type SharedMoment } from '../src/widgets/shared/urlState';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const SEED = Number(arg('seed', String(Number(new Date().toISOString().slice(0, 10).replace(/-/g, '')))));
const COUNT = Number(arg('count', '1000'));
const DIR = arg('dir', process.env.OUT_DIR ?? 'dist');
const PORT = Number(arg('port', '4306'));
const PAGES = Number(arg('pages', '2'));
const OUT = arg('out', `/tmp/url-fuzz-${SEED}.json`);
const ONLY = arg('only', '');
const KINDS = arg('kinds', '').split(',').filter(Boolean);
/** Rerun only these case numbers of the seed (the same generation, so #n is the same address). */
const CASES = new Set(arg('cases', '').split(',').filter(Boolean).map(Number));
const BASE = `http://127.0.0.1:${PORT}/`;
/** Request line most hosts and CDNs accept (nginx 8 KB by default; some CDNs 16 KB). */
const HOST_LIMIT = 8192;
const HANG_MS = 10_000;
const SETTLE_MS = 45_000;
const FLAG = '__fuzzPwned';

// ---------------------------------------------------------------------------------------------
// Seeded choices
const rng: MutRng = cloneRng(createRng(SEED, 'url-fuzz'));
const rnd = () => nextFloatMut(rng);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

// ---------------------------------------------------------------------------------------------
// Where each lab lives: /labs (id labs-<Tag>) and every chapter instance (id prop, else its scenario).
interface Target {
  readonly def: LabDefinition;
  readonly route: string;
  readonly id: string;
  readonly chapter: boolean;
}

function chapterTargets(): Target[] {
  const out: Target[] = [];
  const root = resolve(import.meta.dirname, '..', 'content');
  for (const part of readdirSync(root)) {
    if (!/^\d-/.test(part)) continue;
    for (const f of readdirSync(join(root, part)).filter((x) => x.endsWith('.mdx'))) {
      const text = readFileSync(join(root, part, f), 'utf8');
      const slug = /^slug:\s*(\S+)/m.exec(text)?.[1];
      if (!slug) continue;
      for (const m of text.matchAll(/<([A-Z]\w*Lab)\b([^>]*)\/>/g)) {
        const def = labDefinitions.find((d) => d.widget === m[1]);
        const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[2])?.[1];
        const id = attr('id') ?? attr('scenario');
        if (def && id) out.push({ def, route: slug, id, chapter: true });
      }
    }
  }
  return out;
}

const targets: Target[] = [
  ...labDefinitions.map((def) => ({ def, route: 'labs', id: `labs-${def.widget}`, chapter: false })),
  ...chapterTargets(),
].filter((t) => !ONLY || t.def.widget.includes(ONLY));

// ---------------------------------------------------------------------------------------------
// Building blocks of hostile values
const PAYLOADS = [
  `<script>window.${FLAG}=1</script>`,
  `<img src=x onerror="window.${FLAG}=1">`,
  `"><svg onload=window.${FLAG}=1>`,
  `javascript:window.${FLAG}=1`,
  `'-window.${FLAG}=1-'`,
  `</title><script>window.${FLAG}=1</script>`,
];
const UNICODE = ['Ω', '𝔘𝔫𝔦', '😀', '\u202eevil', '\u200b', '\ud800', '\udfff', 'ß'.repeat(50), '\u0000', 'ｔ', '\ufeff', 'नमस्ते'];
const EXTREMES = [0, -1, -0, 1e-9, 1e9, 1e300, -1e300, 0.5, 9, 20_000, 86_400_000, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 1e6, -1e6];
const WRONG: unknown[] = ['x', '', '1e9', [], {}, null, true, false, [1, 2], { a: 1 }, 'NaN'];
const STEPS = [0, 1, 127, 128, 129, 5000, 200_000, 200_001, 1_000_000, 10_000_000, 1e9, 2 ** 53];
const TIMES = [0, 1, 999.5, 86_399_999, 86_400_000, 86_400_001, 1e12];

const hostileString = () => (chance(0.5) ? pick(PAYLOADS) : chance(0.5) ? pick(UNICODE) : 'z'.repeat(int(1, 300)));
const hostileNumber = () => pick(EXTREMES);
const hostileValue = (): unknown => (chance(0.4) ? hostileNumber() : chance(0.5) ? pick(WRONG) : hostileString());

/** Mutate numbers (and some strings) anywhere inside a params object. */
function mutateDeep(x: unknown, p: number, f: () => unknown): unknown {
  if (typeof x === 'number') return chance(p) ? f() : x;
  if (typeof x === 'string' || typeof x === 'boolean') return chance(p / 2) ? f() : x;
  if (Array.isArray(x)) return x.map((v) => mutateDeep(v, p, f));
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, mutateDeep(v, p, f)]));
  return x;
}

/** Every action a mechanism's scenarios log (the reader can make the same ones). */
function actionsOf(mech: AnyMechanism): Tagged[] {
  const xs = mech.scenarios.flatMap((s) => s.log.map((e) => e.action as Tagged));
  return xs.length ? xs : [{ type: 'node/crash', node: 'A' } as Tagged];
}

function baseMoment(def: LabDefinition): { mech: AnyMechanism; m: SharedMoment } {
  const mech = pick(def.mechanisms);
  const sc = pick(mech.scenarios);
  const steps = chance(0.5) ? int(0, 300) : 0;
  return { mech, m: { mechanism: mech.id, scenario: sc.id, seed: sc.seed, params: sc.params, log: sc.log, steps, t: steps ? int(0, def.duration(mech.id, sc.params as never)) : 0 } };
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
async function deflate(text: string): Promise<Uint8Array> {
  const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}
/** Encode raw JSON text (which may hold NaN, 1e999, lone surrogates) as v1 or v2 the way the book would. */
async function encodeRaw(text: string, version: 'v1' | 'v2'): Promise<string> {
  return version === 'v1' ? `v1.${b64url(new TextEncoder().encode(text))}` : `v2.${b64url(await deflate(text))}`;
}
const encode = async (m: SharedMoment) => (chance(0.75) ? encodeMomentCompressed(m) : encodeMoment(m));

// ---------------------------------------------------------------------------------------------
// One generated case
interface Case {
  readonly n: number;
  readonly kind: string;
  readonly widget: string;
  readonly route: string;
  readonly labId: string | null;
  readonly url: string;
  readonly note: string;
  /** A long run that the book itself may be asked to share (Copy link is checked after loading). */
  readonly checkShare?: boolean;
}

type Gen = (t: Target) => Promise<{ value?: string; query?: string; path?: string; hash?: string; note: string; checkShare?: boolean }>;

const GENERATORS: Record<string, Gen> = {
  valid: async (t) => {
    const { m } = baseMoment(t.def);
    return { value: await encode(m), note: `valid ${m.scenario} steps=${m.steps}` };
  },
  'extreme-params': async (t) => {
    const { m } = baseMoment(t.def);
    const params = mutateDeep(m.params, 0.6, hostileNumber);
    const steps = chance(0.5) ? pick(STEPS) : m.steps;
    return { value: await encode({ ...m, params, steps, t: chance(0.5) ? pick(TIMES) : m.t }), note: `params=${JSON.stringify(params).slice(0, 160)} steps=${steps}` };
  },
  'wrong-types': async (t) => {
    const { m } = baseMoment(t.def);
    const payload = momentPayload(m) as unknown[];
    const field = int(0, 7);
    if (field < 7) payload[field] = pick(WRONG);
    else payload[3] = mutateDeep(payload[3], 0.7, () => pick(WRONG));
    if (chance(0.3)) payload.push(pick(WRONG));
    return { value: await encodeRaw(JSON.stringify(payload), chance(0.7) ? 'v2' : 'v1'), note: `field ${field} wrong type` };
  },
  'nan-inf': async (t) => {
    const { m } = baseMoment(t.def);
    const tok = pick(['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '1e-999', '0x10', '01', '.5', '+1']);
    const json = JSON.stringify(momentPayload(m));
    // Replace one number literal in the text with the token (it may be in params, seed, log, steps or t).
    const nums = [...json.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
    const at = nums.length ? pick(nums) : null;
    const text = at ? json.slice(0, at.index) + tok + json.slice(at.index! + at[0].length) : json;
    return { value: await encodeRaw(text, chance(0.7) ? 'v2' : 'v1'), note: `number -> ${tok}` };
  },
  huge: async (t) => {
    const { mech, m } = baseMoment(t.def);
    const acts = actionsOf(mech);
    const at = pick(TIMES);
    const log = chance(0.6) ? [...m.log, { at: Math.max(at, m.log.at(-1)?.at ?? 0), action: pick(acts) }] : m.log;
    return { value: await encode({ ...m, log, steps: pick(STEPS), t: pick(TIMES) }), note: `huge steps/time, action at ${at}` };
  },
  unicode: async (t) => {
    const { mech, m } = baseMoment(t.def);
    const u = pick(UNICODE);
    const which = int(0, 3);
    const acts = actionsOf(mech);
    const moment =
      which === 0
        ? { ...m, scenario: u }
        : which === 1
          ? { ...m, params: { ...(m.params as object), [u]: u } }
          : which === 2
            ? { ...m, log: [{ at: 0, action: { ...pick(acts), ...Object.fromEntries(Object.keys(pick(acts)).filter((k) => k !== 'type').map((k) => [k, u])) } }] }
            : { ...m, mechanism: u };
    return { value: await encode(moment as SharedMoment), note: `unicode ${JSON.stringify(u)} in field ${which}` };
  },
  truncated: async (t) => {
    const { m } = baseMoment(t.def);
    const v = await encode(m);
    const cut = int(0, v.length - 1);
    return { value: v.slice(0, cut), note: `cut at ${cut} of ${v.length}` };
  },
  corrupted: async (t) => {
    const { m } = baseMoment(t.def);
    const chars = [...(await encode(m))];
    const k = int(1, 6);
    for (let i = 0; i < k; i++) chars[int(3, chars.length - 1)] = pick(['A', '_', '-', '%', '!', '~', ' ', '+', '/', '=', '.', '0', 'é', '%00']);
    return { value: chars.join(''), note: `${k} chars changed` };
  },
  version: async (t) => {
    const { m } = baseMoment(t.def);
    const v = await encode(m);
    const body = v.slice(3);
    const variants: (() => Promise<string>)[] = [
      async () => (v.startsWith('v1.') ? `v2.${body}` : `v1.${body}`),
      async () => `v3.${body}`,
      async () => `V2.${body}`,
      async () => body,
      async () => pick(['', '.', 'v2', 'v2.', 'v1.', 'v2..', 'v1.e30', 'v2.AAAA']),
      async () => `v1.${b64url(new TextEncoder().encode('not json {'))}`,
      async () => `v2.${b64url(new TextEncoder().encode('not deflate at all'))}`,
      // A deflate bomb: a few KB that inflate to megabytes.
      async () => `v2.${b64url(await deflate('0'.repeat(int(300_000, 3_000_000))))}`,
      // Deep nesting (JSON.parse recursion).
      async () => `v2.${b64url(await deflate('['.repeat(100_000) + ']'.repeat(100_000)))}`,
      async () => encodeRaw(JSON.stringify({ 0: m.mechanism, length: 7 }), 'v2'),
    ];
    const i = int(0, variants.length - 1);
    return { value: await variants[i](), note: `version variant ${i}` };
  },
  'unknown-scenario': async (t) => {
    const { m } = baseMoment(t.def);
    const other = pick(labDefinitions).mechanisms[0];
    const moment = chance(0.5) ? { ...m, scenario: pick(['no-such-scenario', other.scenarios[0].id, '', '__proto__', 'constructor', 'x'.repeat(81)]) } : { ...m, mechanism: pick([other.id, 'nope', '__proto__', 'toString']) };
    return { value: await encode(moment), note: `scenario=${moment.scenario} mechanism=${moment.mechanism}` };
  },
  xss: async (t) => {
    const { mech, m } = baseMoment(t.def);
    const p = pick(PAYLOADS);
    const where = int(0, 8);
    const acts = actionsOf(mech);
    const a = pick(acts);
    const moments: SharedMoment[] = [
      { ...m, scenario: p },
      { ...m, mechanism: p },
      { ...m, params: mutateDeep(m.params, 0.5, () => p) },
      { ...m, params: { ...(m.params as object), [p]: 1 } },
      { ...m, log: [{ at: 0, action: { ...a, ...Object.fromEntries(Object.keys(a).filter((k) => k !== 'type').map((k) => [k, p])) } }] },
      { ...m, log: [{ at: 0, action: { ...a, type: p } }] },
    ];
    if (where < moments.length) return { value: await encode(moments[where]), note: `payload in field ${where}: ${p}` };
    if (where === 6) return { value: p, note: `raw payload as the value: ${p}` };
    if (where === 7) return { query: `lab-${encodeURIComponent(p)}=${await encode(m)}`, note: `payload in the key: ${p}` };
    return { hash: encodeURIComponent(p), value: await encode(m), note: `payload in the fragment: ${p}` };
  },
  duplicate: async (t) => {
    const a = await encode(baseMoment(t.def).m);
    const b = chance(0.5) ? await encode(baseMoment(t.def).m) : pick(PAYLOADS);
    const key = `lab-${t.id}`;
    const dup = Array.from({ length: int(2, 40) }, (_, i) => `${key}=${encodeURIComponent(i % 2 ? b : a)}`).join('&');
    return { query: chance(0.3) ? `${dup}&t=5&t=1m99s&narration=play&narration=stop` : dup, note: 'duplicate parameters' };
  },
  'long-log': async (t) => {
    const { mech, m } = baseMoment(t.def);
    const acts = actionsOf(mech);
    const maxT = linkLimits(t.def).maxTime(mech.id, mech.sanitizeParams(m.params).value);
    const n = pick([50, 120, 200, 399, 400, 401, 600, 1000]);
    let at = 0;
    const log = Array.from({ length: n }, () => ({ at: (at = Math.min(maxT, at + rnd() * (maxT / n))), action: pick(acts) }));
    return { value: await encodeMomentCompressed({ ...m, log, steps: pick([0, 100, 5000, 200_000]), t: maxT }), note: `${n} actions up to t=${Math.round(maxT)}`, checkShare: true };
  },
  narration: async (t) => {
    const tv = pick(['1m99s', '9'.repeat(400), '-1', 'NaN', 'Infinity', '1e9', '1:99:99', '99999999', '0x10', '', '１２', '%25', '1:30', '90.5', '0', encodeURIComponent(pick(PAYLOADS))]);
    const nv = pick(['play', 'stop', '', 'PLAY', 'play'.repeat(500), encodeURIComponent(pick(PAYLOADS))]);
    const parts = [chance(0.8) ? `t=${tv}` : '', chance(0.6) ? `narration=${nv}` : ''].filter(Boolean);
    const lab = chance(0.4) ? `&lab-${t.id}=${await encode(baseMoment(t.def).m)}` : '';
    return { query: parts.join('&') + lab, note: `t=${tv.slice(0, 30)} narration=${nv.slice(0, 30)}` };
  },
  path: async (t) => {
    const slug = t.route;
    const forms = [`${slug}.html`, `${slug}/`, `${slug}/index`, `${slug}/index.html`, 'index', 'index.html', `/${slug}`, `${slug}%2F`, '%E0%A4%A', `${slug}.HTML`, `${slug}//`, `${slug}/..%2F..%2Fetc%2Fpasswd`, `${slug}%00`];
    const path = pick(forms);
    const hash = pick(['', '%E0%A4%A', '%', '%%', encodeURIComponent(pick(PAYLOADS)), t.id]);
    const value = chance(0.5) ? await encode(baseMoment(t.def).m) : undefined;
    return { path, hash, value, note: `path /${path}#${hash.slice(0, 30)}` };
  },
};

const KIND_WEIGHTS: [string, number][] = [
  ['valid', 6], ['extreme-params', 12], ['wrong-types', 8], ['nan-inf', 6], ['huge', 10], ['unicode', 5], ['truncated', 6],
  ['corrupted', 6], ['version', 6], ['unknown-scenario', 5], ['xss', 10], ['duplicate', 5], ['long-log', 6], ['narration', 5], ['path', 4],
];

async function makeCase(n: number): Promise<Case> {
  const weights = KIND_WEIGHTS.filter(([k]) => !KINDS.length || KINDS.includes(k));
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let r = rnd() * total;
  const kind = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? weights[0][0];
  // Narration lives on chapter pages only.
  const pool = kind === 'narration' || kind === 'path' ? targets.filter((x) => x.chapter) : targets;
  const t = pick(pool);
  const g = await GENERATORS[kind](t);
  const q = [g.value !== undefined ? `lab-${t.id}=${g.value}` : '', g.query ?? ''].filter(Boolean).join('&');
  const url = `${BASE}${g.path ?? t.route}${q ? `?${q}` : ''}${g.hash ? `#${g.hash}` : ''}`;
  // A lab wakes at once only when the address carries state (src/widgets/whenNeeded.ts); otherwise it rightly
  // stays a poster until the reader comes near it, and only the page is checked.
  const keys = [...new URLSearchParams(q).keys()];
  const wakes = keys.some((k) => k.startsWith('lab-') || k === 't' || k === 'narration') || /[?&#]t=/.test(g.hash ?? '');
  const labId = !wakes || (g.path && !g.path.startsWith(t.route)) ? null : t.id;
  return { n, kind, widget: t.def.widget, route: t.route, labId, url, note: g.note, checkShare: g.checkShare };
}

// ---------------------------------------------------------------------------------------------
// Loading and classifying
type Verdict = 'hang' | 'pageError' | 'blank' | 'injected' | 'stuck' | 'httpError' | 'hostRefused' | 'message' | 'ok';
const FAILING: Verdict[] = ['hang', 'pageError', 'blank', 'injected', 'stuck', 'httpError'];
interface Result extends Case {
  verdict: Verdict;
  detail: string;
  ms: number;
  slowestProbeMs: number;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);

interface Probe {
  root: number;
  errorBox: boolean;
  hydrated: boolean;
  lab: 'absent' | 'poster' | 'hydrated';
  restoring: boolean;
  pwned: boolean;
  injected: string;
  problems: string;
  heading: string;
}

async function probe(page: Page, labId: string | null): Promise<Probe> {
  return page.evaluate(
    ([id, flag]) => {
      const lab = id ? document.getElementById(id) : null;
      let injected = '';
      for (const el of document.querySelectorAll('body *')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name) && a.value.includes(flag)) injected = `${el.tagName} ${a.name}`;
          if (/^(href|src|action|formaction)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) injected = `${el.tagName} ${a.name}=javascript:`;
        }
        if (el.tagName === 'SCRIPT' && (el.textContent ?? '').includes(flag)) injected = 'SCRIPT';
      }
      const problems = [...document.querySelectorAll('.lab-problems:not([data-restoring]), .narration-note')].map((e) => e.textContent ?? '').join(' | ');
      return {
        root: document.getElementById('root')?.innerHTML.trim().length ?? 0,
        errorBox: !!document.querySelector('.error-box'),
        hydrated: document.documentElement.hasAttribute('data-hydrated'),
        lab: !lab ? 'absent' : lab.getAttribute('data-hydrated') === 'true' ? 'hydrated' : 'poster',
        restoring: !!lab?.querySelector('[data-restoring]'),
        pwned: !!(window as unknown as Record<string, unknown>)[flag],
        injected,
        problems: problems.slice(0, 300),
        heading: document.querySelector('h1')?.textContent?.slice(0, 80) ?? '',
      } as const;
    },
    [labId, FLAG] as const,
  );
}

class Worker {
  page!: Page;
  errors: string[] = [];
  crashed = false;
  constructor(private readonly ctx: BrowserContext) {}
  async open() {
    this.page = await this.ctx.newPage();
    this.crashed = false;
    this.page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message.slice(0, 200)}`));
    this.page.on('console', (m) => {
      if (m.type() === 'error' && /Minified React error|#418|#423|URI malformed|Uncaught/.test(m.text())) this.errors.push(`console: ${m.text().slice(0, 200)}`);
    });
    this.page.on('crash', () => (this.crashed = true));
  }
  async replace() {
    const old = this.page;
    await withTimeout(old.close({ runBeforeUnload: false }), 10_000).catch(() => {});
    await this.open();
  }

  async run(c: Case): Promise<Result> {
    const t0 = Date.now();
    const done = (verdict: Verdict, detail: string, slowest = 0): Result => ({ ...c, verdict, detail, ms: Date.now() - t0, slowestProbeMs: slowest });
    if (c.url.length - BASE.length + 20 > HOST_LIMIT) return done('hostRefused', `request line ${c.url.length} chars > ${HOST_LIMIT}: a host answers 414`);
    this.errors = [];
    let status = 0;
    const nav = this.page.goto(c.url, { waitUntil: 'domcontentloaded', timeout: 30_000 }).then(
      (r) => (status = r?.status() ?? 0),
      (e: Error) => e,
    );
    const navResult = await withTimeout(nav, 31_000);
    if (this.crashed) return done('hang', 'renderer crashed during load');
    if (navResult instanceof Error || navResult === 'timeout') {
      const answer = await withTimeout(this.page.evaluate(() => 1), HANG_MS);
      if (answer === 'timeout' || this.crashed) return done('hang', `navigation did not finish and the page does not answer (${String(navResult).slice(0, 100)})`);
    }
    if (status >= 500) return done('httpError', `HTTP ${status}`);
    // The host refused the address itself (400 for a malformed escape such as /%E0%A4%A): no book page to check.
    if (status === 400) {
      const body = await withTimeout(this.page.evaluate(() => (document.getElementById('root') ? null : document.body?.innerText.slice(0, 80) ?? '')), HANG_MS);
      if (typeof body === 'string') return done('message', `HTTP 400: ${body}`);
    }
    // Poll until the lab has hydrated and finished replaying (or the page is settled), timing each probe.
    let slowest = 0;
    let p: Probe | null = null;
    const until = Date.now() + SETTLE_MS;
    for (;;) {
      const s = Date.now();
      const r = await withTimeout(probe(this.page, c.labId), HANG_MS).catch((e: Error) => e);
      const took = Date.now() - s;
      slowest = Math.max(slowest, took);
      if (this.crashed) return done('hang', 'renderer crashed', slowest);
      if (r === 'timeout') return done('hang', `main thread did not answer for ${HANG_MS} ms`, slowest);
      if (r instanceof Error) {
        // Context destroyed by a navigation (canonical rewrite, narration moving on): probe again.
        if (Date.now() > until) return done('stuck', `probe failed: ${r.message.slice(0, 120)}`, slowest);
        await this.page.waitForTimeout(200);
        continue;
      }
      p = r;
      const labSettled = !c.labId || p.lab === 'absent' || (p.lab === 'hydrated' && !p.restoring);
      if (p.hydrated && labSettled) break;
      if (Date.now() > until) return done('stuck', `html hydrated=${p.hydrated}, lab ${p.lab}${p.restoring ? ' still restoring' : ''}`, slowest);
      await this.page.waitForTimeout(250);
    }
    // Let effects settle (a decode is async; a broken link's message appears a frame later).
    await this.page.waitForTimeout(150);
    const last = await withTimeout(probe(this.page, c.labId), HANG_MS).catch(() => p!);
    if (last === 'timeout') return done('hang', 'main thread stopped answering after load', slowest);
    p = last;
    if (p.pwned || p.injected) return done('injected', p.pwned ? 'payload executed' : `markup rendered: ${p.injected}`, slowest);
    if (this.errors.length) return done('pageError', this.errors.slice(0, 3).join(' || '), slowest);
    if (!p.root) return done('blank', '#root is empty', slowest);
    if (p.errorBox) return done('blank', 'an error boundary replaced part of the page', slowest);
    if (c.checkShare && c.labId && p.lab === 'hydrated') {
      const share = await this.share(c.labId);
      if (share) return done('httpError', share, slowest);
    }
    if (p.problems) return done('message', p.problems.slice(0, 160), slowest);
    if (status === 404 || status === 400) return done('message', `HTTP ${status}: ${p.heading}`, slowest);
    return done('ok', '', slowest);
  }

  /** Press Copy link: the book must either write a link hosts accept or offer the run as a file. Returns a failure or ''. */
  async share(labId: string): Promise<string> {
    const lab = this.page.locator(`[id="${labId}"]`);
    const before = this.page.url();
    await lab.getByRole('button', { name: 'Copy link' }).click({ timeout: 10_000 });
    const file = lab.getByRole('button', { name: 'Download this run' });
    for (let i = 0; i < 40; i++) {
      if (await file.count()) return '';
      if (this.page.url() !== before) break;
      await this.page.waitForTimeout(100);
    }
    const len = this.page.url().length;
    return len > MAX_LINK_LENGTH ? `Copy link wrote a ${len}-character link (over ${MAX_LINK_LENGTH}; hosts refuse over ${HOST_LIMIT})` : '';
  }
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  let browser: Browser | null = null;
  try {
    for (let i = 0; i < 50; i++) {
      if (await fetch(BASE).then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cases: Case[] = [];
    for (let n = 0; n < COUNT; n++) {
      const c = await makeCase(n);
      if (!CASES.size || CASES.has(n)) cases.push(c);
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    const workers = Array.from({ length: PAGES }, () => new Worker(ctx));
    for (const w of workers) await w.open();
    const results: Result[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      workers.map(async (w) => {
        while (next < cases.length) {
          const c = cases[next++];
          let r: Result;
          try {
            r = await w.run(c);
          } catch (e) {
            r = { ...c, verdict: 'stuck', detail: `harness: ${(e as Error).message.slice(0, 160)}`, ms: 0, slowestProbeMs: 0 };
          }
          results.push(r);
          if (r.verdict === 'hang' || w.crashed) await w.replace();
          if (FAILING.includes(r.verdict)) console.error(`#${c.n} ${r.verdict} ${c.kind} ${c.widget}: ${r.detail}`);
          if (results.length % 50 === 0) console.error(`${results.length}/${cases.length} in ${Math.round((Date.now() - started) / 1000)} s`);
        }
      }),
    );
    results.sort((a, b) => a.n - b.n);
    const count = <K extends string>(key: (r: Result) => K) => results.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
    const byKind: Record<string, Record<string, number>> = {};
    for (const r of results) (byKind[r.kind] ??= {})[r.verdict] = (byKind[r.kind]?.[r.verdict] ?? 0) + 1;
    const failing = results.filter((r) => FAILING.includes(r.verdict));
    const summary = {
      seed: SEED,
      count: results.length,
      seconds: Math.round((Date.now() - started) / 1000),
      labs: new Set(results.map((r) => r.widget)).size,
      routes: new Set(results.map((r) => r.route)).size,
      verdicts: count((r) => r.verdict),
      failing: failing.length,
      byKind,
      slowestProbeMs: Math.max(...results.map((r) => r.slowestProbeMs)),
      slowestCases: [...results].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => ({ n: r.n, kind: r.kind, widget: r.widget, ms: r.ms, verdict: r.verdict })),
    };
    console.log(JSON.stringify(summary, null, 2));
    for (const f of failing) console.log(`FAIL #${f.n} ${f.verdict} [${f.kind}] ${f.widget} ${f.note} — ${f.detail}\n  ${f.url.length > 600 ? `${f.url.slice(0, 600)}… (${f.url.length} chars; full URL in ${OUT})` : f.url}`);
    writeFileSync(OUT, JSON.stringify({ summary, failing, results: results.map(({ url, ...r }) => ({ ...r, url: url.length > 2000 ? `${url.slice(0, 2000)}…` : url })) }, null, 1));
    console.log(`details: ${OUT}`);
    await ctx.close();
  } finally {
    await browser?.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

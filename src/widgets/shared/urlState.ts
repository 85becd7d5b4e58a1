/**
 * Shareable lab links. A lab's moment (mechanism, scenario, seed, params, log, position) is
 * encoded as `v1.<base64url(JSON)>` under the query key `lab-<instance id>`, so several labs
 * on one page keep separate state. Decoding treats the input as hostile: size limits, strict
 * shape checks, params through `sanitizeParams`, every action through `parseAction`.
 */
import type { LogEntry, Tagged, Time } from '../../sim/core';
import type { AnyMechanism } from '../../sim/core';

/** Plain encoding (base64url JSON): still read, so every link shared before compression keeps working. */
export const URL_STATE_VERSION = 'v1';
/** Compressed encoding: base64url of deflate-raw (CompressionStream) of the same JSON payload. */
export const URL_STATE_VERSION_COMPRESSED = 'v2';
/** Longest link we hand out; static hosts and CDNs refuse long request lines, so a longer run is offered as a file. */
export const MAX_LINK_LENGTH = 2000;
/** Most bytes a compressed payload may inflate to (a few hundred actions are ~20 KB); guards against a deflate bomb. */
export const MAX_INFLATED_BYTES = 256 * 1024;
/** Longest encoded value we accept (about 6 KB of JSON). */
export const MAX_ENCODED_LENGTH = 8192;
/** Most log entries a link may carry. */
export const MAX_LOG_ENTRIES = 400;
/** Latest virtual time a link may point at (one simulated day); a lab's own limit (`LinkLimits`) is usually far lower. */
export const MAX_TIME = 86_400_000;
/**
 * Most replay steps a link may ask for. A reader reaches a moment by playing or stepping, so no real
 * run comes near this; a link asking for 10,000,000 steps made the renderer run out of memory.
 */
export const MAX_LINK_STEPS = 200_000;

/** What one lab allows a link to ask for: the same limits its controls allow. */
export interface LinkLimits {
  /** Latest virtual time (moment and actions) for this mechanism and (sanitised) params. */
  maxTime(mechanism: string, params: unknown): number;
  /** Most replay steps. */
  readonly maxSteps: number;
}

/** Limits when a lab gives none: one simulated day and `MAX_LINK_STEPS`. */
export const DEFAULT_LINK_LIMITS: LinkLimits = { maxTime: () => MAX_TIME, maxSteps: MAX_LINK_STEPS };

/** The part of a lab's store that a link captures. */
export interface SharedMoment {
  readonly mechanism: string;
  readonly scenario: string;
  readonly seed: number;
  readonly params: unknown;
  readonly log: readonly LogEntry<Tagged>[];
  readonly steps: number;
  readonly t: Time;
}

/** Result of decoding a link: either a usable moment or a clear message for the reader. */
export type DecodeResult =
  | { ok: true; moment: SharedMoment; problems: string[] }
  | { ok: false; error: string };

/** The query-string key holding lab `id`'s state. */
export function urlKey(id: string): string {
  return `lab-${id}`;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function fromBase64Url(s: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(s));
}

/** Run bytes through a (de)compression stream, stopping with an error past `limit` output bytes. */
async function pipeBytes(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) {
      void reader.cancel().catch(() => {});
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The JSON payload of a moment (the same array in links and run files). */
export function momentPayload(m: SharedMoment): unknown[] {
  return [m.mechanism, m.scenario, m.seed, m.params, m.log.map((e) => [e.at, e.action]), m.steps, m.t];
}

/** Encode a moment compressed (`v2.`): deflate-raw through CompressionStream, about 4-10x shorter than `v1.` on real runs. */
export async function encodeMomentCompressed(m: SharedMoment): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(momentPayload(m)));
  const packed = await pipeBytes(json, new CompressionStream('deflate-raw'), Infinity);
  return `${URL_STATE_VERSION_COMPRESSED}.${bytesToBase64Url(packed)}`;
}

/** Decode `v1.` (plain) or `v2.` (compressed) link state. Never rejects; see `decodeMoment`. */
export async function decodeAnyMoment(raw: string, mechanisms: readonly AnyMechanism[], limits: LinkLimits = DEFAULT_LINK_LIMITS): Promise<DecodeResult> {
  if (!raw.startsWith(`${URL_STATE_VERSION_COMPRESSED}.`)) return decodeMoment(raw, mechanisms, limits);
  if (raw.length > MAX_ENCODED_LENGTH) return { ok: false, error: 'The link is too long to be a lab link.' };
  let payload: unknown;
  try {
    const bytes = await pipeBytes(base64UrlToBytes(raw.slice(3)), new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES);
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, error: 'The link is damaged or truncated (its data cannot be read).' };
  }
  return decodePayload(payload, mechanisms, limits);
}

/** Encode a moment as a compact, URL-safe, versioned string. */
export function encodeMoment(m: SharedMoment): string {
  return `${URL_STATE_VERSION}.${toBase64Url(JSON.stringify(momentPayload(m)))}`;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Decode an untrusted string against the mechanisms a lab knows. Never throws; a broken link
 * yields `{ ok: false, error }` with a sentence the widget can show.
 */
export function decodeMoment(raw: string, mechanisms: readonly AnyMechanism[], limits: LinkLimits = DEFAULT_LINK_LIMITS): DecodeResult {
  if (raw.length > MAX_ENCODED_LENGTH) return { ok: false, error: 'The link is too long to be a lab link.' };
  const dot = raw.indexOf('.');
  const version = dot < 0 ? '' : raw.slice(0, dot);
  if (version !== URL_STATE_VERSION) {
    return { ok: false, error: `The link uses an unknown format (${version ? JSON.stringify(version.slice(0, 8)) : 'no version'}).` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(fromBase64Url(raw.slice(dot + 1)));
  } catch {
    return { ok: false, error: 'The link is damaged or truncated (its data cannot be read).' };
  }
  return decodePayload(payload, mechanisms, limits);
}

/** Check an untrusted payload (from a link or a run file) against the lab's mechanisms and limits. Never throws. */
export function decodePayload(payload: unknown, mechanisms: readonly AnyMechanism[], limits: LinkLimits = DEFAULT_LINK_LIMITS): DecodeResult {
  if (!Array.isArray(payload) || payload.length !== 7) {
    return { ok: false, error: 'The link is damaged (unexpected data shape).' };
  }
  const [mechId, scenario, seed, params, log, steps, t] = payload as unknown[];
  const mech = mechanisms.find((m) => m.id === mechId);
  if (!mech) return { ok: false, error: `The link is for a simulation this lab does not run (${String(mechId).slice(0, 20)}).` };
  if (typeof scenario !== 'string' || scenario.length > 80) return { ok: false, error: 'The link names no valid scenario.' };
  if (!isNum(seed) || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    return { ok: false, error: 'The link has an invalid seed.' };
  }
  if (!Array.isArray(log)) return { ok: false, error: 'The link has no valid action log.' };
  const problems: string[] = [];
  if (!mech.scenarios.some((x) => x.id === scenario)) {
    problems.push(`The link names a scenario this lab does not have ("${scenario.slice(0, 40)}"); its run is shown under "${mech.scenarios[0]?.id}".`);
  }
  const sanitized = mech.sanitizeParams(params);
  problems.push(...sanitized.problems);
  // Every bound below is what the lab's controls could reach, so decoding and the first replay stay bounded.
  const maxTime = Math.min(MAX_TIME, Math.max(0, limits.maxTime(mech.id, sanitized.value)));
  const maxSteps = Math.min(MAX_LINK_STEPS, Math.max(0, Math.floor(limits.maxSteps)));
  const kept = log.length > MAX_LOG_ENTRIES ? log.slice(0, MAX_LOG_ENTRIES) : log;
  if (kept.length < log.length) problems.push(`The link has ${log.length} actions; only the first ${MAX_LOG_ENTRIES} are replayed.`);
  const entries: LogEntry<Tagged>[] = [];
  let prev = 0;
  let late = 0;
  for (let i = 0; i < kept.length; i++) {
    const e = kept[i] as unknown;
    if (!Array.isArray(e) || e.length !== 2 || !isNum(e[0]) || e[0] < prev || e[0] > MAX_TIME) {
      return { ok: false, error: `Action ${i + 1} in the link has an invalid time.` };
    }
    const action = mech.parseAction(e[1]);
    if (!action) return { ok: false, error: `Action ${i + 1} in the link is not a valid action for this lab.` };
    prev = e[0];
    if (e[0] > maxTime) {
      late++;
      continue;
    }
    entries.push({ at: e[0], action });
  }
  if (late) problems.push(`${late} action${late === 1 ? '' : 's'} after t=${maxTime} ms (the end of this lab's timeline) left out.`);
  if (!isNum(steps) || !Number.isInteger(steps) || steps < 0 || steps > 10_000_000) {
    return { ok: false, error: 'The link has an invalid position.' };
  }
  if (!isNum(t) || t < 0 || t > MAX_TIME) return { ok: false, error: 'The link has an invalid time.' };
  const clampedSteps = Math.min(steps, maxSteps);
  const clampedT = Math.min(t, maxTime);
  if (clampedSteps < steps || clampedT < t) problems.push(`The link points past the end of this lab's timeline; shown at its end instead.`);
  return {
    ok: true,
    moment: { mechanism: mech.id, scenario, seed, params: sanitized.value, log: entries, steps: clampedSteps, t: clampedT },
    problems,
  };
}

/** `href` with lab `id`'s state set (and the fragment pointing at the lab). */
export function linkWithMoment(href: string, id: string, encoded: string): string {
  const url = new URL(href);
  url.searchParams.set(urlKey(id), encoded);
  url.hash = id;
  return url.toString();
}

/** Read lab `id`'s encoded state from a search string, if present. */
export function readMomentParam(search: string, id: string): string | null {
  return new URLSearchParams(search).get(urlKey(id));
}

/** What a downloaded run file says it is. */
export const RUN_FILE_FORMAT = 'uds-lab-run';
/** Largest run file read (a 400-action log is well under 100 KB). */
export const MAX_RUN_FILE_BYTES = 1_000_000;

/** A run as a small JSON file ("Download this run"): the same payload a link carries, named by its lab. */
export function runFileText(widget: string, m: SharedMoment): string {
  return JSON.stringify({ format: RUN_FILE_FORMAT, version: 1, widget, moment: momentPayload(m) });
}

/** Read a run file ("Open a run"), validated exactly as a link is. Never throws. */
export function decodeRunFile(text: string, widget: string, mechanisms: readonly AnyMechanism[], limits: LinkLimits = DEFAULT_LINK_LIMITS): DecodeResult {
  if (text.length > MAX_RUN_FILE_BYTES) return { ok: false, error: 'The file is too large to be a saved run.' };
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not a saved run (it is not JSON).' };
  }
  const f = obj as { format?: unknown; version?: unknown; widget?: unknown; moment?: unknown } | null;
  if (!f || typeof f !== 'object' || f.format !== RUN_FILE_FORMAT || f.version !== 1) return { ok: false, error: 'The file is not a saved run of this book.' };
  if (f.widget !== widget) return { ok: false, error: `The file is a run of ${String(f.widget).slice(0, 30)}, not of this lab.` };
  const r = decodePayload(f.moment, mechanisms, limits);
  return r.ok ? r : { ok: false, error: r.error.replace(/^The link/, 'The file') };
}

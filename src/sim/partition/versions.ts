/**
 * Version comparison and merging. CP uses ABD tags (ts, node) (Attiya, Bar-Noy & Dolev 1995);
 * AP uses version vectors to tell "newer" from "concurrent" (Dynamo, DeCandia et al. 2007
 * §4.4) and then either keeps the highest (ts, node) — last-writer-wins — or keeps every
 * concurrent sibling.
 */
import type { NodeId } from '../core/types';
import type { MergePolicy, Version } from './types';

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Total order on tags: (ts, node, writeId). */
export function compareTag(a: Version, b: Version): number {
  return a.ts - b.ts || cmpStr(a.node, b.node) || cmpStr(a.writeId, b.writeId);
}

/** a ≥ b element-wise (a has seen everything b has). */
export function vvCovers(a: Readonly<Record<NodeId, number>>, b: Readonly<Record<NodeId, number>>): boolean {
  for (const k of Object.keys(b)) if ((a[k] ?? 0) < b[k]) return false;
  return true;
}

/** Element-wise maximum of version vectors. */
export function vvMerge(...vs: Readonly<Record<NodeId, number>>[]): Record<NodeId, number> {
  const out: Record<NodeId, number> = {};
  for (const v of vs) for (const [k, n] of Object.entries(v)) out[k] = Math.max(out[k] ?? 0, n);
  return out;
}

/** Neither version has seen the other. */
export function concurrent(a: Version, b: Version): boolean {
  return !vvCovers(a.vv, b.vv) && !vvCovers(b.vv, a.vv);
}

/** Highest tag of a list, or undefined. */
export function maxByTag(vs: readonly Version[]): Version | undefined {
  let best: Version | undefined;
  for (const v of vs) if (!best || compareTag(v, best) > 0) best = v;
  return best;
}

/** Sort by writeId so equal sets compare equal. */
function canonical(vs: Version[]): Version[] {
  return vs.sort((a, b) => cmpStr(a.writeId, b.writeId));
}

/**
 * Merge incoming versions into a replica's versions.
 * - 'tag' (CP) and 'lww': keep the single highest tag. Writers pick a tag above every tag they
 *   hold, so a causally later write always has the higher tag and "max" is a join (merges
 *   commute, associate and are idempotent, which is why replicas converge).
 * - 'siblings': keep every version no other version covers.
 * Returns the new versions and the write ids discarded while concurrent with the winner
 * (LWW's lost writes; always empty for 'siblings' and for CP, where tags are totally ordered by design).
 */
export function mergeVersions(
  local: readonly Version[],
  incoming: readonly Version[],
  policy: MergePolicy | 'tag',
): { versions: Version[]; discardedConcurrent: string[] } {
  const all = [...local];
  for (const v of incoming) if (!all.some((x) => x.writeId === v.writeId)) all.push(v);
  if (policy === 'siblings') {
    const keep = all.filter((v) => !all.some((w) => w.writeId !== v.writeId && vvCovers(w.vv, v.vv)));
    return { versions: canonical(keep), discardedConcurrent: [] };
  }
  const win = maxByTag(all);
  if (!win) return { versions: [], discardedConcurrent: [] };
  const discardedConcurrent = policy === 'lww' ? all.filter((v) => v !== win && concurrent(v, win)).map((v) => v.writeId) : [];
  return { versions: [win], discardedConcurrent };
}

/** Does the set `vs` reflect write `w` (some version has seen it)? */
export function reflects(vs: readonly Version[], w: Version, mode: 'CP' | 'AP'): boolean {
  if (mode === 'CP') return vs.some((v) => compareTag(v, w) >= 0);
  return vs.some((v) => vvCovers(v.vv, w.vv));
}

/** Human text for a replica's versions, e.g. `x` or `x | y (conflict)`. */
export function showVersions(vs: readonly Version[]): string {
  if (vs.length === 0) return '∅';
  return vs.map((v) => v.value).join(' | ') + (vs.length > 1 ? ' (conflict)' : '');
}

/**
 * A checker for the session guarantees of Terry et al., "Session Guarantees for Weakly Consistent
 * Replicated Data" (PDIS 1994), in the per-key form Kleppmann teaches (DDIA ch. 5, "Problems with
 * Replication Lag"), plus consistent prefix reads (Terry, "Replicated Data Consistency Explained
 * Through Baseball", CACM 2013). It reads a plain history, so it checks hand-made histories,
 * generated ones and the replication lab's runs alike.
 *
 * Writes are totally ordered by `pos` (in a single-leader system: the position in the leader's
 * log). A read names, for each key it read, the write whose value it returned (null: the initial
 * value). Definitions, for reads and writes of one session:
 * - read-your-writes: a read of k that starts after the session's write w of k was acknowledged
 *   returns a write ordered before w;
 * - monotonic reads: a read of k that starts after an earlier read of k returned w returns a write
 *   ordered before w;
 * - consistent prefix: one read returns, for keys k1 and k2, writes w1 and w2 such that some write
 *   of k2 lies strictly between w2 and w1 in the order — no prefix of the writes explains the read.
 */

/** A write in the history. */
export interface HWrite {
  readonly id: string;
  readonly session: string;
  readonly key: string;
  /** Position in the total write order (distinct per write). */
  readonly pos: number;
  readonly start: number;
  /** When the write was acknowledged to its session, or null if it never was. */
  readonly end: number | null;
}

/** One key's result within a read. */
export interface HReadResult {
  readonly key: string;
  /** Id of the write whose value was returned, or null for the initial value. */
  readonly write: string | null;
  /** The replica that answered (for explanations only). */
  readonly replica?: string;
}

/** A completed read of one or more keys. */
export interface HRead {
  readonly id: string;
  readonly session: string;
  readonly start: number;
  readonly end: number;
  readonly results: readonly HReadResult[];
}

/** A history: writes and completed reads. */
export interface History {
  readonly writes: readonly HWrite[];
  readonly reads: readonly HRead[];
}

/** The three guarantees the checker names. */
export type Guarantee = 'read-your-writes' | 'monotonic-reads' | 'consistent-prefix';

/** One violation, with the operations that witness it. */
export interface Violation {
  readonly kind: Guarantee;
  /** The read that broke the guarantee. */
  readonly read: string;
  /** The write or earlier read it is measured against. */
  readonly against: string;
  readonly key: string;
  readonly text: string;
}

const INITIAL = -Infinity;

function index(h: History) {
  const byId = new Map(h.writes.map((w) => [w.id, w]));
  const pos = (id: string | null): number => (id === null ? INITIAL : (byId.get(id)?.pos ?? INITIAL));
  const byKey = new Map<string, HWrite[]>();
  for (const w of h.writes) {
    const l = byKey.get(w.key) ?? [];
    l.push(w);
    byKey.set(w.key, l);
  }
  for (const l of byKey.values()) l.sort((a, b) => a.pos - b.pos);
  return { byId, pos, byKey };
}

const label = (id: string | null) => (id === null ? 'the initial value' : id);

/** Every violation of the three guarantees, in read order. */
export function checkHistory(h: History): Violation[] {
  const { pos, byKey } = index(h);
  const out: Violation[] = [];
  const reads = [...h.reads].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  for (const r of reads) {
    for (const res of r.results) {
      const p = pos(res.write);
      // Read your writes: the session's own acknowledged writes of this key before the read began.
      const own = (byKey.get(res.key) ?? []).filter((w) => w.session === r.session && w.end !== null && w.end < r.start && w.pos > p);
      if (own.length) {
        const w = own[own.length - 1];
        out.push({ kind: 'read-your-writes', read: r.id, against: w.id, key: res.key, text: `${r.session} read ${res.key} = ${label(res.write)}, but its own write ${w.id} had been acknowledged before the read began` });
      }
      // Monotonic reads: an earlier read of this key by the session saw something newer.
      for (const e of reads) {
        if (e.session !== r.session || e.end >= r.start) continue;
        const prev = e.results.find((x) => x.key === res.key);
        if (prev && pos(prev.write) > p) {
          out.push({ kind: 'monotonic-reads', read: r.id, against: e.id, key: res.key, text: `${r.session} read ${res.key} = ${label(res.write)} after an earlier read (${e.id}) had returned the newer ${label(prev.write)}` });
          break;
        }
      }
    }
    // Consistent prefix: some key's next write comes before another key's returned write.
    for (const a of r.results) {
      const pa = pos(a.write);
      let found: Violation | null = null;
      for (const b of r.results) {
        if (b.key === a.key) continue;
        const pb = pos(b.write);
        const missed = (byKey.get(b.key) ?? []).find((w) => w.pos > pb && w.pos < pa);
        if (missed) {
          found = { kind: 'consistent-prefix', read: r.id, against: missed.id, key: b.key, text: `${r.session} saw ${a.key} = ${label(a.write)} but ${b.key} = ${label(b.write)}, missing ${missed.id}, which was written before ${label(a.write)}` };
          break;
        }
      }
      if (found) {
        out.push(found);
        break;
      }
    }
  }
  return out;
}

/** Violations grouped by guarantee (empty lists when none). */
export function violationsByKind(vs: readonly Violation[]): Record<Guarantee, Violation[]> {
  const out: Record<Guarantee, Violation[]> = { 'read-your-writes': [], 'monotonic-reads': [], 'consistent-prefix': [] };
  for (const v of vs) out[v.kind].push(v);
  return out;
}

/**
 * Independent statement of consistent prefix, for tests: a read is prefix-consistent iff some cut
 * c of the write order explains every key it returned (the returned write is the last write of
 * that key at or before c).
 */
export function hasPrefixCut(h: History, r: HRead): boolean {
  const { pos, byKey } = index(h);
  const cuts = [INITIAL, ...h.writes.map((w) => w.pos)];
  return cuts.some((c) =>
    r.results.every((res) => {
      const ws = (byKey.get(res.key) ?? []).filter((w) => w.pos <= c);
      const last = ws.length ? ws[ws.length - 1].pos : INITIAL;
      return last === pos(res.write);
    }),
  );
}

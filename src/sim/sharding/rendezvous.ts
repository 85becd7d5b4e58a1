/**
 * Rendezvous, or highest-random-weight (HRW), hashing (Thaler & Ravishankar, "Using Name-Based
 * Mappings to Increase Hit Rates", IEEE/ACM ToN 1998): every node scores every key with a hash of
 * the pair, and the key goes to the highest score. Adding a node can only take keys whose new top
 * score is the newcomer's; removing one sends each of its keys to that key's runner-up, so keys
 * spread over all survivors. Cost: O(n) per lookup, with no table to keep.
 */
import { mix2, murmur3 } from './hash';

/** Per-node seeds for the score hash. */
export function rendezvousSeeds(nodes: readonly string[], seed: number): Uint32Array {
  return Uint32Array.from(nodes, (n) => murmur3(n, seed ^ 0x27d4eb2f));
}

/** Score of (node seed, key hash): a keyed 32-bit mix of the two. */
export function hrwScore(nodeSeed: number, keyHash: number): number {
  return mix2(nodeSeed, keyHash);
}

/** Index of the winning node; ties (rare) go to the lower index. */
export function rendezvousIndex(seeds: Uint32Array, keyHash: number): number {
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < seeds.length; i++) {
    const s = hrwScore(seeds[i], keyHash);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

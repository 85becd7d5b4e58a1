/**
 * Closed form for the probability that the first election after a leader failure splits.
 *
 * Model (after the split-vote discussion in Ongaro's dissertation, 2014, §9.3; the derivation below is ours): the
 * k surviving servers restart their timers together; timeouts are independent and uniform over a
 * range of width w; a RequestVote takes exactly d to arrive. The first server to time out, at X(1),
 * wins unless too many others time out before its request reaches them: it needs m − 1 votes from
 * the k − 1 others, so it fails when at least r = k − m + 1 of them time out in (X(1), X(1) + d).
 * For k uniform order statistics X(r+1) − X(1) ~ Beta(r, k − r + 1), and the Beta CDF with integer
 * parameters is a binomial tail:
 *
 *   P(split) = P(Binomial(k, δ) ≥ r),  δ = min(1, d / w).
 *
 * For five servers after a crash (k = 4, m = 3, r = 2) this is 6δ² − 8δ³ + 3δ⁴.
 */

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Probability that the first election splits.
 * @param clusterSize n, the configured cluster size (sets the majority)
 * @param alive k, servers still running (n − 1 after a leader crash)
 * @param latency d, one-way message delay in ms
 * @param width w = max − min of the election timeout range, in ms
 */
export function splitVoteProbability(clusterSize: number, alive: number, latency: number, width: number): number {
  const m = Math.floor(clusterSize / 2) + 1;
  if (alive < m) return 1; // no majority alive: every election fails
  const r = alive - m + 1;
  const delta = width <= 0 ? 1 : Math.min(1, Math.max(0, latency / width));
  let p = 0;
  for (let j = r; j <= alive; j++) p += choose(alive, j) * delta ** j * (1 - delta) ** (alive - j);
  return Math.min(1, p);
}

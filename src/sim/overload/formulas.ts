/**
 * Closed forms of queueing theory used to check the simulator (Kleinrock, "Queueing Systems,
 * Vol. 1", 1975: M/M/1 §3.2, M/M/c and Erlang's C formula §3.5, Pollaczek–Khinchine §5.5; Little,
 * "A Proof for the Queuing Formula L = λW", Operations Research 1961). Rates are per second, times
 * in seconds unless a name says otherwise. Every function is pure and total: an unstable queue
 * (ρ ≥ 1) gets Infinity, not NaN.
 */

/** Offered load per server, ρ = λ / (cμ). */
export function utilisation(lambda: number, mu: number, c = 1): number {
  return lambda / (c * mu);
}

/** M/M/1 mean wait in queue, Wq = ρ / (μ − λ). */
export function mm1Wait(lambda: number, mu: number): number {
  return lambda >= mu ? Infinity : lambda / (mu * (mu - lambda));
}

/** M/M/1 mean time in system, W = 1 / (μ − λ). */
export function mm1Response(lambda: number, mu: number): number {
  return lambda >= mu ? Infinity : 1 / (mu - lambda);
}

/** M/M/1 mean number in system, L = ρ / (1 − ρ). */
export function mm1Number(lambda: number, mu: number): number {
  const r = lambda / mu;
  return r >= 1 ? Infinity : r / (1 - r);
}

/**
 * Erlang's B formula (blocking probability of M/M/c/c) for offered traffic a = λ/μ, by the stable
 * recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which never forms a^c or c!.
 */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang's C formula: probability an arrival must wait in M/M/c, C = c·B / (c − a(1 − B)). */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c mean wait in queue, Wq = C(c, a) / (cμ − λ). */
export function mmcWait(lambda: number, mu: number, c: number): number {
  if (lambda >= c * mu) return Infinity;
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c mean number in system, L = λ(Wq + 1/μ) (Little's law). */
export function mmcNumber(lambda: number, mu: number, c: number): number {
  return lambda * (mmcWait(lambda, mu, c) + 1 / mu);
}

/** M/G/1 mean wait (Pollaczek–Khinchine), Wq = λ·E[S²] / (2(1 − ρ)). */
export function mg1Wait(lambda: number, meanS: number, secondMomentS: number): number {
  const rho = lambda * meanS;
  return rho >= 1 ? Infinity : (lambda * secondMomentS) / (2 * (1 - rho));
}

/** M/D/1 mean wait: P–K with E[S²] = 1/μ², i.e. half the M/M/1 wait. */
export function md1Wait(lambda: number, mu: number): number {
  return mg1Wait(lambda, 1 / mu, 1 / (mu * mu));
}

/**
 * Mean wait for c servers with Poisson arrivals: exact Erlang C for exponential service; for fixed
 * service the M/D/c value is approximated by half the M/M/c wait (exact for c = 1 by P–K; the
 * usual Allen–Cunneen approximation with Cs² = 0 otherwise), and the result says which it is.
 */
export function closedFormWait(lambda: number, mu: number, c: number, service: 'exp' | 'fixed'): { wait: number; exact: boolean } {
  const w = mmcWait(lambda, mu, c);
  if (service === 'exp') return { wait: w, exact: true };
  return c === 1 ? { wait: md1Wait(lambda, mu), exact: true } : { wait: w / 2, exact: false };
}

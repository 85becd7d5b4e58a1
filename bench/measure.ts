/**
 * CPU and wall time of one call, for `*.bench.ts` modules. CPU time (user + system of this process)
 * is the figure the benches report, because wall time on a shared 2-core machine moves with load.
 */

/** Run `f` once: its value, wall milliseconds and CPU milliseconds. */
export function cpuMs<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = f();
  const c = process.cpuUsage(c0);
  return [v, performance.now() - t0, (c.user + c.system) / 1000];
}

/** Run `f` once: its value and CPU milliseconds only. */
export function cpuOnlyMs<T>(f: () => T): [T, number] {
  const [v, , cpu] = cpuMs(f);
  return [v, cpu];
}

/**
 * Fuzz the Raft core: N random fault schedules (crashes, restarts, partitions incl. minority
 * leaders, forced timeouts, reader drops, network loss and duplication, client writes) and check
 * Figure 3's four safety properties after every event. Prints a summary; exits 1 on any violation
 * and prints the failing seeds so they can become named regression tests.
 *
 *   npx tsx scripts/raft-fuzz.ts [seeds=100000] [first=1] [--broken] [--figure8] [--workers=2]
 *
 * --broken commits earlier-term entries by counting replicas (the bug of the paper's Figure 8);
 * --figure8 draws perturbed Figure 8 schedules (figure8Case) instead of uniform random faults;
 * --workers splits the seeds over that many worker threads (default 2, the machine's cores; 1 runs
 * in this thread). Worker j takes the seeds s with (s − first) mod workers = j, so neighbouring
 * seeds, which cost about the same, are spread evenly. Every seed's run depends only on the seed,
 * and the merge sums counts and sorts failures by seed, so the summary is the same for any number
 * of workers (only the timings differ).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { figure8Case, fuzzCase, runFuzzCase } from '../src/sim/raft/fuzz';

/** What one share of the seeds found. */
interface Part {
  failing: { seed: number; invariant: string; message: string }[];
  leaders: number;
  commits: number;
  actions: number;
}

/** What a worker is asked to run. */
interface Share {
  first: number;
  n: number;
  index: number;
  count: number;
  broken: boolean;
  aimed: boolean;
}

/** Run the seeds of one share; `tick` is called after every seed with how many this share has done. */
function runShare(sh: Share, tick: (done: number) => void): Part {
  const part: Part = { failing: [], leaders: 0, commits: 0, actions: 0 };
  let done = 0;
  for (let seed = sh.first + sh.index; seed < sh.first + sh.n; seed += sh.count) {
    const c = sh.aimed ? figure8Case(seed) : fuzzCase(seed);
    part.actions += c.log.length;
    const s = runFuzzCase(c, { recordTrace: false, brokenCommit: sh.broken });
    part.leaders += Object.keys(s.monitor.leaders).length;
    part.commits += s.monitor.committed.length;
    if (s.monitor.violations.length > 0) {
      const v = s.monitor.violations[0];
      part.failing.push({ seed, invariant: v.invariant, message: v.message });
    }
    tick(++done);
  }
  return part;
}

/** Run a share in a worker thread (tsx's loader is registered there before the script loads). */
function inWorker(sh: Share, onProgress: (done: number) => void): Promise<Part> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve, reject) => {
    const w = new Worker(boot, { eval: true, workerData: sh });
    w.on('message', (m: { done: number } | { part: Part }) => {
      if ('part' in m) {
        resolve(m.part);
        void w.terminate();
      } else onProgress(m.done);
    });
    w.once('error', reject);
  });
}

if (!isMainThread && workerData && (workerData as Share).count) {
  const sh = workerData as Share;
  const part = runShare(sh, (done) => {
    if (done % 1000 === 0) parentPort!.postMessage({ done });
  });
  parentPort!.postMessage({ part });
} else if (isMainThread) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const broken = process.argv.includes('--broken');
  const aimed = process.argv.includes('--figure8');
  const workersArg = process.argv.find((a) => a.startsWith('--workers='));
  const n = Number(args[0] ?? 100_000);
  const first = Number(args[1] ?? 1);
  const workers = Math.max(1, Math.min(64, Math.floor(Number(workersArg?.split('=')[1] ?? 2)) || 1));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const progress = new Array<number>(workers).fill(0);
  let reported = 0;
  const report = () => {
    const total = progress.reduce((a, b) => a + b, 0);
    if (total - reported >= 10_000 || total === n) {
      reported = total - (total % 10_000);
      process.stderr.write(`${total} seeds, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  };
  const shares: Share[] = Array.from({ length: workers }, (_, index) => ({ first, n, index, count: workers, broken, aimed }));
  const parts =
    workers === 1
      ? [runShare(shares[0], (done) => ((progress[0] = done), done % 1000 === 0 && report()))]
      : await Promise.all(shares.map((sh, j) => inWorker(sh, (done) => ((progress[j] = done), report()))));
  const failing = parts.flatMap((p) => p.failing).sort((a, b) => a.seed - b.seed);
  const sum = (k: 'leaders' | 'commits' | 'actions') => parts.reduce((a, p) => a + p[k], 0);
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(
    JSON.stringify(
      {
        seeds: n,
        first,
        brokenCommit: broken,
        schedules: aimed ? 'figure8' : 'uniform',
        failing: failing.length,
        firstFailures: failing.slice(0, 10),
        leadersElectedPerRun: +(sum('leaders') / n).toFixed(2),
        entriesCommittedPerRun: +(sum('commits') / n).toFixed(2),
        faultActionsPerRun: +(sum('actions') / n).toFixed(2),
        workers,
        seconds: +secs.toFixed(1),
        // Every thread of this process (Node 20's process.cpuUsage), the figure to compare on a shared machine.
        cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      },
      null,
      2,
    ),
  );
  process.exit(failing.length > 0 && !broken ? 1 : 0);
}

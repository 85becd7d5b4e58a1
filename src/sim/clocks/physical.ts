/**
 * Physical (wall) clocks as a piecewise-linear function of true time, and NTP-style corrections.
 * Models the clock discipline described in Mills, "Internet time synchronization: the Network
 * Time Protocol" (IEEE Trans. Comm. 1991) and RFC 5905 §11–12, simplified: a correction is
 * either a *step* (the clock jumps, possibly backwards) or a *slew* (the rate is bent by a bounded
 * amount until the error is gone, so the clock never goes backwards).
 */

/** A clock reading `anchorPt` at true time `anchorT`, advancing `rate` clock-ms per true ms. */
export interface PhysicalClock {
  readonly anchorT: number;
  readonly anchorPt: number;
  /** Current rate: 1 + drift, plus the slew adjustment while slewing. */
  readonly rate: number;
  /** Drift in parts per million (positive: runs fast). */
  readonly driftPpm: number;
  /** True time at which an ongoing slew ends, or null. */
  readonly slewUntil: number | null;
}

/** A clock that reads `offsetMs` ahead of true time at t = 0 and drifts `driftPpm`. */
export function makeClock(offsetMs: number, driftPpm: number): PhysicalClock {
  return { anchorT: 0, anchorPt: offsetMs, rate: 1 + driftPpm / 1e6, driftPpm, slewUntil: null };
}

/** The clock's reading at true time `t` (≥ anchorT). */
export function readClock(c: PhysicalClock, t: number): number {
  return c.anchorPt + (t - c.anchorT) * c.rate;
}

/** Re-anchor at time t (so later changes apply from t on). */
function anchor(c: PhysicalClock, t: number): PhysicalClock {
  return { ...c, anchorT: t, anchorPt: readClock(c, t) };
}

/** Set the reading at time t to `value`: an NTP step (or a leap-second repeat when it goes back). */
export function stepClock(c: PhysicalClock, t: number, value: number): PhysicalClock {
  return { ...c, anchorT: t, anchorPt: value, rate: 1 + c.driftPpm / 1e6, slewUntil: null };
}

/** Change the drift from time t on (keeps the reading continuous). */
export function setDrift(c: PhysicalClock, t: number, driftPpm: number): PhysicalClock {
  const a = anchor(c, t);
  const slewing = c.slewUntil !== null ? c.rate - (1 + c.driftPpm / 1e6) : 0;
  return { ...a, driftPpm, rate: 1 + driftPpm / 1e6 + slewing };
}

/**
 * Start slewing towards `target` (the reading the clock should show at time t): bend the rate by
 * ±`slewPpm` until the error is gone. Returns the new clock and when the slew ends. A slew
 * slower than the clock's own rate never makes the clock go backwards.
 */
export function slewClock(c: PhysicalClock, t: number, target: number, slewPpm: number): PhysicalClock {
  const a = anchor(stepRateToBase(c, t), t);
  const error = target - a.anchorPt;
  if (error === 0 || slewPpm <= 0) return a;
  const bend = (Math.sign(error) * slewPpm) / 1e6;
  const duration = Math.abs(error) / (slewPpm / 1e6);
  return { ...a, rate: 1 + a.driftPpm / 1e6 + bend, slewUntil: t + duration };
}

/** End a slew at time t: the clock keeps its reading and returns to its natural rate. */
export function stepRateToBase(c: PhysicalClock, t: number): PhysicalClock {
  if (c.slewUntil === null) return c;
  const a = anchor(c, t);
  return { ...a, rate: 1 + c.driftPpm / 1e6, slewUntil: null };
}

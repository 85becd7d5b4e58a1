/**
 * Deep links into narration: `?t=<seconds>` (a moment, restoring the labs) and `?narration=play`
 * (continue a tour arriving from the previous chapter). Bad values give a message and fall back.
 */

/** `m:ss` (or `h:mm:ss`) for display. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Parsed deep-link parameters. */
export interface DeepLink {
  /** Narration time to restore, clamped to the chapter, or null. */
  readonly t: number | null;
  /** Start playing on arrival. */
  readonly autoplay: boolean;
  /** A reader-facing message when a parameter was ignored or adjusted. */
  readonly problem: string | null;
}

/** Read `t` (seconds, `90`, `90.5`, `1:30` or `1m30s`) and `narration=play` from a query string. */
export function readDeepLink(search: string, duration: number): DeepLink {
  const q = new URLSearchParams(search);
  const autoplay = q.get('narration') === 'play';
  const raw = q.get('t');
  if (raw === null || raw === '') return { t: null, autoplay, problem: null };
  const t = parseTime(raw);
  if (t === null) {
    const shown = raw.length > 24 ? `${raw.slice(0, 20)}…` : raw;
    return { t: null, autoplay, problem: `The link’s time “${shown}” is not a time (seconds, m:ss or 1m30s), so narration starts at the beginning.` };
  }
  if (t > duration) return { t: duration, autoplay, problem: `The link’s time ${formatClock(t)} is past the end (${formatClock(duration)}); showing the end.` };
  return { t, autoplay, problem: null };
}

/** Longest `t` value read at all (400 digits used to parse to Infinity and print "Infinity:NaN:NaN"). */
const MAX_TIME_TEXT = 16;

/**
 * Parse `90`, `90.5`, `1:30`, `1m30s` into seconds; null when it is none of those. Minutes after an
 * hour and seconds after a minute must be below 60 (`1:99:99` is not a time).
 */
export function parseTime(raw: string): number | null {
  const s = raw.trim();
  if (s.length > MAX_TIME_TEXT) return null;
  const ok = (n: number) => (Number.isFinite(n) ? n : null);
  if (/^\d+(\.\d+)?s?$/.test(s)) return ok(Number(s.replace(/s$/, '')));
  const colon = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$/.exec(s);
  if (colon) {
    if (Number(colon[3]) >= 60 || (colon[1] !== undefined && Number(colon[2]) >= 60)) return null;
    return ok(Number(colon[1] ?? 0) * 3600 + Number(colon[2]) * 60 + Number(colon[3]));
  }
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (units && (units[1] || units[2] || units[3])) {
    if ((units[2] && units[3] && Number(units[3]) >= 60) || (units[1] && units[2] && Number(units[2]) >= 60)) return null;
    return ok(Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0));
  }
  return null;
}

/** Record the paused position in the address bar (replaceState, so Back is not polluted). */
export function writeTimeToUrl(seconds: number): void {
  const url = new URL(window.location.href);
  url.searchParams.set('t', String(Math.round(seconds * 10) / 10));
  url.searchParams.delete('narration');
  window.history.replaceState(window.history.state, '', url);
}

/**
 * Go to another chapter inside the single-page app (React Router listens to popstate), keeping the
 * user activation so speech can continue; `narrate` asks that chapter's bar to start playing.
 */
export function navigateTo(slug: string, narrate: boolean): void {
  const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
  const target = `${base}${slug}${narrate ? '?narration=play' : ''}`;
  window.history.pushState({ usr: null, key: Math.random().toString(36).slice(2, 10), idx: (window.history.state?.idx ?? 0) + 1 }, '', target);
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
}

/**
 * Named colours for what labs draw again and again: a Raft-style term and a server's role. They are
 * CSS custom properties defined in lab.css for both themes (`--term-1` … `--term-8`, `--term-fg`
 * for text on a term colour, `--role-leader` …), so a picture never hard-codes a colour that only
 * works on a light page. See docs/DESIGN-SYSTEM.md.
 */

/** How many distinct term colours there are before they repeat. */
export const TERM_COLOURS = 8;

/** The colour of term `term` (≥ 1) as a CSS value; term 0 (no term yet) is muted. */
export function termColour(term: number): string {
  if (!Number.isFinite(term) || term <= 0) return 'var(--fg-muted)';
  return `var(--term-${((Math.floor(term) - 1) % TERM_COLOURS) + 1})`;
}

/** Text drawn on a term colour (white on the light theme's dark chips, dark on the dark theme's light ones). */
export const TERM_TEXT = 'var(--term-fg)';

/** A server's role, as the pictures colour it. */
export type Role = 'leader' | 'candidate' | 'follower' | 'down';

/** The colour of a role as a CSS value. */
export function roleColour(role: Role): string {
  return `var(--role-${role})`;
}

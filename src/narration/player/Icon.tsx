/** Control glyphs for the narration bar. */

const ICON_PATHS = {
  play: 'M5 3.5v13l11-6.5z',
  pause: 'M5 3.5h3.5v13H5zM11.5 3.5H15v13h-3.5z',
  prev: 'M4 4h2.5v12H4zM16 4v12L7.5 10z',
  next: 'M13.5 4H16v12h-2.5zM4 4v12l8.5-6z',
  close: 'M5.4 4 10 8.6 14.6 4 16 5.4 11.4 10l4.6 4.6-1.4 1.4-4.6-4.6L5.4 16 4 14.6 8.6 10 4 5.4z',
} as const;

/** Control glyphs as inline SVG: symbol fonts for ⏮/⏭ are missing on many systems. */
export function Icon({ name }: { name: keyof typeof ICON_PATHS }) {
  return (
    <svg className="narration-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[name]} fill="currentColor" />
    </svg>
  );
}

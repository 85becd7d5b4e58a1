/**
 * Safe localStorage access. Storage can be missing (private mode, disabled cookies), full, or hold
 * corrupt data from an older version; none of that may break a page, so every call is guarded.
 */

/** Read and JSON-parse a key; returns undefined on any failure, or when the value is longer than `maxChars`. */
export function readJson(key: string, maxChars = 65_536): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw == null || raw.length > maxChars ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** JSON-stringify and write a key; silently does nothing if storage is unavailable. */
export function writeJson(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: progress is a convenience, not a requirement */
  }
}

/** Light, dark and system themes. The choice is stored; "system" follows prefers-color-scheme. */
import { readJson, writeJson } from '../storage';

/** What the reader chose. */
export type ThemeChoice = 'light' | 'dark' | 'system';

/** Versioned storage key for the theme choice. */
export const THEME_KEY = 'uds:theme:v1';

/** The stored choice, or 'system' when missing or corrupt. */
export function loadThemeChoice(): ThemeChoice {
  const v = readJson(THEME_KEY);
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

/** Resolve a choice to the theme actually shown. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

/** Store the choice and apply it to <html data-theme>. */
export function applyThemeChoice(choice: ThemeChoice): void {
  writeJson(THEME_KEY, choice);
  const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  document.documentElement.dataset.theme = resolveTheme(choice, dark);
  document.documentElement.dataset.themeChoice = choice;
}

/**
 * Inline script for <head>: applies the stored theme before first paint, so there is no flash of
 * the wrong theme. Kept tiny and self-contained because it runs before any bundle loads.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=JSON.parse(localStorage.getItem(${JSON.stringify(THEME_KEY)})||'"system"')}catch(e){c='system'}if(c!=='light'&&c!=='dark')c='system';var d=c==='dark'||(c==='system'&&window.matchMedia&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.dataset.theme=d?'dark':'light';document.documentElement.dataset.themeChoice=c})()`;

/** A three-way theme switch (light / dark / system) as a native select: keyboard and screen-reader friendly for free. */
import { useEffect, useState } from 'react';
import { applyThemeChoice, loadThemeChoice, type ThemeChoice } from './theme';

/** Theme picker shown in the header. */
export function ThemeToggle() {
  // Render "system" on the server and first client render to avoid a hydration mismatch; then read storage.
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(loadThemeChoice()), []);
  useEffect(() => {
    if (choice !== 'system') return;
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => applyThemeChoice('system');
    mq?.addEventListener('change', onChange);
    return () => mq?.removeEventListener('change', onChange);
  }, [choice]);
  return (
    <label className="theme-toggle">
      <span className="visually-hidden">Theme</span>
      <select
        value={choice}
        onChange={(e) => {
          const c = e.target.value as ThemeChoice;
          setChoice(c);
          applyThemeChoice(c);
        }}
      >
        <option value="system">◐ System</option>
        <option value="light">☀ Light</option>
        <option value="dark">☾ Dark</option>
      </select>
    </label>
  );
}

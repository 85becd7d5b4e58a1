/**
 * Light / dark / system theme switch as a native radio group styled as a segmented control:
 * arrow keys move between choices and screen readers announce a group of three, with no script
 * needed for the semantics. Labels collapse to icons on narrow screens but keep their names.
 */
import { useEffect, useState } from 'react';
import { applyThemeChoice, loadThemeChoice, type ThemeChoice } from './theme';

const CHOICES: { value: ThemeChoice; icon: string; label: string }[] = [
  { value: 'light', icon: '☀', label: 'Light' },
  { value: 'dark', icon: '☾', label: 'Dark' },
  { value: 'system', icon: '◐', label: 'System' },
];

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
    <fieldset className="theme-toggle">
      <legend className="visually-hidden">Theme</legend>
      {CHOICES.map((c) => (
        <label key={c.value} title={c.label}>
          <input
            type="radio"
            name="theme"
            value={c.value}
            checked={choice === c.value}
            onChange={() => {
              setChoice(c.value);
              applyThemeChoice(c.value);
            }}
          />
          <span aria-hidden="true">{c.icon}</span>
          <span className="theme-label">{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

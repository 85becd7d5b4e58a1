/** Transport controls shared by every lab: play/pause, step, speed, reset, timeline, seed, copy link. */
import { useState } from 'react';
import type { Tagged } from '../../sim/core';
import { SPEEDS, cursorTime, findScenario, timelineEnd } from './store';
import { TimeScrubber } from './TimeScrubber';
import { useLab, type LabInstance } from './useMechanismLab';
import { MAX_LINK_LENGTH, MAX_RUN_FILE_BYTES } from './urlState';
import { HOP_WALL_MS } from './pace';

/** A step's length for the speed menu's tooltip: whole ms, or one decimal under 10 ms. */
const formatMs = (ms: number) => `${ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms)} ms`;

/** Props for the controls. */
export interface ControlsProps {
  lab: LabInstance;
  describeAction?(a: Tagged): string;
  helpOpen: boolean;
  onToggleHelp(): void;
}

/** A step icon drawn in SVG (symbol fonts for ⏮/⏭ are missing on many systems). */
function StepIcon({ back = false }: { back?: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" style={back ? { transform: 'scaleX(-1)' } : undefined}>
      <path d="M3 2.5 L11 8 L3 13.5 Z" fill="currentColor" />
      <rect x="11.5" y="2.5" width="2" height="11" fill="currentColor" />
    </svg>
  );
}

/** The control bar under a lab's picture. */
export function Controls({ lab, describeAction, helpOpen, onToggleHelp }: ControlsProps) {
  const { reader, def } = lab;
  const playing = useLab(lab, (s) => s.playing);
  const speed = useLab(lab, (s) => s.speed);
  const mechanismId = useLab(lab, (s) => s.mechanism.id);
  const hop = def.hop(mechanismId);
  const seed = useLab(lab, (s) => s.seed);
  const log = useLab(lab, (s) => s.log);
  const now = useLab(lab, cursorTime);
  const steps = useLab(lab, (s) => s.cursor.steps);
  const end = useLab(lab, (s) => timelineEnd(def, s));
  const until = useLab(lab, (s) => findScenario(def, s.scenarioId)?.scenario.until);
  const [seedText, setSeedText] = useState<string | null>(null);
  const [copied, setCopied] = useState<string>('');
  const disabled = !lab.hydrated;

  const [tooLong, setTooLong] = useState(false);
  const copy = async () => {
    const { link, tooLong: long } = await lab.shareLink();
    setTooLong(long);
    if (long) {
      setCopied(`This run is too long for a link (${link.length.toLocaleString('en')} characters; hosts refuse over ${MAX_LINK_LENGTH.toLocaleString('en')}). Download it as a file and share that instead.`);
      return;
    }
    // Update the address bar first: the clipboard may be slow or refused, the link must not be.
    window.history.replaceState(window.history.state, '', link);
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied.');
    } catch {
      setCopied(`Copy this link: ${link}`);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([lab.runFile()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${lab.id}-run.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    const error = file.size > MAX_RUN_FILE_BYTES ? 'The file is too large to be a saved run.' : lab.openRun(await file.text());
    setCopied(error ?? `Opened ${file.name}.`);
  };
  const applySeed = () => {
    if (seedText === null) return;
    reader.setSeed(Number(seedText.trim() === '' ? NaN : seedText));
    setSeedText(null);
  };

  return (
    <div className="lab-controls">
      <div className="lab-transport">
        <button type="button" className="lab-btn lab-btn-icon" onClick={reader.stepBack} disabled={disabled} aria-label="Step back one event" title="Step back (←)">
          <StepIcon back />
        </button>
        <button type="button" className="lab-btn lab-btn-primary" onClick={reader.togglePlay} disabled={disabled} title="Play or pause (Space)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="lab-btn lab-btn-icon" onClick={reader.stepForward} disabled={disabled} aria-label="Step forward one event" title="Step forward (→)">
          <StepIcon />
        </button>
        <label className="lab-field" title={`At 1×, one ${hop.what} (${formatMs(hop.ms)}) takes ${HOP_WALL_MS / 1000} s. Slower / faster: < and > (or - and +).`}>
          <span>Speed</span>
          <select value={speed} disabled={disabled} onChange={(e) => reader.setSpeed(Number(e.currentTarget.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        <button type="button" className="lab-btn" onClick={reader.reset} disabled={disabled}>
          Reset
        </button>
        <span className="lab-clock" aria-hidden="true">{`t = ${Math.round(now)} ms · ${steps} events`}</span>
      </div>
      <TimeScrubber now={now} end={end} log={log} until={until} disabled={disabled} onSeek={reader.seekTime} describe={describeAction} />
      <div className="lab-share">
        <label className="lab-field">
          <span>Seed</span>
          <input
            type="text"
            inputMode="numeric"
            className="lab-seed"
            value={seedText ?? String(seed)}
            disabled={disabled}
            onChange={(e) => setSeedText(e.currentTarget.value)}
            onBlur={applySeed}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applySeed();
            }}
          />
        </label>
        <button type="button" className="lab-btn" onClick={copy} disabled={disabled}>
          Copy link
        </button>
        {tooLong && (
          <button type="button" className="lab-btn" onClick={download} disabled={disabled}>
            Download this run
          </button>
        )}
        <label className="lab-btn lab-open-run" aria-disabled={disabled}>
          Open a run…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={disabled}
            onChange={(e) => {
              void open(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" className="lab-btn" onClick={onToggleHelp} aria-expanded={helpOpen} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        {copied && <span className="lab-copied" role="status">{copied}</span>}
      </div>
    </div>
  );
}

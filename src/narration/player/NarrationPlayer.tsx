/**
 * The narration player for one compiled narration (see `NarrationBar.tsx` for the loader). Separate
 * from the loader so tests can render it with a fixture. The session is one explicit status
 * (`Session` in `player-state.ts`); stop cards, reader takeovers, speech and keys live in their hooks.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { createRealClock } from './clock.ts';
import { createPageDriver } from './drive.ts';
import { Icon } from './Icon.tsx';
import { createPlayer, type Player } from './player.ts';
import { barStatus, IDLE, labStateAt, MAX_RATE, MIN_RATE, segmentAt, sentenceAt, sessionReducer } from './player-state.ts';
import { loadPrefs, savePrefs, type NarrationPrefs } from './prefs.ts';
import { Scrubber } from './Scrubber.tsx';
import { SessionNotice } from './SessionNotice.tsx';
import { Transcript } from './Transcript.tsx';
import { formatClock, navigateTo, readDeepLink, writeTimeToUrl } from './url.ts';
import { useNarrationKeys } from './useNarrationKeys.ts';
import { useReaderTakeover } from './useReaderTakeover.ts';
import { useSpeechSync } from './useSpeechSync.ts';
import { useStopCard } from './useStopCard.ts';
import type { CompiledNarration } from '../types.ts';
import './narration.css';

/** Speeds offered in the menu, all within [MIN_RATE, MAX_RATE]. */
const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** A lab cue's label as announced: its commands, without the instance id or how it is framed and paced. */
function spokenLabel(label: string): string {
  return label
    .replace(/^[^:]+:\s*/, '')
    .split('; ')
    .filter((step) => !/^(speed|hold|focus|highlight) /.test(step))
    .join('; ');
}

/** Seconds before the tour continues into the next chapter on its own. */
const AUTO_NEXT_SECONDS = 5;

function usePlayer(narration: CompiledNarration): Player {
  const player = useMemo(() => createPlayer(narration, createRealClock()), [narration]);
  useEffect(() => () => player.dispose(), [player]);
  return player;
}

/** Keep focused elements clear of the sticky bar, whatever its height (captions, transcript, wrapping). */
function useBarClearance(bar: React.RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    const el = bar.current;
    if (!open || !el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const before = root.style.scrollPaddingBottom;
    const ro = new ResizeObserver(() => {
      root.style.scrollPaddingBottom = `${Math.ceil(el.getBoundingClientRect().height) + 16}px`;
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.scrollPaddingBottom = before;
    };
  }, [bar, open]);
}

/** The launcher and sticky player bar for one chapter's narration. */
export function NarrationPlayer({ timeline }: { timeline: CompiledNarration }) {
  const player = usePlayer(timeline);
  const state = useSyncExternalStore(
    (cb) => player.subscribe((n) => n.type === 'state' && cb()),
    player.getState,
    player.getState,
  );
  const [session, dispatch] = useReducer(sessionReducer, IDLE);
  const [prefs, setPrefs] = useState<NarrationPrefs>(loadPrefs);
  const [open, setOpen] = useState(false);
  const [transcript, setTranscript] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [linkNote, setLinkNote] = useState<string | null>(null);
  const [firedCount, setFiredCount] = useState(0);
  const barRef = useRef<HTMLDivElement>(null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const playRef = useRef<HTMLButtonElement>(null);
  const transcriptToggleRef = useRef<HTMLButtonElement>(null);

  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const driver = useMemo(() => createPageDriver((id) => announce(`The lab “${id}” did not load, so narration continues without it.`)), [announce]);
  useEffect(() => () => driver.dispose(), [driver]);
  const sentence = sentenceAt(timeline, state.position);
  const { speech, voices, problem: speechProblem, markGesture } = useSpeechSync(timeline, { sentence, active: open && state.playing, rate: state.rate, voice: prefs.voice });
  useEffect(() => savePrefs(prefs), [prefs]);
  useEffect(() => player.setRate(prefs.rate), [player, prefs.rate]);

  const takenOver = session.status === 'takenOver' ? session.lab : null;
  const resume = useCallback(() => {
    markGesture();
    if (takenOver) {
      // Put the lab the reader played with back on script: its latest cue is a deterministic replay.
      for (const cue of labStateAt(timeline, player.getState().position)) if (cue.target === takenOver) driver.applyLab(cue, true);
    }
    player.play();
  }, [driver, markGesture, player, takenOver, timeline]);
  const toggle = useCallback(() => {
    if (player.getState().playing) player.pause();
    else resume();
  }, [player, resume]);
  const cancelSpeech = useCallback(() => speech.cancel(), [speech]);
  const onStopCue = useStopCard(session, dispatch, { driver, cancelSpeech, announce, resume });
  useReaderTakeover(player, dispatch, announce);

  // Cue, restore and end notices from the player.
  useEffect(() => {
    let wasPlaying = player.getState().playing;
    return player.subscribe((n) => {
      if (n.type === 'cue') {
        setFiredCount((c) => c + 1);
        const cue = n.cue;
        // A DOM event per cue lets analytics, tests and other page parts follow the tour without coupling.
        document.dispatchEvent(new CustomEvent('narration:cue', { detail: { kind: cue.kind, target: cue.target, line: cue.line, time: cue.time } }));
        if (cue.kind === 'lab') {
          driver.applyLab(cue, true);
          announce(`Lab ${cue.target}: ${spokenLabel(cue.label)}`);
        } else if (cue.kind === 'stop') onStopCue(cue);
        else driver.highlight(cue.target, true);
      } else if (n.type === 'restore') {
        speech.cancel();
        dispatch({ type: 'restored' });
        for (const cue of n.labs) driver.applyLab(cue, false);
        // Frame what the latest cue is about (the labs were just restored above, without scrolling).
        const f = n.focus;
        if (f && f.kind !== 'stop') driver.show(f);
        else driver.highlight(null, false);
      } else if (n.type === 'ended') {
        dispatch({ type: 'ended' });
        announce(timeline.next ? `End of the chapter’s narration. Next: ${timeline.next.title}.` : 'End of the narration.');
      } else if (n.type === 'state') {
        if (n.state.playing && !wasPlaying) dispatch({ type: 'played' });
        if (wasPlaying && !n.state.playing) {
          dispatch({ type: 'paused' });
          speech.cancel();
          if (!n.state.ended) writeTimeToUrl(n.state.position);
        }
        wasPlaying = n.state.playing;
      }
    });
  }, [announce, driver, onStopCue, player, speech, timeline]);

  // Deep link: `?t=<seconds>` restores position and labs; `?narration=play` continues a tour.
  useEffect(() => {
    const link = readDeepLink(window.location.search, timeline.duration);
    if (link.problem) setLinkNote(link.problem);
    if (link.t !== null) {
      setOpen(true);
      player.seek(link.t);
      announce(`Narration positioned at ${formatClock(link.t)}. Press play to continue.`);
    }
    if (link.autoplay) {
      setOpen(true);
      player.play();
    }
  }, [announce, player, timeline.duration]);

  useBarClearance(barRef, open);

  // End of chapter: continue into the next one after a short, cancellable countdown.
  const ended = session.status === 'ended';
  useEffect(() => {
    if (ended && timeline.next && prefs.autoContinue) dispatch({ type: 'countdown', seconds: AUTO_NEXT_SECONDS });
  }, [ended, prefs.autoContinue, timeline.next]);
  const counting = session.status === 'autoNext';
  useEffect(() => {
    if (!counting) return;
    const id = setInterval(() => dispatch({ type: 'tick' }), 1000);
    return () => clearInterval(id);
  }, [counting]);
  const secondsLeft = session.status === 'autoNext' ? session.secondsLeft : null;
  useEffect(() => {
    if (secondsLeft !== null && secondsLeft <= 0 && timeline.next) navigateTo(timeline.next.slug, true);
  }, [secondsLeft, timeline.next]);

  const openBar = useCallback(() => setOpen(true), []);
  const closeTranscript = useCallback(() => {
    setTranscript(false);
    transcriptToggleRef.current?.focus();
  }, []);
  const onKeyDown = useNarrationKeys({
    player,
    toggle,
    open: openBar,
    toggleCaptions: () => setPrefs((p) => ({ ...p, captions: !p.captions })),
    toggleTranscript: () => setTranscript((v) => !v),
    closeTranscript: () => {
      if (!transcript) return false;
      // Focus may be inside the transcript, which is about to unmount: keep it in the bar.
      closeTranscript();
      return true;
    },
  });

  const openAndPlay = () => {
    setOpen(true);
    resume();
    requestAnimationFrame(() => playRef.current?.focus());
  };
  const close = () => {
    player.pause();
    speech.cancel();
    dispatch({ type: 'closed' });
    driver.highlight(null, false);
    setTranscript(false);
    setOpen(false);
    requestAnimationFrame(() => launcherRef.current?.focus());
  };
  const stay = () => {
    dispatch({ type: 'stay' });
    setPrefs((p) => ({ ...p, autoContinue: false }));
  };

  const seg = segmentAt(timeline, state.position);
  const minutes = Math.max(1, Math.round(timeline.duration / 60));
  const speechAvailable = speech.supported && !speechProblem;
  const note = speechProblem
    ? 'Speech is not available in this browser, so the narration continues as captions.'
    : !speech.supported
      ? 'This browser has no speech synthesis; the narration plays as captions.'
      : null;
  const held = session.status === 'stopCard' || session.status === 'takenOver';

  return (
    <div className="narration" data-narration data-status={barStatus(session)} data-session={session.status} data-fired={firedCount}>
      <div className="narration-launcher">
        <button ref={launcherRef} type="button" className="narration-launch" onClick={openAndPlay} aria-expanded={open} aria-controls="narration-bar">
          <span aria-hidden="true">▶</span> Narrated tour · {minutes} min
        </button>
        <span className="narration-launch-hint">Listen or read along while the labs act out the chapter.</span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="narration-live">
        {announcement}
      </p>
      {open && (
        <div id="narration-bar" className="narration-bar" ref={barRef} role="region" aria-label="Narration player" onKeyDown={onKeyDown}>
          {transcript && <Transcript timeline={timeline} current={sentence} onSeek={player.seek} onClose={closeTranscript} />}
          {prefs.captions && (
            <p className="narration-caption" data-testid="narration-caption" aria-hidden="true">
              {sentence >= 0 ? <mark>{timeline.sentences[sentence].text}</mark> : <span className="narration-muted">Press play to start the narration.</span>}
            </p>
          )}
          {(note || linkNote) && (
            <p className="narration-note" data-testid="narration-note">
              {[note, linkNote].filter(Boolean).join(' ')}
            </p>
          )}
          <SessionNotice session={session} narration={timeline} resume={resume} stay={stay} />
          <div className="narration-controls">
            <button ref={playRef} type="button" className="narration-btn narration-play" onClick={toggle} aria-keyshortcuts="K Alt+Shift+N" data-testid="narration-play">
              <Icon name={state.playing ? 'pause' : 'play'} />
              <span className="visually-hidden">{state.playing ? 'Pause narration' : held ? 'Resume narration' : 'Play narration'}</span>
            </button>
            <button type="button" className="narration-btn" onClick={() => player.previousSegment()} aria-keyshortcuts="[" aria-label="Previous segment">
              <Icon name="prev" />
            </button>
            <button type="button" className="narration-btn" onClick={() => player.nextSegment()} aria-keyshortcuts="]" aria-label="Next segment">
              <Icon name="next" />
            </button>
            <Scrubber timeline={timeline} position={state.position} segmentTitle={timeline.segments[seg]?.title ?? ''} onSeek={player.seek} />
            <span className="narration-time" aria-hidden="true">
              {formatClock(state.position)} / {formatClock(timeline.duration)}
            </span>
            <label className="narration-field">
              <span className="visually-hidden">Speed</span>
              <select
                value={String(prefs.rate)}
                onChange={(e) => {
                  // Read the value now: React clears currentTarget before a state updater runs.
                  const rate = Number(e.currentTarget.value);
                  setPrefs((p) => ({ ...p, rate }));
                }}
                aria-label="Narration speed"
              >
                {SPEEDS.filter((s) => s >= MIN_RATE && s <= MAX_RATE).map((s) => (
                  <option key={s} value={String(s)}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="narration-btn" aria-pressed={prefs.captions} onClick={() => setPrefs((p) => ({ ...p, captions: !p.captions }))} aria-keyshortcuts="C">
              CC<span className="visually-hidden"> captions</span>
            </button>
            <button ref={transcriptToggleRef} type="button" className="narration-btn" aria-pressed={transcript} onClick={() => setTranscript((v) => !v)} aria-keyshortcuts="T" aria-controls="narration-transcript">
              <span aria-hidden="true">☰</span>
              <span className="visually-hidden">Transcript</span>
            </button>
            {speechAvailable && (
              <label className="narration-field">
                <span className="visually-hidden">Voice</span>
                <select
                  value={prefs.voice}
                  onChange={(e) => {
                    const voice = e.currentTarget.value;
                    setPrefs((p) => ({ ...p, voice }));
                  }}
                  aria-label="Voice"
                >
                  <option value="off">Captions only</option>
                  <option value="">Default voice</option>
                  {voices.map((v) => (
                    <option key={v.voiceURI} value={v.voiceURI}>
                      {v.name} ({v.lang})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="narration-btn" onClick={close} aria-label="Close narration">
              <Icon name="close" />
            </button>
          </div>
          <details className="narration-help">
            <summary>Keys</summary>
            <p>
              With focus in this bar: <kbd>K</kbd> or <kbd>Space</kbd> play/pause, <kbd>J</kbd>/<kbd>L</kbd> back/forward 10 s, <kbd>[</kbd>/<kbd>]</kbd> previous/next
              segment, <kbd>C</kbd> captions, <kbd>T</kbd> transcript. Anywhere: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>N</kbd> play/pause. On a key-concept card,{' '}
              <kbd>Enter</kbd> or <kbd>Space</kbd> resumes.
            </p>
            <label className="narration-check">
              <input
                type="checkbox"
                checked={prefs.autoContinue}
                onChange={(e) => {
                  const autoContinue = e.currentTarget.checked;
                  setPrefs((p) => ({ ...p, autoContinue }));
                }}
              />{' '}
              Continue into the next chapter automatically
            </label>
          </details>
        </div>
      )}
    </div>
  );
}

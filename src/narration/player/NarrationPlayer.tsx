/**
 * The narration player for one compiled timeline (see `NarrationBar.tsx` for the loader and the
 * keyboard map). Separate from the loader so tests can render it with a fixture timeline.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { labBus } from '../../widgets/shared/labBus';
import { createRealClock } from './clock.ts';
import { createPageDriver, reveal } from './drive.ts';
import { createPlayer, type Player } from './player.ts';
import { labStateAt, MAX_RATE, MIN_RATE, sentenceAt, segmentAt } from './player-state.ts';
import { createSpeech, type SpeechProblem } from './speech.ts';
import type { CompiledNarration, TimelineCue } from '../types.ts';
import { formatClock, readDeepLink, writeTimeToUrl, navigateTo } from './url.ts';
import { loadPrefs, savePrefs, type NarrationPrefs } from './prefs.ts';
import './narration.css';

/** Speeds offered in the menu, all within [MIN_RATE, MAX_RATE]. */
const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

function usePlayer(timeline: CompiledNarration): Player {
  const player = useMemo(() => createPlayer(timeline, createRealClock()), [timeline]);
  useEffect(() => () => player.dispose(), [player]);
  return player;
}

/** The launcher and sticky player bar for one chapter's timeline. */
export function NarrationPlayer({ timeline }: { timeline: CompiledNarration }) {
  const player = usePlayer(timeline);
  const state = useSyncExternalStore(
    (cb) => player.subscribe((n) => n.type === 'state' && cb()),
    player.getState,
    player.getState,
  );
  const [prefs, setPrefs] = useState<NarrationPrefs>(loadPrefs);
  const [open, setOpen] = useState(false);
  const [transcript, setTranscript] = useState(false);
  const [speechProblem, setSpeechProblem] = useState<SpeechProblem | null>(null);
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [stopCard, setStopCard] = useState<{ id: string; title: string } | null>(null);
  const [takenOver, setTakenOver] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const [autoNext, setAutoNext] = useState<number | null>(null);
  const [linkNote, setLinkNote] = useState<string | null>(null);
  const [firedCount, setFiredCount] = useState(0);
  const barRef = useRef<HTMLDivElement>(null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const playRef = useRef<HTMLButtonElement>(null);
  const transcriptToggleRef = useRef<HTMLButtonElement>(null);
  const stopCleanup = useRef<(() => void) | null>(null);
  const userGesture = useRef(false);

  const driver = useMemo(() => createPageDriver((id) => setAnnouncement(`The lab “${id}” did not load, so narration continues without it.`)), []);
  useEffect(() => () => driver.dispose(), [driver]);
  const speech = useMemo(() => createSpeech(timeline.wpm, (p) => setSpeechProblem(p)), [timeline.wpm]);
  useEffect(() => {
    setVoices(speech.voices());
    const off = speech.onVoices(() => setVoices(speech.voices()));
    return () => {
      off();
      speech.dispose();
    };
  }, [speech]);
  useEffect(() => savePrefs(prefs), [prefs]);
  useEffect(() => player.setRate(prefs.rate), [player, prefs.rate]);

  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const seekTo = useCallback((t: number) => player.seek(t), [player]);
  const closeTranscript = useCallback(() => {
    setTranscript(false);
    transcriptToggleRef.current?.focus();
  }, []);

  const clearStop = useCallback(() => {
    stopCleanup.current?.();
    stopCleanup.current = null;
    setStopCard(null);
  }, []);

  const resume = useCallback(() => {
    userGesture.current = true;
    clearStop();
    setEnded(false);
    setAutoNext(null);
    if (takenOver) {
      // Put the lab the reader played with back on script: its latest cue is a deterministic replay.
      for (const cue of labStateAt(timeline, player.getState().position)) if (cue.target === takenOver) driver.applyLab(cue, true);
      setTakenOver(null);
    }
    player.play();
  }, [clearStop, driver, player, takenOver, timeline]);

  const toggle = useCallback(() => {
    if (player.getState().playing) player.pause();
    else resume();
  }, [player, resume]);

  const onStopCue = useCallback(
    (cue: TimelineCue) => {
      speech.cancel();
      driver.highlight(cue.target, true);
      const el = document.getElementById(cue.target);
      const title = el?.querySelector('.callout-title')?.textContent?.trim() || cue.target;
      setStopCard({ id: cue.target, title });
      announce(`Paused on the key concept “${title}”. Press Enter or Space to continue.`);
      if (!el) return;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.setAttribute('data-narration-stop', 'true');
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          resume();
        }
      };
      el.addEventListener('keydown', onKey);
      stopCleanup.current = () => {
        el.removeEventListener('keydown', onKey);
        el.removeAttribute('data-narration-stop');
      };
      el.focus({ preventScroll: true });
    },
    [announce, driver, resume, speech],
  );

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
          announce(`Lab ${cue.target}: ${cue.label.replace(/^[^:]+:\s*/, '')}`);
        } else if (cue.kind === 'stop') onStopCue(cue);
        else driver.highlight(cue.target, true);
      } else if (n.type === 'restore') {
        speech.cancel();
        clearStop();
        for (const cue of n.labs) driver.applyLab(cue, false);
        const f = n.focus;
        if (f && f.kind !== 'lab' && f.kind !== 'stop') driver.highlight(f.target, true);
        else {
          driver.highlight(null, false);
          // The lab was just restored above; only bring it into view.
          if (f?.kind === 'lab') reveal(driver.elementFor(f));
        }
      } else if (n.type === 'ended') {
        setEnded(true);
        announce(timeline.next ? `End of the chapter’s narration. Next: ${timeline.next.title}.` : 'End of the narration.');
      } else if (n.type === 'state') {
        if (wasPlaying && !n.state.playing) {
          speech.cancel();
          if (!n.state.ended) writeTimeToUrl(n.state.position);
        }
        wasPlaying = n.state.playing;
      }
    });
  }, [announce, clearStop, driver, onStopCue, player, speech, timeline]);

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

  // The reader took a lab's controls: narration pauses and offers to put the lab back on script.
  useEffect(
    () =>
      labBus.onReaderTakeover((id) => {
        if (!timeline.cues.some((c) => c.kind === 'lab' && c.target === id)) return;
        setTakenOver(id);
        if (player.getState().playing) {
          player.pause();
          announce('Narration paused while you use the lab. Choose “Resume narration” to put the lab back on script.');
        }
      }),
    [announce, player, timeline],
  );

  // Speech follows the clock: speak each sentence as narration time reaches it.
  const sentence = sentenceAt(timeline, state.position);
  const speaking = open && state.playing && prefs.voice !== 'off' && !speechProblem && userGesture.current;
  useEffect(() => {
    if (!speaking || sentence < 0) return;
    const s = timeline.sentences[sentence];
    // Starting mid-sentence (after a seek) still speaks the whole sentence: captions and voice agree.
    speech.speak(s.text, state.rate, prefs.voice || null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sentence, speaking, speech, timeline]);

  // Keep focused elements clear of the sticky bar, whatever its height (captions, transcript, wrapping).
  useEffect(() => {
    const el = barRef.current;
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
  }, [open]);

  // One page-wide shortcut with a modifier that browsers and screen readers leave free.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        setOpen(true);
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);

  // End of chapter: continue into the next one after a short, cancellable countdown.
  useEffect(() => {
    if (!ended || !timeline.next || !prefs.autoContinue) return;
    setAutoNext(5);
    const id = setInterval(() => setAutoNext((n) => (n === null ? null : n - 1)), 1000);
    return () => clearInterval(id);
  }, [ended, prefs.autoContinue, timeline.next]);
  useEffect(() => {
    if (autoNext !== null && autoNext <= 0 && timeline.next) navigateTo(timeline.next.slug, true);
  }, [autoNext, timeline.next]);

  useEffect(() => () => clearStop(), [clearStop]);

  const openAndPlay = () => {
    setOpen(true);
    resume();
    requestAnimationFrame(() => playRef.current?.focus());
  };
  const close = () => {
    player.pause();
    speech.cancel();
    clearStop();
    driver.highlight(null, false);
    setTranscript(false);
    setOpen(false);
    requestAnimationFrame(() => launcherRef.current?.focus());
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target as HTMLElement;
    const tag = t.tagName;
    const native = tag === 'SELECT' || tag === 'INPUT' || tag === 'BUTTON';
    const k = e.key.toLowerCase();
    if (k === 'k' || (k === ' ' && !native)) toggle();
    else if (k === 'j') player.seek(player.getState().position - 10);
    else if (k === 'l') player.seek(player.getState().position + 10);
    else if (k === '[') player.previousSegment();
    else if (k === ']') player.nextSegment();
    else if (k === 'c') setPrefs((p) => ({ ...p, captions: !p.captions }));
    else if (k === 't') setTranscript((v) => !v);
    else if (k === 'escape' && transcript) {
      // Focus may be inside the transcript, which is about to unmount: keep it in the bar.
      setTranscript(false);
      transcriptToggleRef.current?.focus();
    }
    else return;
    e.preventDefault();
  };

  const seg = segmentAt(timeline, state.position);
  const minutes = Math.max(1, Math.round(timeline.duration / 60));
  const speechAvailable = speech.supported && !speechProblem;
  const note = speechProblem
    ? 'Speech is not available in this browser, so the narration continues as captions.'
    : !speech.supported
      ? 'This browser has no speech synthesis; the narration plays as captions.'
      : null;
  const status = state.playing ? 'playing' : stopCard ? 'stopped' : ended ? 'ended' : 'paused';

  return (
    <div className="narration" data-narration data-status={status} data-fired={firedCount}>
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
          {transcript && (
            <Transcript timeline={timeline} current={sentence} onSeek={seekTo} onClose={closeTranscript} />
          )}
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
          {stopCard && (
            <p className="narration-stop" data-testid="narration-stop">
              Key concept: <a href={`#${stopCard.id}`}>{stopCard.title}</a>. Press Enter or Space on the card, or Resume, to continue.
            </p>
          )}
          {takenOver && (
            <p className="narration-stop">
              You are driving the lab “{takenOver}”.{' '}
              <button type="button" className="narration-btn narration-text-btn" onClick={resume}>
                Resume narration
              </button>
            </p>
          )}
          {ended && timeline.next && (
            <p className="narration-stop" data-testid="narration-next">
              <button type="button" className="narration-btn narration-text-btn" onClick={() => navigateTo(timeline.next!.slug, true)}>
                Continue: {timeline.next.title}
              </button>
              {autoNext !== null && autoNext > 0 && (
                <>
                  {' '}
                  <span>Continuing in {autoNext} s.</span>{' '}
                  <button type="button" className="narration-btn narration-text-btn" onClick={() => { setAutoNext(null); setPrefs((p) => ({ ...p, autoContinue: false })); }}>
                    Stay here
                  </button>
                </>
              )}
            </p>
          )}
          <div className="narration-controls">
            <button ref={playRef} type="button" className="narration-btn narration-play" onClick={toggle} aria-keyshortcuts="K Alt+Shift+N" data-testid="narration-play">
              <Icon name={state.playing ? 'pause' : 'play'} />
              <span className="visually-hidden">{state.playing ? 'Pause narration' : stopCard || takenOver ? 'Resume narration' : 'Play narration'}</span>
            </button>
            <button type="button" className="narration-btn" onClick={() => player.previousSegment()} aria-keyshortcuts="[" aria-label="Previous segment">
              <Icon name="prev" />
            </button>
            <button type="button" className="narration-btn" onClick={() => player.nextSegment()} aria-keyshortcuts="]" aria-label="Next segment">
              <Icon name="next" />
            </button>
            <Scrubber timeline={timeline} position={state.position} segmentTitle={timeline.segments[seg]?.title ?? ''} onSeek={(t) => player.seek(t)} />
            <span className="narration-time" aria-hidden="true">
              {formatClock(state.position)} / {formatClock(timeline.duration)}
            </span>
            <label className="narration-field">
              <span className="visually-hidden">Speed</span>
              <select value={String(prefs.rate)} onChange={(e) => {
                  // Read the value now: React clears currentTarget before a state updater runs.
                  const rate = Number(e.currentTarget.value);
                  setPrefs((p) => ({ ...p, rate }));
                }} aria-label="Narration speed">
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
                <select value={prefs.voice} onChange={(e) => {
                  const voice = e.currentTarget.value;
                  setPrefs((p) => ({ ...p, voice }));
                }} aria-label="Voice">
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
              <input type="checkbox" checked={prefs.autoContinue} onChange={(e) => {
                  const autoContinue = e.currentTarget.checked;
                  setPrefs((p) => ({ ...p, autoContinue }));
                }} /> Continue into the next
              chapter automatically
            </label>
          </details>
        </div>
      )}
    </div>
  );
}

const ICON_PATHS = {
  play: 'M5 3.5v13l11-6.5z',
  pause: 'M5 3.5h3.5v13H5zM11.5 3.5H15v13h-3.5z',
  prev: 'M4 4h2.5v12H4zM16 4v12L7.5 10z',
  next: 'M13.5 4H16v12h-2.5zM4 4v12l8.5-6z',
  close: 'M5.4 4 10 8.6 14.6 4 16 5.4 11.4 10l4.6 4.6-1.4 1.4-4.6-4.6L5.4 16 4 14.6 8.6 10 4 5.4z',
} as const;

/** Control glyphs as inline SVG: symbol fonts for ⏮/⏭ are missing on many systems. */
function Icon({ name }: { name: keyof typeof ICON_PATHS }) {
  return (
    <svg className="narration-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[name]} fill="currentColor" />
    </svg>
  );
}

/** The seek slider with segment boundaries and cue markers drawn behind it. */
function Scrubber({ timeline, position, segmentTitle, onSeek }: { timeline: CompiledNarration; position: number; segmentTitle: string; onSeek: (t: number) => void }) {
  const pct = (t: number) => `${(100 * t) / Math.max(1, timeline.duration)}%`;
  return (
    <div className="narration-scrubber">
      <div className="narration-markers" aria-hidden="true">
        {timeline.segments.slice(1).map((s) => (
          <span key={s.id} className="narration-seg-mark" style={{ left: pct(s.start) }} title={s.title} />
        ))}
        {timeline.cues.map((c, i) => (
          <span key={i} className={`narration-cue-mark narration-cue-${c.kind}`} style={{ left: pct(c.time) }} title={c.label} />
        ))}
      </div>
      <input
        type="range"
        min={0}
        max={timeline.duration}
        step={0.1}
        value={position}
        onChange={(e) => onSeek(Number(e.currentTarget.value))}
        aria-label="Narration position"
        aria-valuetext={`${formatClock(position)} of ${formatClock(timeline.duration)}, ${segmentTitle}`}
        data-testid="narration-seek"
      />
    </div>
  );
}

/** The full script, grouped by segment and paragraph; each sentence seeks when activated. */
const Transcript = memo(function Transcript({ timeline, current, onSeek, onClose }: { timeline: CompiledNarration; current: number; onSeek: (t: number) => void; onClose: () => void }) {
  const currentRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    currentRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);
  const bySegment = timeline.segments.map((seg, si) => {
    const sentences = timeline.sentences.map((s, i) => ({ s, i })).filter(({ s }) => s.segment === si);
    const paragraphs = new Map<number, { s: (typeof sentences)[number]['s']; i: number }[]>();
    for (const x of sentences) paragraphs.set(x.s.paragraph, [...(paragraphs.get(x.s.paragraph) ?? []), x]);
    return { seg, paragraphs: [...paragraphs.values()] };
  });
  const base = import.meta.env.BASE_URL ?? '/';
  return (
    <section id="narration-transcript" className="narration-transcript" aria-label="Narration transcript">
      <div className="narration-transcript-head">
        <span>Transcript</span>
        <a href={`${base}narration/${timeline.chapter}.vtt`} download>
          Captions file (WebVTT)
        </a>
        <button type="button" className="narration-btn narration-text-btn" onClick={onClose}>
          Close transcript
        </button>
      </div>
      {bySegment.map(({ seg, paragraphs }) => (
        <div key={seg.id} className="narration-transcript-seg">
          <p className="narration-seg-title">
            <button type="button" className="narration-sentence" onClick={() => onSeek(seg.start)}>
              {formatClock(seg.start)} · {seg.title}
            </button>
          </p>
          {paragraphs.map((p) => (
            <p key={p[0].i}>
              {p.map(({ s, i }) => (
                <button
                  key={i}
                  ref={i === current ? currentRef : undefined}
                  type="button"
                  className="narration-sentence"
                  aria-current={i === current ? 'true' : undefined}
                  onClick={() => onSeek(s.start)}
                >
                  {s.text}
                </button>
              ))}
            </p>
          ))}
        </div>
      ))}
    </section>
  );
});

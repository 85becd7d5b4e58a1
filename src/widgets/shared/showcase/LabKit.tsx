/**
 * The lab kit showcase (`/lab-kit`): every primitive of the lab design system drawn live, in the
 * reader's theme, each with one line on when to use it. Loaded lazily by the route, so none of this
 * is in the book's first-load JavaScript. The guide is docs/DESIGN-SYSTEM.md.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { LogEntry, Tagged, TraceEntry } from '../../../sim/core';
import { labComponents } from '../../registry';
import { ClusterView } from '../ClusterView';
import { EventTable } from '../EventTable';
import { ResultList, SelectField } from '../fields';
import { placeLabels, type Box } from '../labelPlacer';
import { MessageGlyphs, type Glyph } from '../MessageGlyphs';
import { ChangePulse, MotionScope, Presence, SlideIn } from '../motion';
import { roleColour, termColour, TERM_COLOURS, TERM_TEXT, type Role } from '../palette';
import { SpaceTimeDiagram } from '../SpaceTimeDiagram';
import { StepCaption } from '../StepCaption';
import { TimeScrubber } from '../TimeScrubber';
import type { ClusterModel } from '../viewModel';
import '../lab.css';

/** One primitive: its name, where it lives, one line on its use, and the live thing. */
function Item({ id, name, file, note, children }: { id: string; name: string; file: string; note: string; children: ReactNode }) {
  return (
    <section className="lab-kit-item" aria-labelledby={`kit-${id}`}>
      <h2 id={`kit-${id}`}>{name}</h2>
      <p className="lab-kit-note">
        {note} <code>{file}</code>
      </p>
      <div className="lab-kit-demo">{children}</div>
    </section>
  );
}

const CLUSTER: ClusterModel = {
  nodes: [
    { id: 'S1', label: 'S1', up: true, badge: 'leader', lines: ['term 2'] },
    { id: 'S2', label: 'S2', up: true, lines: ['term 2'] },
    { id: 'S3', label: 'S3', up: false, lines: ['term 1'] },
    { id: 'c1', label: 'c1', up: true, attachedTo: 'S2', lines: ['✓ wrote x'], tone: 'ok' },
  ],
  groups: null,
  messages: [
    { id: 1, from: 'S1', to: 'S2', sentAt: 0, deliverAt: 40, label: 'AppendEntries(term 2) S1→S2' },
    { id: 2, from: 'S1', to: 'S3', sentAt: 10, deliverAt: 50, label: 'AppendEntries(term 2) S1→S3 (will not arrive)', tone: 'bad' },
  ],
};

const t = (seq: number, at: number, kind: TraceEntry['kind'], label: string, extra: Partial<TraceEntry> = {}): TraceEntry => ({ seq, t: at, kind, label, ...extra });
const TRACE: TraceEntry[] = [
  t(0, 5, 'timer', 'S1: election timer', { node: 'S1' }),
  t(1, 5, 'send', 'RequestVote(term 2)', { node: 'S1', from: 'S1', to: 'S2', msgId: 1 }),
  t(2, 5, 'send', 'RequestVote(term 2)', { node: 'S1', from: 'S1', to: 'S3', msgId: 2 }),
  t(3, 22, 'deliver', 'RequestVote(term 2)', { node: 'S2', from: 'S1', to: 'S2', msgId: 1 }),
  t(4, 22, 'send', 'Vote granted (term 2)', { node: 'S2', from: 'S2', to: 'S1', msgId: 3 }),
  t(5, 30, 'crash', 'S3 crashed', { node: 'S3' }),
  t(6, 31, 'drop', 'RequestVote(term 2) dropped (node down)', { node: 'S3', from: 'S1', to: 'S3', msgId: 2 }),
  t(7, 41, 'deliver', 'Vote granted (term 2)', { node: 'S1', from: 'S2', to: 'S1', msgId: 3 }),
];
const LOG: LogEntry<Tagged>[] = [{ at: 30, action: { type: 'node/crash' } }];

/** Three servers in a row with labelled messages between them; labels keep off the names. */
function GlyphDemo() {
  const nodes = [
    { id: 'S1', x: 40 },
    { id: 'S2', x: 170 },
    { id: 'S3', x: 300 },
  ];
  const names: Box[] = nodes.map((n) => ({ x: n.x - 16, y: 34, w: 32, h: 32 }));
  const glyphs: Glyph[] = [
    { key: 'a', x: 70, y: 50, short: 'AE t2', label: 'AppendEntries(term 2), S1 → S2' },
    { key: 'b', x: 140, y: 50, short: 'ok t2', label: 'Append ok (term 2), S2 → S1' },
    { key: 'c', x: 200, y: 50, short: 'AE t2', label: 'AppendEntries(term 2), S2 → S3', tone: 'bad' },
    { key: 'd', x: 270, y: 50, short: 'vote', label: 'Vote granted (term 2), S3 → S2', tone: 'ok' },
  ];
  return (
    <svg viewBox="0 0 340 100" className="lab-kit-svg" role="img" aria-label="Three servers in a row with four labelled messages on the links between them">
      <line x1={40} y1={50} x2={300} y2={50} stroke="var(--border)" strokeWidth={2} />
      {nodes.map((n) => (
        <g key={n.id} transform={`translate(${n.x},50)`}>
          <circle r={16} fill="var(--bg)" stroke="var(--fg-muted)" strokeWidth={2.5} />
          <text className="lab-node-label" textAnchor="middle" dy="0.35em">
            {n.id}
          </text>
        </g>
      ))}
      <MessageGlyphs glyphs={glyphs} obstacles={names} bounds={{ x: 0, y: 0, w: 340, h: 100 }} />
    </svg>
  );
}

/** Positions on a grid around an anchor, nearest first, for labels around a box wider than the default gap. */
function ring(w: number, h: number): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (let row = -2; row <= 2; row++) for (let col = -2; col <= 2; col++) out.push([col * 34 - w / 2, row * 16 - h / 2]);
  return out.sort((a, b) => Math.hypot(a[0] + w / 2, (a[1] + h / 2) * 2) - Math.hypot(b[0] + w / 2, (b[1] + h / 2) * 2));
}

/** Thirty labels that all want the same spot: the placer finds each a free place or leaves it out. */
function PlacerDemo() {
  const anchor = { x: 170, y: 55 };
  const words = Array.from({ length: 30 }, (_, i) => (60.1 + i / 10).toFixed(1));
  const obstacle: Box = { x: anchor.x - 14, y: anchor.y - 8, w: 28, h: 16 };
  const placed = placeLabels(
    words.map((w, i) => ({ key: i, x: anchor.x, y: anchor.y, w: w.length * 6.2, h: 12, candidates: ring(w.length * 6.2, 12) })),
    [obstacle],
    { x: 0, y: 0, w: 340, h: 110 },
  );
  return (
    <figure className="lab-kit-figure">
      <svg viewBox="0 0 340 110" className="lab-kit-svg" role="img" aria-label={`${words.length} stamps at one event; ${placed.size} placed without overlap, ${words.length - placed.size} left out`}>
        <rect {...obstacle} rx={3} fill="var(--bg)" stroke="var(--fg-muted)" />
        <text x={anchor.x} y={anchor.y} textAnchor="middle" dy="0.35em" className="lab-node-line">
          e7
        </text>
        {[...placed].map(([i, b]) => (
          <text key={i} x={b.x} y={b.y + 10} className="lab-glyph-label">
            {words[i]}
          </text>
        ))}
      </svg>
      <figcaption className="lab-kit-note">{`${placed.size} of ${words.length} stamps placed around event e7; the rest stay in its tooltip and the event log.`}</figcaption>
    </figure>
  );
}

const ROLES: Role[] = ['leader', 'candidate', 'follower', 'down'];

/** A role chip that pulses when the role changes (ChangePulse), and a log that slides entries in and out (SlideIn). */
function MotionDemo() {
  const [ready, setReady] = useState(false);
  const [entries, setEntries] = useState([1, 1, 2]);
  const [role, setRole] = useState<Role>('follower');
  useEffect(() => setReady(true), []);
  const next = ROLES[(ROLES.indexOf(role) + 1) % ROLES.length];
  return (
    <MotionScope ready={ready}>
      <div className="lab-kit-row">
        <button type="button" className="lab-btn" disabled={!ready} onClick={() => setEntries((e) => [...e, Math.min(8, (e[e.length - 1] ?? 1) + (e.length % 2))])}>
          Append an entry
        </button>
        <button type="button" className="lab-btn" disabled={!ready || entries.length === 0} onClick={() => setEntries((e) => e.slice(0, -1))}>
          Undo (step back)
        </button>
        <button type="button" className="lab-btn" disabled={!ready} onClick={() => setRole(next)}>
          {`Change the role to ${next}`}
        </button>
      </div>
      <div className="lab-kit-row">
        <span className="lab-kit-log" aria-label={`A log of ${entries.length} entries`}>
          <Presence>
            {entries.map((term, i) => (
              <SlideIn key={i} className="lab-kit-cell" style={{ background: termColour(term), color: TERM_TEXT }} title={`index ${i + 1}, term ${term}`}>
                {term}
              </SlideIn>
            ))}
          </Presence>
        </span>
        <svg viewBox="0 0 120 40" width={168} height={56} role="img" aria-label={`A server whose role is ${role}`}>
          <ChangePulse changeKey={role}>
            <circle cx={20} cy={20} r={14} fill="var(--bg)" stroke={roleColour(role)} strokeWidth={4} />
            <text x={44} y={24} className="lab-node-line">
              {role}
            </text>
          </ChangePulse>
        </svg>
      </div>
    </MotionScope>
  );
}

/** The route's content. */
export default function LabKit() {
  const [now, setNow] = useState(26);
  const [speed, setSpeed] = useState<number>(1);
  const Partition = labComponents.PartitionLab;
  return (
    <div className="lab-kit">
      <Item id="layout" name="The layout grid (LabFrame)" file="src/widgets/shared/LabFrame.tsx" note="Every lab: title, scenario, the picture with its step caption beside a collapsible control rail, the transport controls, the diagram, then details on demand. On a phone the picture comes first.">
        {Partition ? <Partition id="lab-kit-demo" scenario="ap-heal-converges" /> : <p>This build has no partition lab.</p>}
      </Item>
      <Item id="caption" name="Step caption" file="src/widgets/shared/StepCaption.tsx" note="One plain sentence under the picture: what just happened, and why. A pure selector per lab writes it, and the lab's live region speaks the same words.">
        <StepCaption testId="kit-caption" text="S3's election timer expired, so it became a candidate for term 2 and asked for votes." />
      </Item>
      <Item id="rail" name="Control rail" file="src/widgets/shared/LabFrame.tsx (actions)" note="The lab's own buttons sit in fieldsets in a compact rail beside the picture (below it on phones); 'Hide controls' collapses it so the picture gets the width.">
        <p className="lab-kit-note">Try it on the lab above.</p>
      </Item>
      <Item id="cluster" name="Cluster picture" file="src/widgets/shared/ClusterView.tsx" note="Servers on a ring, clients outside, messages as dots whose positions come from simulation time; a dashed server is down, a red dot will not arrive.">
        <ClusterView model={CLUSTER} now={now} title="Three servers, one down, and a client" />
      </Item>
      <Item id="glyphs" name="Message glyphs with labels" file="src/widgets/shared/MessageGlyphs.tsx" note="A short label (type, term or key) beside each message, placed so it never covers a server's name or another label; the full text is the glyph's tooltip.">
        <GlyphDemo />
      </Item>
      <Item id="placer" name="Label placer" file="src/widgets/shared/labelPlacer.ts" note="Greedy and pure: each label tries positions around its anchor and takes the first free one; one that fits nowhere is left out rather than drawn over another.">
        <PlacerDemo />
      </Item>
      <Item id="palette" name="Term and role colours" file="src/widgets/shared/palette.ts + lab.css" note="Named tokens that change with the theme: eight term colours with text that passes contrast on them, and one colour per role.">
        <div className="lab-kit-row" role="list" aria-label="Term colours">
          {Array.from({ length: TERM_COLOURS }, (_, i) => (
            <span key={i} role="listitem" className="lab-kit-chip" style={{ background: termColour(i + 1), color: TERM_TEXT }}>{`term ${i + 1}`}</span>
          ))}
        </div>
        <div className="lab-kit-row" role="list" aria-label="Role colours">
          {ROLES.map((r) => (
            <span key={r} role="listitem" className="lab-kit-role" style={{ borderColor: roleColour(r) }}>
              {r}
            </span>
          ))}
        </div>
      </Item>
      <Item id="scrubber" name="Timeline" file="src/widgets/shared/TimeScrubber.tsx" note="The run's time as a range: drag or use the arrow keys to seek; every action the reader logged is a marker.">
        <TimeScrubber now={now} end={50} log={LOG} until={45} onSeek={(x) => setNow(Math.round(x))} describe={() => 'crash S3'} />
        <p className="lab-kit-note">{`t = ${now} ms: the cluster picture and the diagram follow this scrubber.`}</p>
      </Item>
      <Item id="spacetime" name="Space-time diagram" file="src/widgets/shared/SpaceTimeDiagram.tsx" note="One lane per process, time to the right; arrows are messages, dots are events, red is a crash or a loss.">
        <SpaceTimeDiagram trace={TRACE.filter((e) => e.t <= now)} lanes={['S1', 'S2', 'S3']} now={now} end={50} title="Sample run: space-time diagram" />
      </Item>
      <Item id="events" name="Event log" file="src/widgets/shared/EventTable.tsx" note="The text version of the pictures, collapsed under every lab.">
        <details className="lab-details">
          <summary>Event log (text version of the pictures)</summary>
          <EventTable trace={TRACE.filter((e) => e.t <= now)} />
        </details>
      </Item>
      <Item id="fields" name="Fields and results" file="src/widgets/shared/fields.tsx" note="A labelled select whose options keep their type, and a toned list of outcomes.">
        <div className="lab-kit-row">
          <SelectField<number> label="Speed" value={speed} options={[0.5, 1, 2, 4]} format={(x) => `${x}×`} onChange={setSpeed} />
        </div>
        <h3 className="lab-kit-sub">In a lab’s results</h3>
        <ResultList
          title="Client requests (newest first)"
          rows={[
            { id: '3', text: 'c2 via C: read "y" (stale)', tone: 'warn' },
            { id: '2', text: 'c1 via A: write "x" — acknowledged', tone: 'ok' },
            { id: '1', text: 'c2 via C: write "y" — lost to "x"', tone: 'bad' },
          ]}
          empty="No requests yet."
        />
      </Item>
      <Item id="motion" name="Motion" file="src/widgets/shared/motion/" note="Transitions that smooth a change the simulation already made (an entry sliding into a log, a role changing, a step undone); off before hydration and under reduced motion.">
        <MotionDemo />
      </Item>
    </div>
  );
}

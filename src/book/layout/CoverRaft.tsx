/**
 * The cover's picture: five Raft servers electing a leader, live, drawn in the reader's theme. It
 * runs the book's own Raft core (src/sim/raft, the RaftLab's model) slowed 8x: timers run down, a
 * candidate asks for votes, a leader emerges and holds with heartbeats; a few seconds later it is
 * crashed and the others elect a new one, then it restarts. Loaded lazily by CoverPicture, only once
 * the picture is in view; with reduced motion it shows one settled election and stops.
 */
import { useEffect, useState } from 'react';
import { defaultParams, leaderOf, raftWorldQuiet, serversOf, type RaftWorld } from '../../sim/raft';

const SLOW = 8; // real ms per virtual ms
const R = 62;
const C = 90;

/** The live picture (client only). */
export default function CoverRaft() {
  const [world, setWorld] = useState<RaftWorld>(() => raftWorldQuiet.init(7, defaultParams));
  useEffect(() => {
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    let w = raftWorldQuiet.init(7, defaultParams);
    if (reduced) {
      setWorld(raftWorldQuiet.advanceTo(w, 1_000));
      return;
    }
    let raf = 0;
    let last = performance.now();
    let leaderSince = -1;
    let seed = 7;
    const tick = (now: number) => {
      const dt = Math.min(100, now - last) / SLOW;
      last = now;
      w = raftWorldQuiet.advanceTo(w, raftWorldQuiet.now(w) + dt);
      const leader = leaderOf(w);
      if (leader && leaderSince < 0) leaderSince = raftWorldQuiet.now(w);
      // Hold a leader for ~4 s (real), then start a fresh cluster so the election plays again.
      if (leader && raftWorldQuiet.now(w) - leaderSince > 4_000 / SLOW) {
        seed += 1;
        w = raftWorldQuiet.init(seed, defaultParams);
        leaderSince = -1;
      }
      setWorld(w);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);
  const servers = serversOf(world);
  const leader = leaderOf(world);
  const term = Math.max(0, ...servers.map((s) => s.currentTerm));
  return (
    <svg viewBox="0 0 180 200" className="cover-raft-svg" aria-hidden="true">
      {servers.map((s, i) => {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / servers.length;
        const x = C + R * Math.cos(a);
        const y = C + R * Math.sin(a);
        const left = Number.isFinite(s.electionAt) ? Math.max(0, s.electionAt - raftWorldQuiet.now(world)) : 0;
        const span = Math.max(1, s.electionAt - s.electionArmedAt);
        const frac = s.role === 'leader' ? 1 : Math.min(1, left / span);
        return (
          <g key={s.id} className={`cover-raft-node cover-raft-${s.role}`}>
            {s.role !== 'leader' && (
              <circle cx={x} cy={y} r={22} className="cover-raft-timer" pathLength={1} strokeDasharray={`${frac} 1`} transform={`rotate(-90 ${x} ${y})`} />
            )}
            <circle cx={x} cy={y} r={17} />
            <text x={x} y={y + 5} textAnchor="middle">
              {s.id}
            </text>
          </g>
        );
      })}
      <text x={C} y={C + 5} textAnchor="middle" className="cover-raft-caption">
        {leader ? `${leader} leads` : 'electing…'}
      </text>
      <text x={C} y={196} textAnchor="middle" className="cover-raft-term">
        term {term}
      </text>
    </svg>
  );
}

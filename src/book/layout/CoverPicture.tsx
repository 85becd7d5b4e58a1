/**
 * Slot for the cover's live Raft picture. The server and first load draw a still five-server ring
 * (a few hundred bytes of SVG, no script); the Raft core and its view load only once the slot is in
 * view (IntersectionObserver), so the cover's first-load JavaScript does not grow.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';

const CoverRaft = lazy(() => import('./CoverRaft'));

/** A still ring of five servers, shown until (and unless) the live picture loads. */
function Still() {
  return (
    <svg viewBox="0 0 180 200" className="cover-raft-svg" aria-hidden="true">
      {[0, 1, 2, 3, 4].map((i) => {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
        const x = 90 + 62 * Math.cos(a);
        const y = 90 + 62 * Math.sin(a);
        return (
          <g key={i} className="cover-raft-node cover-raft-follower">
            <circle cx={x.toFixed(1)} cy={y.toFixed(1)} r={17} />
            <text x={x.toFixed(1)} y={(y + 5).toFixed(1)} textAnchor="middle">
              {`S${i + 1}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The cover picture. */
export function CoverPicture() {
  const ref = useRef<HTMLElement>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setLive(true);
        io.disconnect();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return (
    <figure className="cover-raft" ref={ref} data-live={live || undefined}>
      <div role="img" aria-label="Five Raft servers in a ring electing a leader: election timers run down, one server becomes a candidate, wins a majority of votes and leads until it is replaced.">
        {live ? (
          <Suspense fallback={<Still />}>
            <CoverRaft />
          </Suspense>
        ) : (
          <Still />
        )}
      </div>
      <figcaption>
        Raft, live: five servers elect a leader. <Link to="/labs#lab-RaftLab">Crash one yourself</Link>
      </figcaption>
    </figure>
  );
}

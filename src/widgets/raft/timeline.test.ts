import { describe, expect, it } from 'vitest';
import { SeekableRun } from '../../sim/core';
import { raft } from '../../sim/raft';
import { placeLabels } from '../shared/labelPlacer';
import { glyphPositions, ringLayout } from './RaftCluster';
import { flightViews } from './selectors';
import { timeWindow, timelineItems } from './timeline';

const scenario = raft.scenarios[0];
const run = () => new SeekableRun(raft, { mechanism: raft.id, seed: scenario.seed, params: scenario.params, log: scenario.log });

describe('Raft timeline data', () => {
  it('classes every message; heartbeats and their replies are heartbeats, votes are elections', () => {
    const st = run().stateAt(900);
    const { arrows } = timelineItems(raft.trace(st));
    expect(arrows.length).toBeGreaterThan(20);
    for (const a of arrows) {
      if (a.label.startsWith('Heartbeat')) expect(a.cls).toBe('heartbeat');
      if (a.label.startsWith('RequestVote') || a.label.startsWith('Vote')) expect(a.cls).toBe('election');
    }
    // Every heartbeat that arrived got a reply classed as a heartbeat too: replies outnumber none.
    const hb = arrows.filter((a) => a.cls === 'heartbeat');
    expect(hb.filter((a) => a.label.startsWith('Append')).length).toBeGreaterThan(0);
    expect(arrows.filter((a) => a.cls === 'replication').length).toBe(0);
  });

  it('the window ends a little after the cursor, never before 0, and the whole run is the default', () => {
    expect(timeWindow(1000, 1500, 300)).toEqual([745, 1045]);
    expect(timeWindow(100, 1500, 300)).toEqual([0, 300]);
    expect(timeWindow(100, 1500, null)).toEqual([0, 1500]);
  });
});

describe('message glyphs', () => {
  it('never sit on a server or its role label, and their placed labels meet no server', () => {
    const r = run();
    for (let t = 150; t <= 1400; t += 7) {
      const st = r.stateAt(t);
      const pos = ringLayout(st.world.nodeIds);
      for (const g of glyphPositions(flightViews(st), pos)) {
        for (const p of pos.values()) {
          const inCircle = Math.hypot(g.x - p.x, g.y - p.y) < 24 + 6;
          const inRole = Math.abs(g.x - p.x) < 30 && g.y > p.y + 24 + 8 && g.y < p.y + 24 + 26;
          expect(inCircle || inRole).toBe(false);
        }
      }
    }
  });

  it('the placer leaves out a label rather than overlap', () => {
    const placed = placeLabels(
      [
        { key: 'a', x: 50, y: 50, w: 20, h: 10 },
        { key: 'b', x: 50, y: 50, w: 20, h: 10, candidates: [[6, -5]] },
      ],
      [],
    );
    expect(placed.has('a')).toBe(true);
    expect(placed.has('b')).toBe(false);
  });
});

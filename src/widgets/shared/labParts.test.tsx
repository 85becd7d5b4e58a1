// @vitest-environment jsdom
// The narration framing contract: every lab built on LabFrame marks the frame's parts, so a
// `focus <part>` cue always finds its element (docs/ARCHITECTURE.md, "Narration ↔ labs contract").
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import PartitionLab from '../partition/PartitionLab';
import ClockLab from '../clocks/ClockLab';
import { LAB_FRAME_PARTS, labPartSelector, partsOf } from './labParts';

function partsIn(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return LAB_FRAME_PARTS.filter((p) => doc.querySelector(labPartSelector(p)));
}

describe('lab parts', () => {
  it('LabFrame marks every frame part in a lab with a shared diagram and results', () => {
    expect(partsIn(renderToString(<PartitionLab scenario="ap-divergent-writes" />))).toEqual([...LAB_FRAME_PARTS]);
  });

  it('a lab that draws its own diagram has no shared "diagram" part', () => {
    expect(partsIn(renderToString(<ClockLab scenario="lww-loses-write" />))).not.toContain('diagram');
  });

  it('widgets may add parts of their own', () => {
    expect(partsOf({ parts: ['log'] })).toEqual([...LAB_FRAME_PARTS, 'log']);
    expect(partsOf(undefined)).toEqual([...LAB_FRAME_PARTS]);
  });

  it('escapes names in the selector', () => {
    expect(labPartSelector('a"b')).toBe('[data-lab-part="a\\"b"]');
  });
});

// @vitest-environment jsdom
import { act, useState } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { installLabTestEnvironment, mountHydrated } from '../testing';
import { ChangePulse, MotionScope, Presence, SlideIn } from '.';

installLabTestEnvironment();

function Demo({ ready, items, role }: { ready: boolean; items: string[]; role: string }) {
  return (
    <MotionScope ready={ready}>
      <div>
        <Presence>
          {items.map((i) => (
            <SlideIn key={i} className="entry" data={{ 'data-item': i }}>
              {i}
            </SlideIn>
          ))}
        </Presence>
        <svg>
          <ChangePulse changeKey={role}>
            <circle r={4} />
          </ChangePulse>
        </svg>
      </div>
    </MotionScope>
  );
}

describe('shared/motion', () => {
  it('server-renders every element settled (visible, untransformed), so the poster reads without JS', () => {
    const html = renderToString(<Demo ready={false} items={['a', 'b']} role="follower" />);
    expect(html).toContain('data-item="a"');
    expect(html).not.toMatch(/opacity:\s*0[;"]/);
    expect(html).not.toMatch(/translateX\(-/);
  });

  it('hydrates its own server HTML without mismatch warnings', async () => {
    const { errors } = await mountHydrated(Demo, { ready: false, items: ['a'], role: 'leader' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
  });

  it('an element added after hydration starts away and slides in; one removed leaves (after its exit)', async () => {
    let setItems: (x: string[]) => void = () => {};
    function Host() {
      const [items, set] = useState(['a']);
      setItems = set;
      return <Demo ready items={items} role="follower" />;
    }
    const { container } = await mountHydrated(Host, {});
    await act(async () => setItems(['a', 'b']));
    const b = container.querySelector<HTMLElement>('[data-item="b"]')!;
    expect(b).not.toBeNull();
    // Mounted at its initial (away) values: not yet at rest.
    expect(b.style.opacity === '0' || /translateX\(-/.test(b.style.transform)).toBe(true);
    expect(container.querySelector<HTMLElement>('[data-item="a"]')!.style.opacity).not.toBe('0');
    await act(async () => setItems(['a']));
    // The exit lasts 0.2 s of wall time; on a loaded CI machine frames can stall, so wait for the
    // removal itself (up to 10 s) rather than a fixed sleep, and check it was not instant.
    expect(container.querySelector('[data-item="b"]')).not.toBeNull();
    for (let waited = 0; waited < 10_000 && container.querySelector('[data-item="b"]'); waited += 50) {
      await act(async () => new Promise((r) => setTimeout(r, 50)));
    }
    expect(container.querySelector('[data-item="b"]')).toBeNull();
  });
});

/**
 * MDX `wrapper`: groups a chapter's top-level blocks into Suspense boundaries. Nothing suspends, so
 * the server HTML is the same apart from boundary comments; the point is hydration. React hydrates
 * the root in one uninterruptible task but hydrates dehydrated Suspense boundaries in later,
 * time-sliced passes, so a long chapter no longer blocks the main thread for a second on a phone.
 */
import { Children, Suspense, type ReactNode } from 'react';

/** Blocks per boundary: small enough to slice well, large enough to keep boundary overhead low. */
export const BLOCKS_PER_CHUNK = 6;

/** Split children into chunks of at most `size` (pure; exported for tests). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The wrapper component the MDX registry provides. */
export function ChunkedWrapper({ children }: { children?: ReactNode }) {
  const blocks = Children.toArray(children);
  return (
    <>
      {chunk(blocks, BLOCKS_PER_CHUNK).map((group, i) => (
        <Suspense key={i} fallback={null}>
          {group}
        </Suspense>
      ))}
    </>
  );
}

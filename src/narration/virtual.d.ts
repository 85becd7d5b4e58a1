/** Types for the modules produced by `src/narration/vite-plugin.ts`. */
declare module 'virtual:narration' {
  import type { Timeline } from './types.ts';
  /** Chapter slug → lazy loader of its compiled narration timeline. */
  export const narrations: Record<string, () => Promise<Timeline>>;
}

declare module '*.narration.md' {
  import type { Timeline } from './types.ts';
  const timeline: Timeline;
  export default timeline;
}

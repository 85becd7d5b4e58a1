/** Types for the modules produced by `src/narration/compile/vite-plugin.ts`. */
declare module 'virtual:narration' {
  import type { CompiledNarration } from '../types.ts';
  /** Chapter slug → lazy loader of its compiled narration timeline. */
  export const narrations: Record<string, () => Promise<CompiledNarration>>;
}

declare module '*.narration.md' {
  import type { CompiledNarration } from '../types.ts';
  const timeline: CompiledNarration;
  export default timeline;
}

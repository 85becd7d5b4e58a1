/** The merged glossary, indexed by id. */
import glossary from 'virtual:book/glossary';
import type { GlossaryEntry } from './content/types';

/** All glossary entries, sorted by term. */
export const GLOSSARY: readonly GlossaryEntry[] = glossary;

const byId = new Map(glossary.map((g) => [g.id, g]));

/** Look up one entry. */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return byId.get(id);
}

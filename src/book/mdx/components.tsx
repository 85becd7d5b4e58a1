/**
 * The one MDX component registry: every chapter can use these tags without imports
 * (react.dev's MDXComponents pattern). Labs come from the widget registry.
 */
import { Summary, KeyConcept, Misconception, DeepDive, Remember } from './Callouts';
import { Figure } from './Figure';
import { Term } from './Term';
import { Cite, References } from './Cite';
import { Exercise } from './Exercise';
import { H2, H3, Table, Pre } from './Headings';
import { labComponents } from '../../widgets/registry';
import { ChunkedWrapper } from './ChunkedWrapper';

/** Components available to every chapter. */
export const mdxComponents = {
  wrapper: ChunkedWrapper,
  h2: H2,
  h3: H3,
  table: Table,
  pre: Pre,
  Summary,
  KeyConcept,
  Misconception,
  DeepDive,
  Remember,
  Figure,
  Term,
  Cite,
  References,
  Exercise,
  ...labComponents,
};

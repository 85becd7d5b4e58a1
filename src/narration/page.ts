/**
 * What a chapter page offers to narration cues: lab instances, key-concept cards and figures,
 * read from the chapter's MDX source. A regex scan is enough because the MDX components are
 * written as plain JSX tags with string-literal props (see docs/ARCHITECTURE.md).
 */

/** One lab instance on a page. */
export interface PageLab {
  /** Instance id: the `id` prop, else the `scenario` prop, else the widget's first scenario. */
  readonly id: string;
  readonly widget: string;
  /** Scenario given on the tag, if any. */
  readonly scenario?: string;
  readonly line: number;
}

/** Cue targets found on one chapter page. */
export interface ChapterPage {
  readonly file: string;
  readonly slug?: string;
  readonly title?: string;
  readonly labs: readonly PageLab[];
  readonly cards: ReadonlySet<string>;
  readonly figures: ReadonlySet<string>;
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function prop(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{\\s*["']([^"']*)["']\\s*\\})`).exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function frontmatterField(source: string, key: string): string | undefined {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!fm) return undefined;
  const m = new RegExp(`^${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(fm[1]);
  return m ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

/**
 * Scan a chapter's MDX for cue targets. `defaultScenario` resolves a lab tag that names neither
 * `id` nor `scenario` (its instance id is then its first scenario).
 */
export function scanChapter(source: string, file: string, defaultScenario: (widget: string) => string | undefined): ChapterPage {
  const labs: PageLab[] = [];
  const cards = new Set<string>();
  const figures = new Set<string>();
  // Props may span lines and quoted values may contain '>', so attributes are matched token by token.
  const tag = /<([A-Z][A-Za-z0-9]*)((?:\s+|[^\s>"'{/]+|"[^"]*"|'[^']*'|\{[^}]*\}|\/(?!>))*)\/?>/g;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const name = m[1];
    const attrs = m[2] ?? '';
    if (name === 'KeyConcept') {
      const id = prop(attrs, 'id');
      if (id) cards.add(id);
    } else if (name === 'Figure') {
      const id = prop(attrs, 'id');
      if (id) figures.add(id);
    } else if (name.endsWith('Lab')) {
      const scenario = prop(attrs, 'scenario');
      const id = prop(attrs, 'id') ?? scenario ?? defaultScenario(name) ?? name;
      labs.push({ id, widget: name, scenario, line: lineAt(source, m.index) });
    }
  }
  return { file, slug: frontmatterField(source, 'slug'), title: frontmatterField(source, 'title'), labs, cards, figures };
}

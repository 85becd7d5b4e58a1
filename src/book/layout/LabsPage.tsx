/** Every lab in one place, each on its default scenario, with a link to the chapter that explains it. */
import { widgetManifests } from '../../widgets/manifest';
import { labComponents } from '../../widgets/registry';
import { useDocumentTitle } from './useDocumentTitle';

/** Route element for `/labs`. */
export function LabsPage() {
  useDocumentTitle('All labs');
  const labs = widgetManifests.filter((w) => labComponents[w.name]);
  return (
    <article className="labs-page prose" aria-labelledby="labs-title">
      <h1 id="labs-title">All labs</h1>
      <p>
        Every lab is a deterministic simulation: the same seed and the same actions always replay the same run, so you can
        pause, step backwards and share an exact moment by link.
      </p>
      {labs.length === 0 && <p>No labs are included in this build.</p>}
      {labs.map((w) => {
        const Lab = labComponents[w.name];
        return (
          <section key={w.name} aria-labelledby={`lab-${w.name}`}>
            <h2 id={`lab-${w.name}`}>{w.name.replace(/Lab$/, ' lab')}</h2>
            {/* Labs with optional experiment panels show them here: this page is for playing. */}
            <Lab id={`labs-${w.name}`} scenario={w.scenarios[0]} experiments />
          </section>
        );
      })}
    </article>
  );
}

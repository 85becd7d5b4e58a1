/** Result tables for the sharding experiments: measured figures beside their closed forms. */
import { SCHEME_LABEL, type RingResult, type SchemesResult } from '../../sim/sharding';

const f = (x: number, d = 3) => x.toFixed(d);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The `ring` experiment's result. */
export function RingResultTable({ r }: { r: RingResult }) {
  return (
    <table className="shard-loads" data-testid="ring-result">
      <caption className="lab-description">{`${r.trials} layouts. Closed forms assume independent uniform hashes.`}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Measured</th>
          <th scope="col">Closed form</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Keys per node: relative std. dev. (RMS)</th>
          <td>{f(r.relStdDevRms)}</td>
          <td>{`${f(r.expectedRelStdDev)} (1/√k = ${f(r.oneOverSqrtK)})`}</td>
        </tr>
        <tr>
          <th scope="row">Arc shares alone: relative std. dev.</th>
          <td>{f(r.arcShareRelStdRms)}</td>
          <td>{f(r.arcShareRelStdExpected)}</td>
        </tr>
        <tr>
          <th scope="row">Busiest node over the mean</th>
          <td>{`${f(r.maxOverMean, 2)} (worst ${f(r.maxOverMeanWorst, 2)})`}</td>
          <td>—</td>
        </tr>
        <tr>
          <th scope="row">Keys moved when a node joins</th>
          <td>{pct(r.movedFractionOnAdd)}</td>
          <td>{`${pct(r.idealMovedFraction)} (mod N: ${pct(r.modNMovedFraction)})`}</td>
        </tr>
        <tr>
          <th scope="row">Keys moved anywhere but the new node</th>
          <td>{r.movedElsewhere}</td>
          <td>0</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The `schemes` experiment's result. */
export function SchemesResultTable({ r }: { r: SchemesResult }) {
  return (
    <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Schemes compared">
      <table className="shard-loads" data-testid="schemes-result">
        <caption className="lab-description">{`Ideal: ${pct(r.ideal.movedOnAdd)} moved on a join, ${pct(r.ideal.movedOnRemove)} on a leave; the hottest key alone draws ${pct(r.ideal.hottestKeyShare)} of requests.`}</caption>
        <thead>
          <tr>
            <th scope="col">Scheme</th>
            <th scope="col">Key spread</th>
            <th scope="col">Moved on join</th>
            <th scope="col">Moved on leave</th>
            <th scope="col">Zipf max/mean</th>
            <th scope="col">Salted</th>
            <th scope="col">New writes on busiest node (timestamps / prefixed)</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((x) => (
            <tr key={x.scheme}>
              <th scope="row">{SCHEME_LABEL[x.scheme]}</th>
              <td>{f(x.relStdDev)}</td>
              <td>{pct(x.movedFractionOnAdd)}</td>
              <td>{pct(x.movedFractionOnRemove)}</td>
              <td>{f(x.zipfMaxOverMean, 2)}</td>
              <td>{f(x.saltedMaxOverMean, 2)}</td>
              <td>{`${pct(x.monotonicHotShare)} / ${pct(x.prefixedHotShare)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

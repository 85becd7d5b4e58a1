/**
 * ShardingLab (Chapter 8): the same keys placed by hash mod N, a consistent-hash ring with virtual
 * nodes, jump hash, rendezvous hashing, key ranges and fixed partitions. The reader adds and
 * removes nodes and sees exactly which keys move and where, the measured fraction beside the
 * ideal, the load per node, and hot spots from skewed popularity and ever-growing keys.
 */
import { SCHEMES, SCHEME_LABEL, ringExperiment, schemesExperiment, type KeyKind, type SchemeId, type ShardingParams } from '../../sim/sharding';
import { LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { shardingLabDef } from './definition';
import { ShardRing } from './ShardRing';
import { RingResultTable, SchemesResultTable } from './ShardResults';
import { balance, circleModel, describeShardAction, movedSummary, nodeColor, shardCaption, vnodeCurve } from './selectors';
import { VnodeCurve } from './VnodeCurve';
import './sharding.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const KEY_KINDS: readonly KeyKind[] = ['random', 'timestamps', 'prefixed'];
const KIND_LABEL: Record<KeyKind, string> = { random: 'random ids', timestamps: 'timestamps', prefixed: 'hash(sensor) + timestamp' };

function LabView(props: LabProps) {
  const lab = useMechanismLab(shardingLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const set = (patch: Partial<ShardingParams>) => lab.reader.setParams({ ...params, ...patch });
  const model = circleModel(state);
  const b = balance(state);
  const m = movedSummary(state);
  const caption = shardCaption(state);
  const nodes = state.layout.nodes;
  const removable = new Set(state.layout.removable());
  const maxReq = Math.max(...b.rows.map((r) => r.requests), 1e-9);
  const centre = m
    ? [`${m.node} ${m.kind === 'add' ? 'joined' : 'left'}`, `${pct(m.measured)} of keys moved`, `ideal ${pct(m.ideal)}`]
    : [`${nodes.length} nodes`, `${state.keys.length} keys`, SCHEME_LABEL[state.layout.scheme]];

  const picture = (
    <div className="shard-picture" data-testid="shard-picture">
      <div>
        <ShardRing model={model} centre={centre} title={`${SCHEME_LABEL[state.layout.scheme]}: ${state.keys.length} keys on nodes ${nodes.join(', ')}${m ? `; ${m.count} keys moved when ${m.node} ${m.kind === 'add' ? 'joined' : 'left'}` : ''}`} />
        <p className="shard-axis">{model.axis}</p>
      </div>
      <div>
        {m && (
          <p className="shard-moved-stats" data-testid="shard-moved">
            <strong>{`Moved ${m.count} keys: ${pct(m.measured)}`}</strong>
            {` · ideal ${pct(m.ideal)} · hash mod N would move ${pct(m.modN)}`}
            {m.to.length > 0 && ` · to ${m.to.map(([n, c]) => `${n} ${c}`).join(', ')}`}
          </p>
        )}
        <table className="shard-loads" data-testid="shard-loads">
          <caption className="lab-description">{state.params.keyKind === 'random' ? (state.params.zipf > 0 ? 'Load per node: keys stored and share of requests (Zipf popularity).' : 'Load per node: keys stored and share of requests.') : 'Load per node: keys stored and share of the newest writes.'}</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Keys</th>
              <th scope="col">Requests (dashed: mean)</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr key={r.node} data-hot={r.hottest && b.requestMaxOverMean > 1.25 ? 'true' : 'false'}>
                <th scope="row">
                  <span className="shard-chip" style={{ background: nodeColor(r.colorIndex) }} aria-hidden="true" />
                  {r.node}
                </th>
                <td>{r.keys}</td>
                <td>
                  <div className="shard-bar" aria-hidden="true">
                    <span style={{ width: `${(r.requests / maxReq) * 100}%`, background: nodeColor(r.colorIndex) }} />
                    <i style={{ left: `${(1 / nodes.length / maxReq) * 100}%` }} />
                  </div>
                </td>
                <td>{pct(r.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {state.layout.ring && <VnodeCurve points={vnodeCurve(nodes.length, state.seed)} current={state.layout.ring.vnodes} n={nodes.length} />}
        <p className="shard-stats" data-testid="shard-stats">
          {`Keys per node: spread ${pct(b.keysRelStd)}${b.expectedRelStd !== null ? ` (expected ≈ ${pct(b.expectedRelStd)})` : ''}, busiest ${b.keysMaxOverMean.toFixed(2)}× the mean. Requests: busiest ${b.requestMaxOverMean.toFixed(2)}× the mean.`}
        </p>
      </div>
    </div>
  );

  const actions = (
    <>
      <fieldset>
        <legend>Scheme</legend>
        <SelectField<SchemeId> label="Placement" value={params.scheme} options={SCHEMES} format={(x) => SCHEME_LABEL[x]} disabled={off} onChange={(scheme) => set({ scheme })} />
        {params.scheme === 'ring' && (
          <SelectField<number> label="Points per node" value={params.vnodes} options={withCurrent([1, 2, 4, 8, 16, 32, 64, 100, 200, 500, 1000], params.vnodes)} disabled={off} onChange={(vnodes) => set({ vnodes })} />
        )}
        {params.scheme === 'fixed' && (
          <SelectField<number> label="Partitions" value={params.partitions} options={withCurrent([16, 32, 64, 128, 256, 1024], params.partitions)} disabled={off} onChange={(partitions) => set({ partitions })} />
        )}
        {params.scheme === 'range' && (
          <SelectField<number> label="Split above" value={params.maxRangeKeys} options={withCurrent([10, 20, 40, 100, 200], params.maxRangeKeys)} format={(x) => `${x} keys`} disabled={off} onChange={(maxRangeKeys) => set({ maxRangeKeys })} />
        )}
      </fieldset>
      <fieldset>
        <legend>Nodes</legend>
        <button type="button" className="lab-btn" disabled={off || state.nextNode >= 12} onClick={() => lab.reader.act({ type: 'shard/add' })}>
          Add a node
        </button>
        {nodes.map((n) => (
          <button
            key={n}
            type="button"
            className="lab-btn"
            disabled={off || !removable.has(n) || nodes.length <= 1}
            title={removable.has(n) ? undefined : 'Jump hash can only remove its last bucket'}
            onClick={() => lab.reader.act({ type: 'shard/remove', node: n })}
          >
            {`Remove ${n}`}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>Keys</legend>
        <SelectField<number> label="How many" value={params.keys} options={withCurrent([100, 400, 1000, 2000], params.keys)} disabled={off} onChange={(keys) => set({ keys })} />
        <SelectField<KeyKind> label="Keys are" value={params.keyKind} options={KEY_KINDS} format={(x) => KIND_LABEL[x]} disabled={off} onChange={(keyKind) => set({ keyKind })} />
        {params.keyKind === 'random' && (
          <>
            <SelectField<number> label="Popularity skew (Zipf)" value={params.zipf} options={withCurrent([0, 0.5, 0.8, 1, 1.1, 1.5], params.zipf)} format={(x) => (x === 0 ? 'none' : String(x))} disabled={off} onChange={(zipf) => set({ zipf })} />
            <SelectField<number> label="Salt the hottest" value={params.salt} options={withCurrent([0, 1, 3, 10], params.salt)} format={(x) => (x === 0 ? 'no keys' : `${x} key${x > 1 ? 's' : ''}`)} disabled={off} onChange={(salt) => set({ salt })} />
          </>
        )}
      </fieldset>
    </>
  );

  const pool = defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency);
  return (
    <LabFrame lab={lab} title="Sharding lab: where keys live and what moves" caption={props.caption} lanes={[]} spaceTime={false} describeAction={describeShardAction} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="shard-caption">
      {props.experiments && (
        <>
          <ExperimentPanel
            experiment={ringExperiment}
            makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
            pool={pool}
            title="Experiment: ring balance against virtual nodes"
            intro="Many independent rings with the same settings: how unevenly keys fall, and how many move when one node joins, beside the closed forms."
            labels={{ nodes: 'Nodes', vnodes: 'Points per node (k)', keys: 'Keys', trials: 'Layouts', seed: 'Seed' }}
            initial={{ keys: 20_000, trials: 20 }}
            unitName="layouts"
            describe={(out) => `Done. Spread ${out.results.relStdDevRms.toFixed(3)} against ${out.results.expectedRelStdDev.toFixed(3)} expected; ${pct(out.results.movedFractionOnAdd)} moved on a join against ${pct(out.results.idealMovedFraction)}.`}
            render={(out) => <RingResultTable r={out.results} />}
          />
          <ExperimentPanel
            experiment={schemesExperiment}
            makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
            pool={pool}
            title="Experiment: every scheme on the same keys"
            intro="The six schemes on the same keys: balance, keys moved when a node joins and leaves, the busiest node under Zipf popularity before and after salting, and where new writes go when keys only grow."
            labels={{ nodes: 'Nodes', keys: 'Keys', vnodes: 'Ring points per node', partitions: 'Fixed partitions', maxRangeKeys: 'Range split size', zipf: 'Zipf exponent', hotKeys: 'Hot keys salted', prefixBuckets: 'Prefix buckets', trials: 'Layouts per scheme', seed: 'Seed' }}
            unitName="runs"
            describe={(out) => `Done. Hash mod N moved ${pct(out.results.rows[0].movedFractionOnAdd)} of keys on a join; the consistent schemes about ${pct(out.results.ideal.movedOnAdd)}.`}
            render={(out) => <SchemesResultTable r={out.results} />}
          />
        </>
      )}
    </LabFrame>
  );
}

/** The ShardingLab MDX component. */
const ShardingLab = withLabBoundary('Sharding lab', LabView);
export default ShardingLab;

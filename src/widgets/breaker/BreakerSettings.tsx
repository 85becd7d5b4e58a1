/** Every breaker and caller setting the reader can change (each change replays the run with the same log). */
import { SelectField, withCurrent } from '../shared';
import { R4J_DEFAULTS, type BreakerConfig, type BreakerScope, type CallerParams } from '../../sim/breaker';

const ms = (x: number) => (x >= 1000 ? `${x / 1000} s` : `${x} ms`);

/** The settings form. */
export function BreakerSettings({ params, disabled, onChange }: { params: CallerParams; disabled: boolean; onChange(p: CallerParams): void }) {
  const b = params.breaker;
  const setB = (patch: Partial<BreakerConfig>) => onChange({ ...params, breaker: { ...b, ...patch } });
  const isDefault = (Object.keys(R4J_DEFAULTS) as (keyof BreakerConfig)[]).every((k) => R4J_DEFAULTS[k] === b[k]);
  return (
    <>
      <fieldset>
        <legend>Caller</legend>
        <SelectField<BreakerScope> label="Breakers" value={params.scope} options={['none', 'per-dependency', 'per-host']} format={(x) => (x === 'none' ? 'none' : x === 'per-dependency' ? 'one per dependency' : 'one per host')} disabled={disabled} onChange={(scope) => onChange({ ...params, scope })} />
        <SelectField<number> label="Hosts" value={params.hosts} options={withCurrent([1, 3], params.hosts)} format={String} disabled={disabled} onChange={(hosts) => onChange({ ...params, hosts })} />
        <label className="lab-field">
          <input type="checkbox" checked={params.fallback} disabled={disabled} onChange={(e) => onChange({ ...params, fallback: e.currentTarget.checked })} />
          <span>Fallback answer for A</span>
        </label>
        <SelectField<number> label="Call timeout" value={params.callTimeout} options={withCurrent([500, 1000, 2000, 5000], params.callTimeout)} format={ms} disabled={disabled} onChange={(callTimeout) => onChange({ ...params, callTimeout })} />
      </fieldset>
      <details className="brk-settings">
        <summary>{`Breaker settings (resilience4j names)${isDefault ? ': the defaults' : ''}`}</summary>
        <fieldset>
          <legend>Opening</legend>
          <SelectField<string> label="Window" value={b.slidingWindowType} options={['COUNT_BASED', 'TIME_BASED']} format={(x) => (x === 'COUNT_BASED' ? 'last N calls' : 'last N seconds')} disabled={disabled} onChange={(v) => setB({ slidingWindowType: v as BreakerConfig['slidingWindowType'] })} />
          <SelectField<number> label="slidingWindowSize" value={b.slidingWindowSize} options={withCurrent([5, 10, 20, 50, 100], b.slidingWindowSize)} format={String} disabled={disabled} onChange={(slidingWindowSize) => setB({ slidingWindowSize })} />
          <SelectField<number> label="minimumNumberOfCalls" value={b.minimumNumberOfCalls} options={withCurrent([1, 5, 10, 20, 100], b.minimumNumberOfCalls)} format={String} disabled={disabled} onChange={(minimumNumberOfCalls) => setB({ minimumNumberOfCalls })} />
          <SelectField<number> label="failureRateThreshold" value={b.failureRateThreshold} options={withCurrent([10, 25, 50, 75, 100], b.failureRateThreshold)} format={(x) => `${x}%`} disabled={disabled} onChange={(failureRateThreshold) => setB({ failureRateThreshold })} />
          <SelectField<number> label="slowCallRateThreshold" value={b.slowCallRateThreshold} options={withCurrent([25, 50, 100], b.slowCallRateThreshold)} format={(x) => `${x}%`} disabled={disabled} onChange={(slowCallRateThreshold) => setB({ slowCallRateThreshold })} />
          <SelectField<number> label="slowCallDurationThreshold" value={b.slowCallDurationThreshold} options={withCurrent([500, 1000, 2000, 60000], b.slowCallDurationThreshold)} format={ms} disabled={disabled} onChange={(slowCallDurationThreshold) => setB({ slowCallDurationThreshold })} />
        </fieldset>
        <fieldset>
          <legend>Recovering</legend>
          <SelectField<number> label="waitDurationInOpenState" value={b.waitDurationInOpenState} options={withCurrent([1000, 5000, 10000, 30000, 60000], b.waitDurationInOpenState)} format={ms} disabled={disabled} onChange={(waitDurationInOpenState) => setB({ waitDurationInOpenState })} />
          <SelectField<number> label="permittedNumberOfCallsInHalfOpenState" value={b.permittedNumberOfCallsInHalfOpenState} options={withCurrent([1, 2, 5, 10], b.permittedNumberOfCallsInHalfOpenState)} format={String} disabled={disabled} onChange={(permittedNumberOfCallsInHalfOpenState) => setB({ permittedNumberOfCallsInHalfOpenState })} />
          <label className="lab-field">
            <input type="checkbox" checked={b.automaticTransitionFromOpenToHalfOpenEnabled} disabled={disabled} onChange={(e) => setB({ automaticTransitionFromOpenToHalfOpenEnabled: e.currentTarget.checked })} />
            <span>automaticTransitionFromOpenToHalfOpenEnabled</span>
          </label>
          <button type="button" className="lab-btn" disabled={disabled || isDefault} onClick={() => onChange({ ...params, breaker: R4J_DEFAULTS })}>
            Back to resilience4j defaults
          </button>
        </fieldset>
      </details>
    </>
  );
}

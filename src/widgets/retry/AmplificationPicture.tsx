/**
 * The amplification picture: the same client traffic through three call chains side by side,
 * every layer retrying, one layer retrying, and a retry budget. Bars are calls each layer has
 * received per client request so far, so k³ appears as a bar 27 times the client's. Narrower than
 * 520 px, the three columns stack so their text keeps its real size.
 */
import type { AmpState } from '../../sim/retry';
import { ampColumns, ampRecentDbLoad, layerNames } from './selectors';

const COL_H = 176;
const HEAD = 22;

/** Props: the state at the cursor and the drawing's width in CSS pixels. */
export function AmplificationPicture({ state, width = 640 }: { state: AmpState; width?: number }) {
  const cols = ampColumns(state);
  const k = state.params.attempts;
  const max = Math.max(k ** 3, ...cols.flatMap((c) => c.perRequest), 1);
  const stacked = width < 520;
  const colW = stacked ? width : width / cols.length;
  const H = HEAD + (stacked ? cols.length : 1) * COL_H;
  const barH = 100;
  const db = ampRecentDbLoad(state);
  return (
    <figure className="retry-figure">
      <svg className="retry-svg" viewBox={`0 0 ${width} ${H}`} role="img" aria-label={cols.map((c) => `${c.label}: ${c.perRequest.map((v, i) => `${layerNames[i]} ${v.toFixed(1)}`).join(', ')} calls per client request`).join('. ')}>
        <text x={width / 2} y={14} textAnchor="middle" className="retry-label" data-tone={state.dbFailing ? 'bad' : 'ok'}>
          {state.dbFailing ? `Database failing (${Math.round(state.params.failRate * 100)}% of calls)` : 'Database healthy'}
        </text>
        {cols.map((c, ci) => {
          const x0 = stacked ? 0 : ci * colW;
          const y0 = HEAD + (stacked ? ci * COL_H : 0);
          const barTop = y0 + 24;
          const bw = Math.min(90, (colW - 40) / 3);
          const left = x0 + (colW - 3 * bw) / 2;
          return (
            <g key={c.policy} data-policy={c.policy}>
              <text x={x0 + colW / 2} y={y0 + 12} textAnchor="middle" className="retry-label retry-strong">
                {c.label}
              </text>
              {c.perRequest.map((v, li) => {
                const h = (v / max) * barH;
                const bx = left + li * bw;
                return (
                  <g key={li}>
                    <rect x={bx + 3} y={barTop + barH - h} width={bw - 6} height={Math.max(0, h)} className="retry-bar" data-layer={layerNames[li]} data-tone={li === 2 && state.dbFailing ? 'bad' : undefined} />
                    <text x={bx + bw / 2} y={barTop + barH - h - 4} textAnchor="middle" className="retry-label retry-small">
                      {c.requests > 0 ? `×${v < 10 ? v.toFixed(1) : Math.round(v)}` : ''}
                    </text>
                    <text x={bx + bw / 2} y={barTop + barH + 14} textAnchor="middle" className="retry-label retry-small">
                      {layerNames[li] === 'database' ? 'db' : layerNames[li]}
                    </text>
                  </g>
                );
              })}
              <text x={x0 + colW / 2} y={barTop + barH + 32} textAnchor="middle" className="retry-label retry-small">
                {`${Math.round(db[ci]!)} db calls/s · ${c.succeeded} ok · ${c.failed} failed`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="retry-stats">
        <span>{`${cols[0]!.requests} client requests`}</span>
        <span>{`k = ${k} attempts per caller`}</span>
        <span>{`Budget: ${Math.round(state.params.budgetRatio * 100)}% of requests + ${state.params.budgetBurst}; refused ${cols[2]!.refused} retries`}</span>
      </figcaption>
    </figure>
  );
}

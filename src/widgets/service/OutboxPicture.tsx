/**
 * The outbox picture, in three columns that stack at 360 px: the service with its database (orders,
 * and the outbox table or the log position CDC has saved), the broker's event log, and the consumer's
 * received events with duplicates and ghosts marked. Steps still to do and messages on the wire sit
 * between them. Plain HTML tables: each cell is text a screen reader reads in order.
 */
import type { OutboxModel } from './selectors';

const MODE_TITLE: Record<OutboxModel['mode'], string> = {
  'db-first': 'Dual write: database, then broker',
  'publish-first': 'Dual write: broker, then database',
  outbox: 'Transactional outbox + polling relay',
  cdc: 'Change data capture: relay tails the log',
};

/** Props: the model from `outboxModel`. */
export function OutboxPicture({ m }: { m: OutboxModel }) {
  const c = m.counts;
  const lost = new Set(c.lostIds);
  return (
    <figure className="svc-figure">
      <div className="svc-outbox" data-testid="outbox-picture" data-mode={m.mode}>
        <section className="svc-col" data-down={!m.serviceUp} aria-label="Service and its database">
          <h4 className="svc-col-title">{m.serviceUp ? 'service + database' : 'service ✕ (database kept)'}</h4>
          <p className="svc-col-sub">{MODE_TITLE[m.mode]}</p>
          <table className="svc-table">
            <caption>Orders table</caption>
            <tbody>
              {m.orders.length === 0 ? (
                <tr>
                  <td>none yet</td>
                </tr>
              ) : (
                m.orders.map((id, i) => (
                  <tr key={id} data-tone={lost.has(id) ? 'bad' : undefined}>
                    <td>{`order ${id}`}</td>
                    <td>{m.mode === 'cdc' ? (i < m.cdcSaved ? 'log: saved' : i < m.cdcRead ? 'log: read' : 'log: new') : lost.has(id) ? 'event lost' : ''}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          {m.mode === 'outbox' && (
            <table className="svc-table">
              <caption>Outbox table</caption>
              <tbody>
                {m.outbox.length === 0 ? (
                  <tr>
                    <td>empty</td>
                  </tr>
                ) : (
                  m.outbox.map((r) => (
                    <tr key={r.id} data-tone={r.published ? 'ok' : r.sending ? 'warn' : undefined}>
                      <td>{`e${r.id}`}</td>
                      <td>{r.published ? 'sent ✓' : r.sending ? 'publishing…' : 'unsent'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          )}
          {m.pending.length > 0 && (
            <ul className="svc-steps" aria-label="Steps still to do">
              {m.pending.map((p) => (
                <li key={p.id}>{`order ${p.id}: ${p.step === 'commit' ? 'commit' : 'publish'} next`}</li>
              ))}
            </ul>
          )}
        </section>
        <section className="svc-col" aria-label="Broker">
          <h4 className="svc-col-title">broker</h4>
          <p className="svc-col-sub">{`${m.brokerEvents.length} event${m.brokerEvents.length === 1 ? '' : 's'} published`}</p>
          <p className="svc-chips">{m.brokerEvents.length === 0 ? 'none yet' : m.brokerEvents.map((id, i) => <span key={i} className="svc-chip">{`e${id}`}</span>)}</p>
          {m.flights.length > 0 && (
            <p className="svc-col-sub" aria-label="On the wire">
              {'On the wire: '}
              {m.flights.map((f) => (
                <span key={f.id} className="svc-chip" data-tone={f.tone}>{`${f.label} → ${f.to}`}</span>
              ))}
            </p>
          )}
        </section>
        <section className="svc-col" aria-label="Consumer">
          <h4 className="svc-col-title">consumer</h4>
          <p className="svc-col-sub">{m.dedup ? 'skips ids it has applied' : 'applies everything it gets'}</p>
          <p className="svc-chips" data-testid="outbox-received">
            {m.received.length === 0
              ? 'nothing yet'
              : m.received.map((r, i) => (
                  <span key={i} className="svc-chip" data-tone={r.ghost ? 'bad' : r.duplicate ? 'warn' : 'ok'}>
                    {`e${r.id}${r.ghost ? ' ghost' : r.duplicate ? (m.dedup ? ' dup, skipped' : ' dup, applied') : ''}`}
                  </span>
                ))}
          </p>
        </section>
      </div>
      <p className="svc-stats" data-testid="outbox-counts">
        <span>{`committed ${c.committed}`}</span>
        <span>{`delivered ${c.delivered}`}</span>
        <span data-tone={c.lost > 0 ? 'bad' : undefined}>{`lost ${c.lost}`}</span>
        <span data-tone={c.ghosts > 0 ? 'bad' : undefined}>{`ghosts ${c.ghosts}`}</span>
        <span data-tone={c.duplicates > 0 ? 'warn' : undefined}>{`duplicates ${c.duplicates}`}</span>
        {c.pending > 0 && <span>{`on the way ${c.pending}`}</span>}
      </p>
    </figure>
  );
}

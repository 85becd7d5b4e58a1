/** ConsistencyLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { historyMechanism, type HistoryState } from '../../sim/consistency';
import type { HistoryParams } from '../../sim/consistency';
import { parsed, type LabDefinition } from '../shared/definition';

const history = (raw: unknown, usage: string) => parsed(historyMechanism, raw, usage);
const firstOp = historyMechanism.scenarios[0].params.ops[0];
const firstOpSpan = (firstOp.ret ?? firstOp.call) - firstOp.call;
const int = (s: string | undefined) => (s !== undefined && /^-?\d+$/.test(s) ? Number(s) : NaN);

/** The lab's definition (module constant: the hook keys on its identity). */
export const consistencyLabDef: LabDefinition<HistoryState, HistoryParams> = {
  widget: 'ConsistencyLab',
  mechanisms: [historyMechanism],
  // No network: playing reveals the history's invocations and responses, so the step is one
  // operation, call to return, as the default scenario draws it.
  hop: () => ({ ms: firstOpSpan, what: 'operation (call to return)' }),
  duration: () => 120,
  commands: {
    // write <client> <value> <call> <ret|?> · read <client> <value|none> <call> <ret|?> · delete <opId> · generate <leader|local-reads|any-replica> [seed] · clear
    write: (a) => history({ type: 'op/add', op: { client: a[0], kind: 'write', value: int(a[1]), output: null, call: int(a[2]), ret: a[3] === '?' ? null : int(a[3]) } }, `write needs: client value call ret (ret may be ?), got "${a.join(' ')}"`),
    read: (a) => history({ type: 'op/add', op: { client: a[0], kind: 'read', value: null, output: a[1] === 'none' ? null : int(a[1]), call: int(a[2]), ret: a[3] === '?' ? null : int(a[3]) } }, `read needs: client value call ret, got "${a.join(' ')}"`),
    delete: (a) => history({ type: 'op/delete', id: int(a[0]) }, `delete needs an operation number, got "${a[0]}"`),
    generate: (a) => history({ type: 'history/generate', settings: { mode: a[0], ...(a[1] !== undefined ? { seed: int(a[1]) } : {}) } }, `generate needs a mode (leader, local-reads, any-replica) and optionally a seed, got "${a.join(' ')}"`),
    clear: () => ({ type: 'history/clear' }),
  },
};

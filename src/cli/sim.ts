// `berth sim`: hollow nodes for scale tests, real kubelets over the fake runtime, joined to the server
// whose data dir is given (its kubeconfig to reach it, its CA to give each node its own identity).

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { startHollowNodes } from './hollow-nodes.js';
import { runUntilSignal } from './scheduler.js';

const HELP = `Usage: berth sim --data-dir DIR --nodes N [flags]

Runs N hollow nodes in this process: each a real kubelet over an in-memory runtime, registering its
Node (capacity of this host, 110 pods), renewing its Lease and running the Pods bound to it, whose
containers run until stopped. DIR is the server's data dir on this machine: its kubeconfig.yaml says
how to reach the server, and each node acts as system:node:<name> (group system:nodes) by
impersonation over that kubeconfig's connections, so the node authorizer holds it to its own Node,
Lease and Pods. Stopping leaves the nodes registered but silent.

Flags:
  --data-dir DIR      the berth server's data dir (required)
  --nodes N           how many nodes (required)
  --prefix P          node name prefix (default sim-)
  --state-dir DIR     where the kubelets keep their Pods' folders (default DIR/sim)
  --serve-stats       each kubelet serves its stats on a free port (so \`kubectl top\` works); each
                      container then uses 1m of CPU and 4Mi of memory
  -h, --help          show this help
`;

export async function simCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      nodes: { type: 'string' },
      prefix: { type: 'string', default: 'sim-' },
      'state-dir': { type: 'string' },
      'serve-stats': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const count = Number(values.nodes);
  const dataDir = values['data-dir'];
  if (values.help || !dataDir || !Number.isInteger(count) || count <= 0) {
    (values.help ? process.stdout : process.stderr).write(HELP);
    return values.help ? 0 : 1;
  }
  const reader = await loadKubeconfig(join(dataDir, 'kubeconfig.yaml'));
  const sim = await startHollowNodes({ reader, pkiDir: join(dataDir, 'pki'), dataDir: values['state-dir'] ?? join(dataDir, 'sim'), count, prefix: values.prefix, serveKubelet: values['serve-stats'] });
  await runUntilSignal((signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })));
  await sim.stop();
  return 0;
}

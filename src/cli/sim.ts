// `berth sim`: hollow nodes for scale tests, registered with the API server named by a kubeconfig.

import { parseArgs } from 'node:util';
import { RestClient } from '../client/rest.js';
import { HollowNodes } from '../runtime/sim/hollownodes.js';
import { runUntilSignal } from './scheduler.js';

const HELP = `Usage: berth sim --kubeconfig FILE --nodes N [flags]

Registers N simulated nodes (32 CPU, 256Gi, 110 pods each) that renew their Leases and report the
Pods bound to them Running, or Succeeded/Failed when annotated berth.dev/sim-exit: "0" | "1".
Stopping leaves the nodes registered but silent.

Flags:
  --kubeconfig FILE   how to reach the API server (required)
  --nodes N           how many nodes (required)
  --prefix P          node name prefix (default sim-)
  -h, --help          show this help
`;

export async function simCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      kubeconfig: { type: 'string' },
      nodes: { type: 'string' },
      prefix: { type: 'string', default: 'sim-' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const count = Number(values.nodes);
  if (values.help || !values.kubeconfig || !Number.isInteger(count) || count <= 0) {
    (values.help ? process.stdout : process.stderr).write(HELP);
    return values.help ? 0 : 1;
  }
  const client = await RestClient.fromKubeconfig(values.kubeconfig, { userAgent: 'berth-sim' });
  const sim = new HollowNodes({ client, count, prefix: values.prefix });
  await runUntilSignal((signal) => sim.run(signal));
  client.transport.close();
  return 0;
}

// `berth scheduler`: the scheduler as its own process, talking to the API server named by a kubeconfig.
import { parseArgs } from 'node:util';
import { RestClient } from '../client/rest.js';
import { Scheduler } from '../scheduler/scheduler.js';
const HELP = `Usage: berth scheduler --kubeconfig FILE [flags]

Assigns Pods that name this scheduler (spec.schedulerName) to nodes.

Flags:
  --kubeconfig FILE                     how to reach the API server (required)
  --name NAME                           the schedulerName to serve (default default-scheduler)
  --percentage-of-nodes-to-score N      share of nodes examined per Pod in big clusters (default adaptive)
  -h, --help                            show this help
`;
export async function schedulerCommand(args) {
    const { values } = parseArgs({
        args,
        options: {
            kubeconfig: { type: 'string' },
            name: { type: 'string', default: 'default-scheduler' },
            'percentage-of-nodes-to-score': { type: 'string', default: '0' },
            help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
    });
    if (values.help || !values.kubeconfig) {
        (values.help ? process.stdout : process.stderr).write(HELP);
        return values.help ? 0 : 1;
    }
    const client = await RestClient.fromKubeconfig(values.kubeconfig, { userAgent: 'kube-scheduler/berth' });
    const scheduler = new Scheduler({ client, name: values.name, algorithm: { percentageOfNodesToScore: Number(values['percentage-of-nodes-to-score']) } });
    await runUntilSignal((signal) => scheduler.start(signal));
    client.transport.close();
    return 0;
}
/** Runs a component until SIGINT or SIGTERM aborts it. */
export async function runUntilSignal(run) {
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
        await run(ac.signal);
    }
    finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
    }
}
//# sourceMappingURL=scheduler.js.map
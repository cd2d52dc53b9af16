#!/usr/bin/env node
// The `berth` command: one binary, a subcommand per role.
import { agentCommand } from './agent/command.js';
import { dashboardCommand } from './dashboard.js';
import { imagesCommand } from './images.js';
import { journeyCommand } from './journey.js';
import { killallCommand } from './killall.js';
import { kubeconfigCommand } from './user-kubeconfig.js';
import { schedulerCommand } from './scheduler.js';
import { serverCommand, defaultDataDir } from './server.js';
import { simCommand } from './sim.js';
import { guardProcess } from '../util/guard.js';
const USAGE = `Usage: berth <command> [flags]

Commands:
  server      run a single-node cluster (API server, scheduler, controllers, kubelet)
  agent       join this host to a cluster as a node (--server URL --token TOKEN)
  images      manage this node's images: pull, import, ls, rm, build busybox|debian|nginx|pause
  scheduler   run the scheduler alone against a cluster (--kubeconfig FILE)
  sim         join hollow nodes (real kubelets, fake runtime) to a server (--data-dir DIR --nodes N)
  killall     stop every container, mount and network interface berth made on this host
  dashboard   serve a live web view of the cluster on 127.0.0.1 (prints its login URL)
  journey     a Pod's journey through the cluster (text, or -o FILE.svg|.png|.html) and why it waits
  kubeconfig  print a kubeconfig for a new user (--user NAME --group G), signed by the cluster CA
  help        show this help

Run 'berth <command> --help' for the flags of a command.
`;
/** `--data-dir DIR` taken out of args (for commands that otherwise pass their args on). */
function takeDataDir(args) {
    const i = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
    if (i === -1)
        return { dataDir: defaultDataDir(), rest: args };
    const eq = args[i].indexOf('=');
    const dataDir = eq === -1 ? args[i + 1] : args[i].slice(eq + 1);
    return { dataDir, rest: [...args.slice(0, i), ...args.slice(i + (eq === -1 ? 2 : 1))] };
}
/** Commands that serve until stopped: one bad client must not end them for everyone else. */
const SERVING = new Set(['server', 'agent', 'scheduler', 'sim']);
async function main(argv) {
    const [cmd, ...rest] = argv;
    if (cmd !== undefined && SERVING.has(cmd))
        guardProcess();
    switch (cmd) {
        case 'server':
            return serverCommand(rest);
        case 'agent':
            return agentCommand(rest);
        case 'images': {
            const { dataDir, rest: args } = takeDataDir(rest);
            return imagesCommand(args, dataDir);
        }
        case 'scheduler':
            return schedulerCommand(rest);
        case 'sim':
            return simCommand(rest);
        case 'dashboard':
            return dashboardCommand(rest);
        case 'journey':
            return journeyCommand(rest);
        case 'killall':
            return killallCommand(rest);
        case 'kubeconfig':
            return kubeconfigCommand(rest);
        case undefined:
        case 'help':
        case '--help':
        case '-h':
            process.stdout.write(USAGE);
            return cmd === undefined ? 1 : 0;
        default:
            process.stderr.write(`berth: unknown command "${cmd}"\n\n${USAGE}`);
            return 1;
    }
}
main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`berth: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map
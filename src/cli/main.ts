#!/usr/bin/env node
// The `berth` command: one binary, a subcommand per role.

import { defaultDataDir } from './data-dir.js';
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
function takeDataDir(args: string[]): { dataDir: string; rest: string[] } {
  const i = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i === -1) return { dataDir: defaultDataDir(), rest: args };
  const eq = args[i].indexOf('=');
  const dataDir = eq === -1 ? args[i + 1] : args[i].slice(eq + 1);
  return { dataDir, rest: [...args.slice(0, i), ...args.slice(i + (eq === -1 ? 2 : 1))] };
}

/** Commands that serve until stopped: one bad client must not end them for everyone else. */
const SERVING = new Set(['server', 'agent', 'scheduler', 'sim']);

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd !== undefined && SERVING.has(cmd)) guardProcess();
  // Each command's modules are loaded when it runs: an agent need not load the API server (seconds on a busy host).
  switch (cmd) {
    case 'server':
      return (await import('./server.js')).serverCommand(rest);
    case 'agent':
      return (await import('./agent/command.js')).agentCommand(rest);
    case 'images': {
      const { dataDir, rest: args } = takeDataDir(rest);
      return (await import('./images.js')).imagesCommand(args, dataDir);
    }
    case 'scheduler':
      return (await import('./scheduler.js')).schedulerCommand(rest);
    case 'sim':
      return (await import('./sim.js')).simCommand(rest);
    case 'dashboard':
      return (await import('./dashboard.js')).dashboardCommand(rest);
    case 'journey':
      return (await import('./journey.js')).journeyCommand(rest);
    case 'killall':
      return (await import('./killall.js')).killallCommand(rest);
    case 'kubeconfig':
      return (await import('./user-kubeconfig.js')).kubeconfigCommand(rest);
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`berth: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);

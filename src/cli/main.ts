#!/usr/bin/env node
// The `berth` command: one binary, a subcommand per role.

import { serverCommand } from './server.js';

const USAGE = `Usage: berth <command> [flags]

Commands:
  server      run a single-node cluster (API server, scheduler, controllers, kubelet)
  help        show this help

Run 'berth <command> --help' for the flags of a command.
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'server':
      return serverCommand(rest);
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

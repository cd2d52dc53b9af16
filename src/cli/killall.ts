// `berth killall`: like k3s-killall.sh, stops every container of the node whose data dir is given and
// removes its mounts, network namespaces, pod network (its own bridge and masquerade rule, as its
// conflist names them), its Service proxy's and NetworkPolicy nftables tables and cgroups. Other berth nodes on the host are untouched. Cluster state is kept.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CniNetwork } from '../runtime/cni/network.js';
import { hostNamesFor } from '../runtime/host-names.js';
import { ImageStore } from '../runtime/images/store.js';
import { cleanupAll } from '../runtime/runc/cleanup.js';
import { deleteNftTable } from '../proxy/nft.js';
import { unmountAllUnder } from '../util/mounts.js';
import { defaultDataDir } from './data-dir.js';
import { liveNodeProcesses, stopProcesses } from './live-node.js';

const HELP = `Usage: berth killall [--data-dir DIR]

Stops every container of the node whose data dir is DIR (default ${defaultDataDir()}) and removes its
mounts, network namespaces, pod network, Service rules and cgroups. Cluster state is kept. A berth
server or agent still running on DIR is stopped first (SIGTERM, then SIGKILL after 30 s).

Flags:
  --data-dir DIR   the node's data dir
  -h, --help       show this help
`;

/** Runs `berth killall ARGS…`: anything but the flags above is refused before anything is stopped. */
export async function killallCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (e) {
    process.stderr.write(`berth killall: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  return killall(values['data-dir'] ?? defaultDataDir());
}

async function killall(dataDir: string): Promise<number> {
  const root = join(dataDir, 'runtime');
  const problems: unknown[] = [];
  const live = liveNodeProcesses(dataDir);
  if (live.length > 0) {
    process.stderr.write(`berth killall: stopping the berth process${live.length > 1 ? 'es' : ''} running the node in ${dataDir} first (pid ${live.join(', ')})\n`);
    await stopProcesses(live, 30_000);
  }
  // The proxy and the NetworkPolicy enforcer leave their rules in place when they stop, as kube-proxy does; they go here, whether or
  // not the node ever ran a Pod.
  const names = existsSync(dataDir) ? await hostNamesFor(dataDir) : null;
  const removeTable = (family: 'ip' | 'inet', table: string) => deleteNftTable(family, table).catch((e: unknown) => void problems.push(e));
  const removed = names ? [await removeTable('ip', names.proxyTable), await removeTable('inet', names.networkPolicyTable)] : [];
  const rules = removed.some(Boolean);
  if (!names || !existsSync(root)) {
    return reported(problems, rules ? `removed the Service and NetworkPolicy rules of the node in ${dataDir}` : `nothing to do under ${dataDir}`);
  }
  const cni = await CniNetwork.load({ binDir: '/usr/lib/cni', stateDir: join(dataDir, 'cni') });
  await cleanupAll(root, { cni, rootfs: new ImageStore({ root: join(dataDir, 'images') }), cgroupRoot: names.cgroupRoot })
    .catch((e: unknown) => problems.push(e));
  // The kubelet's mounts (memory emptyDirs, subPath binds) live outside the runtime root: removing the
  // data dir must not reach through them.
  problems.push(...(await unmountAllUnder(dataDir)));
  const network = cni ? `, its bridge ${cni.bridge}` : '';
  return reported(problems, `stopped every container of the node in ${dataDir} and removed its mounts, network namespaces${network}, Service rules, NetworkPolicy table and cgroups`);
}

/** Prints the problems (exit 1), or what was done when there were none (exit 0). */
function reported(problems: unknown[], done: string): number {
  for (const p of problems) process.stderr.write(`berth killall: ${p instanceof Error ? p.message : String(p)}\n`);
  if (problems.length > 0) return 1;
  process.stderr.write(`berth killall: ${done}\n`);
  return 0;
}

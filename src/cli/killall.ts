// `berth killall`: like k3s-killall.sh, stops every container of the node whose data dir is given and
// removes its mounts, network namespaces, pod network (its own bridge and masquerade rule, as its
// conflist names them), its Service proxy's nftables table and cgroups. Other berth nodes on the host are untouched. Cluster state is kept.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CniNetwork } from '../runtime/cni/network.js';
import { hostNamesFor } from '../runtime/host-names.js';
import { ImageStore } from '../runtime/images/store.js';
import { cleanupAll } from '../runtime/runc/cleanup.js';
import { deleteNftTable } from '../proxy/nft.js';
import { unmountAllUnder } from '../util/mounts.js';
import { defaultDataDir } from './server.js';

const HELP = `Usage: berth killall [--data-dir DIR]

Stops every container of the node whose data dir is DIR (default ${defaultDataDir()}) and removes its
mounts, network namespaces, pod network, Service rules and cgroups. Cluster state is kept.

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
  if (!existsSync(root)) {
    process.stderr.write(`berth killall: nothing to do under ${dataDir}\n`);
    return 0;
  }
  const problems: unknown[] = [];
  const [names, cni] = await Promise.all([hostNamesFor(dataDir), CniNetwork.load({ binDir: '/usr/lib/cni', stateDir: join(dataDir, 'cni') })]);
  await cleanupAll(root, { cni, rootfs: new ImageStore({ root: join(dataDir, 'images') }), cgroupRoot: names.cgroupRoot })
    .catch((e: unknown) => problems.push(e));
  // The kubelet's mounts (memory emptyDirs, subPath binds) live outside the runtime root: removing the
  // data dir must not reach through them.
  problems.push(...(await unmountAllUnder(dataDir)));
  // The proxy leaves its rules in place when it stops, as kube-proxy does; a killed node's go here.
  await deleteNftTable(names.proxyTable).catch((e: unknown) => problems.push(e));
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`berth killall: ${p instanceof Error ? p.message : String(p)}\n`);
    return 1;
  }
  const network = cni ? `, its bridge ${cni.bridge}` : '';
  process.stderr.write(`berth killall: stopped every container of the node in ${dataDir} and removed its mounts, network namespaces${network}, Service rules and cgroups\n`);
  return 0;
}

// `berth killall`: like k3s-killall.sh, stops every container berth runs on this host and removes
// its mounts, network namespaces, pod network and cgroups. Cluster state (the store) is kept.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CniNetwork } from '../runtime/cni/network.js';
import { ImageStore } from '../runtime/images/store.js';
import { cleanupAll } from '../runtime/runc/cleanup.js';
import { unmountUnder } from '../util/mounts.js';

export async function killallCommand(dataDir: string): Promise<number> {
  const root = join(dataDir, 'runtime');
  if (!existsSync(root)) {
    process.stderr.write(`berth killall: nothing to do under ${dataDir}\n`);
    return 0;
  }
  const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: '10.88.0.0/16', stateDir: join(dataDir, 'cni') });
  await cleanupAll(root, { cni, rootfs: new ImageStore({ root: join(dataDir, 'images') }) });
  // The Pods' memory emptyDirs and subPath binds: removing the data dir must not reach through them.
  await unmountUnder(join(dataDir, 'kubelet'));
  process.stderr.write(`berth killall: stopped every container and removed berth's mounts and network under ${dataDir}\n`);
  return 0;
}

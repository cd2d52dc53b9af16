// `berth killall`: tear down everything a runtime root holds, even half-made state after a crash:
// every runc container, each sandbox's network attachment and namespace, cgroups, rootfs, the bridge.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CniNetwork } from '../cni/network.js';
import { removeNetns } from '../cni/netns.js';
import { removeCgroupParent } from './cgroups.js';
import { RecordStore, type ContainerRecord, type SandboxRecord } from './records.js';
import { Runc } from './runc-cli.js';
import { unmountShm } from './sandbox-files.js';
import { runtimePaths, type RootfsProvider } from './runtime.js';

export async function cleanupAll(root: string, deps: { cni?: CniNetwork; rootfs?: RootfsProvider } = {}): Promise<void> {
  const paths = runtimePaths(root);
  const runc = new Runc(paths.runc);
  const ids = await runc.list().catch(() => [] as string[]);
  await Promise.all(ids.map((id) => runc.forceDelete(id).catch(() => {})));

  const [sandboxes, containers] = await Promise.all([
    new RecordStore<SandboxRecord>(paths.sandboxes).loadAll(),
    new RecordStore<ContainerRecord>(paths.containers).loadAll(),
  ]);
  // Every container directory, with or without a record: createContainer mounts the rootfs before it
  // saves the record, so a stop between the two leaves a mounted rootfs that only the directory names.
  const containerDirs = await readdir(paths.containers).catch(() => [] as string[]);
  const containerIds = new Set([...containers.map((c) => c.id), ...containerDirs]);
  await Promise.all([...containerIds].map((id) => deps.rootfs?.releaseRootfs(id).catch(() => {})));
  await Promise.all(sandboxes.map(async (sb) => {
    await unmountShm(join(paths.sandboxes, sb.id));
    if (sb.netns && deps.cni) await deps.cni.detach(sb.id, sb.netns).catch(() => {});
    if (!sb.config.cgroupParent) await removeCgroupParent(sb.cgroupParent);
  }));
  // Namespace files without a record too: a crash may fall between creating one and saving the record.
  const netns = await readdir(paths.netns).catch(() => [] as string[]);
  await Promise.all(netns.map((n) => removeNetns(join(paths.netns, n))));
  await deps.cni?.removeBridge();
  await rm(root, { recursive: true, force: true });
}

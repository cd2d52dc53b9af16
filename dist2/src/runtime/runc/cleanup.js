// `berth killall`: tear down everything a runtime root holds, even half-made state after a crash:
// every runc container and any process left in the node's cgroups, each sandbox's network attachment
// and namespace, every mount under the root, the cgroups, rootfs, the bridge. A step that fails does
// not stop the others; the failures are reported together at the end.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeNetns } from '../cni/netns.js';
import { unmountAllUnder } from '../../util/mounts.js';
import { combinedError, settleAll } from '../../util/settle.js';
import { killCgroupTree, removeCgroupParent } from './cgroups.js';
import { RecordStore } from './records.js';
import { Runc } from './runc-cli.js';
import { runtimePaths } from './runtime.js';
export async function cleanupAll(root, deps = {}) {
    const paths = runtimePaths(root);
    const errors = [];
    const step = (what, promises) => settleAll(promises, what).catch((e) => { errors.push(e); });
    const runc = new Runc(paths.runc);
    const ids = await runc.list().catch((e) => { errors.push(e); return []; });
    await step('runc delete', ids.map((id) => runc.forceDelete(id)));
    if (deps.cgroupRoot)
        await step('killing leftover processes', [killCgroupTree(deps.cgroupRoot)]);
    const [sandboxes, containers] = await Promise.all([
        new RecordStore(paths.sandboxes).loadAll(),
        new RecordStore(paths.containers).loadAll(),
    ]);
    // Every container directory, with or without a record: createContainer mounts the rootfs before it
    // saves the record, so a stop between the two leaves a mounted rootfs that only the directory names.
    const containerDirs = await readdir(paths.containers).catch(() => []);
    const containerIds = new Set([...containers.map((c) => c.id), ...containerDirs]);
    const { cni, rootfs } = deps;
    await step('releasing rootfs', [...containerIds].map((id) => rootfs?.releaseRootfs(id)));
    if (cni) {
        // Sandboxes whose ADD failed midway have no attachment record; DEL by their namespace then.
        await step('CNI DEL', sandboxes.map((sb) => sb.netns && cni.detach(sb.id, sb.netns, sb.config.portMappings)));
        await step('CNI DEL', [cni.detachAll()]);
    }
    // Namespace files without a record too: a crash may fall between creating one and saving the record.
    const netns = await readdir(paths.netns).catch(() => []);
    await step('removing network namespaces', netns.map((n) => removeNetns(join(paths.netns, n))));
    if (cni)
        await step('removing the bridge', [cni.removeBridge()]);
    // Whatever no record names (the shm of a sandbox that never got one) goes too, else rm fails with EBUSY.
    errors.push(...(await unmountAllUnder(root)));
    await step('removing cgroups', [
        ...sandboxes.filter((sb) => !sb.config.cgroupParent).map((sb) => removeCgroupParent(sb.cgroupParent)),
        deps.cgroupRoot && removeCgroupParent(deps.cgroupRoot),
    ]);
    await rm(root, { recursive: true, force: true }).catch((e) => { errors.push(e); });
    if (errors.length > 0)
        throw combinedError(errors, `clean-up of ${root} left ${errors.length} problem(s)`);
}
//# sourceMappingURL=cleanup.js.map
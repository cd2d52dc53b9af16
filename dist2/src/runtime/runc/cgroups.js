// Pod cgroups on the host's cgroup v1 hierarchies: runc creates them on demand for each container but
// never removes them, so the runtime does at sandbox removal, and killall takes the node's whole tree.
import { readFile, readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive, waitUntil } from './process-state.js';
const CGROUP_ROOT = '/sys/fs/cgroup';
/** Removes the cgroup in every hierarchy, with every cgroup below it (each must hold no process). */
export async function removeCgroupParent(parent) {
    const controllers = await readdir(CGROUP_ROOT).catch(() => []);
    await Promise.all(controllers.map((c) => removeTree(join(CGROUP_ROOT, c, parent))));
}
async function removeTree(dir) {
    const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(children.filter((d) => d.isDirectory()).map((d) => removeTree(join(dir, d.name))));
    await removeEmpty(dir);
}
/** The kernel refuses (EBUSY) while a just-killed container's cgroup is still being released: retry then. */
function removeEmpty(dir) {
    return waitUntil(async () => {
        try {
            await rmdir(dir);
            return true;
        }
        catch (e) {
            return e.code !== 'EBUSY';
        }
    }, 5_000, 20);
}
/**
 * SIGKILLs every process in the cgroup or below it, in any hierarchy, and waits for them to go: what
 * runc's state no longer names (a `runc init` whose runc was killed, a pause process of a lost sandbox).
 */
export async function killCgroupTree(parent) {
    if (parent.split('/').filter(Boolean).length === 0)
        throw new Error(`refusing to kill every process of cgroup "${parent}"`);
    const controllers = await readdir(CGROUP_ROOT).catch(() => []);
    const pids = new Set();
    const collect = async (dir) => {
        const procs = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
        for (const p of procs.split('\n'))
            if (p)
                pids.add(Number(p));
        const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
        await Promise.all(children.filter((d) => d.isDirectory()).map((d) => collect(join(dir, d.name))));
    };
    await Promise.all(controllers.map((c) => collect(join(CGROUP_ROOT, c, parent))));
    for (const pid of pids) {
        try {
            process.kill(pid, 'SIGKILL');
        }
        catch {
            // already gone
        }
    }
    const gone = await waitUntil(async () => (await Promise.all([...pids].map((p) => isAlive(p)))).every((a) => !a), 5_000, 10);
    if (!gone)
        throw new Error(`processes in cgroup ${parent} outlived SIGKILL: ${[...pids].join(' ')}`);
}
//# sourceMappingURL=cgroups.js.map
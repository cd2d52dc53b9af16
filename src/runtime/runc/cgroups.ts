// Pod cgroup parents on the host's cgroup v1 hierarchies: runc creates them on demand for each
// container but never removes them, so the runtime does at sandbox removal.
import { readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { waitUntil } from './process-state.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** Removes the Pod's cgroup in every hierarchy, with any container cgroup runc left behind in it. */
export async function removeCgroupParent(parent: string): Promise<void> {
  const controllers = await readdir(CGROUP_ROOT).catch(() => [] as string[]);
  await Promise.all(controllers.map(async (c) => {
    const dir = join(CGROUP_ROOT, c, parent);
    const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(children.filter((d) => d.isDirectory()).map((d) => removeEmpty(join(dir, d.name))));
    await removeEmpty(dir);
  }));
}

/** The kernel refuses (EBUSY) while a just-killed container's cgroup is still being released: retry then. */
function removeEmpty(dir: string): Promise<boolean> {
  return waitUntil(async () => {
    try {
      await rmdir(dir);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'EBUSY';
    }
  }, 5_000, 20);
}

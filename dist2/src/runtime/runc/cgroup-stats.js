// A container's CPU and memory counters from its cgroup, on the unified (v2) hierarchy or the v1
// cpuacct and memory ones, computed as cAdvisor computes them for the kubelet: the working set is the
// memory usage less the inactive file pages (what the kernel can drop first), never below zero.
// cgroupfs files are kernel memory and never wait on a disk, so they are read synchronously: one
// syscall each, where the promise-based calls would cost thread-pool trips for every container.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const CGROUP_ROOT = '/sys/fs/cgroup';
let unified;
/** Whether the host mounts the unified hierarchy at the cgroup root (cgroup v2 only). */
function isUnified() {
    return (unified ??= existsSync(join(CGROUP_ROOT, 'cgroup.controllers')));
}
/** The `key value` lines of a stat file (cpu.stat, memory.stat) as numbers. */
export function parseFlatKeyed(text) {
    const out = new Map();
    for (const line of text.split('\n')) {
        const sp = line.indexOf(' ');
        if (sp > 0)
            out.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
    return out;
}
function workingSet(usage, inactiveFile) {
    return Math.max(0, usage - (inactiveFile ?? 0));
}
/** The counters of the cgroup at cgroupsPath (as given to runc), or null when it is gone. */
export function readCgroupCounters(cgroupsPath) {
    try {
        if (isUnified()) {
            const dir = join(CGROUP_ROOT, cgroupsPath);
            const cpu = parseFlatKeyed(readFileSync(join(dir, 'cpu.stat'), 'utf8'));
            const usage = Number(readFileSync(join(dir, 'memory.current'), 'utf8'));
            const mem = parseFlatKeyed(readFileSync(join(dir, 'memory.stat'), 'utf8'));
            return {
                cpuUsageCoreNanoSeconds: (cpu.get('usage_usec') ?? 0) * 1000,
                memoryUsageBytes: usage,
                memoryWorkingSetBytes: workingSet(usage, mem.get('inactive_file')),
                memoryRssBytes: mem.get('anon') ?? 0,
            };
        }
        const cpu = Number(readFileSync(join(CGROUP_ROOT, 'cpuacct', cgroupsPath, 'cpuacct.usage'), 'utf8'));
        const memDir = join(CGROUP_ROOT, 'memory', cgroupsPath);
        const usage = Number(readFileSync(join(memDir, 'memory.usage_in_bytes'), 'utf8'));
        const mem = parseFlatKeyed(readFileSync(join(memDir, 'memory.stat'), 'utf8'));
        return {
            cpuUsageCoreNanoSeconds: cpu,
            memoryUsageBytes: usage,
            memoryWorkingSetBytes: workingSet(usage, mem.get('total_inactive_file')),
            memoryRssBytes: mem.get('total_rss') ?? 0,
        };
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=cgroup-stats.js.map
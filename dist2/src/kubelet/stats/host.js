// The node's own CPU and memory figures, from the host's /proc as cAdvisor's root-cgroup figures
// amount to: CPU time every CPU spent not idle, and memory in use less what the kernel can drop first
// (inactive file pages), which is the node's working set.
import { readFileSync } from 'node:fs';
/** Linux counts /proc/stat in USER_HZ ticks, 100 a second on every architecture Node.js runs on. */
const NS_PER_TICK = 10_000_000;
/** `Key:   N kB` lines of /proc/meminfo, in bytes. */
function meminfo(text) {
    const out = new Map();
    for (const m of text.matchAll(/^([^:]+):\s+(\d+)(?: kB)?$/gm))
        out.set(m[1], Number(m[2]) * (m[0].endsWith('kB') ? 1024 : 1));
    return out;
}
export function readHostCounters() {
    const stat = readFileSync('/proc/stat', 'utf8');
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user).
    const ticks = stat.slice(0, stat.indexOf('\n')).trim().split(/\s+/).slice(1).map(Number);
    const busy = ticks[0] + ticks[1] + ticks[2] + (ticks[5] ?? 0) + (ticks[6] ?? 0) + (ticks[7] ?? 0);
    const btime = Number(/^btime (\d+)$/m.exec(stat)?.[1] ?? 0);
    const mem = meminfo(readFileSync('/proc/meminfo', 'utf8'));
    const total = mem.get('MemTotal') ?? 0;
    const usage = total - (mem.get('MemFree') ?? 0);
    const workingSet = Math.max(0, usage - (mem.get('Inactive(file)') ?? 0));
    return {
        timestamp: Date.now(),
        bootTime: btime * 1000,
        cpuUsageCoreNanoSeconds: busy * NS_PER_TICK,
        memoryCapacityBytes: total,
        memoryUsageBytes: usage,
        memoryWorkingSetBytes: workingSet,
        memoryAvailableBytes: Math.max(0, total - workingSet),
    };
}
//# sourceMappingURL=host.js.map
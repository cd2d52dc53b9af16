// The kubelet's Summary API: every running container's CPU and memory, grouped by Pod (a Pod's
// figures are its containers' sums), and the node's own. CPU rates (usageNanoCores) are measured
// between this summary and an earlier one, as cAdvisor measures them between its housekeeping passes.
import { metaTime } from '../../api/time.js';
import { RateTracker } from '../../util/rate.js';
import { CONTAINER_NAME, POD_NAME, POD_NAMESPACE, POD_UID } from '../labels.js';
import { readHostCounters } from './host.js';
/** Sample times keep their milliseconds: a rate over a second-long window needs them. */
const sampleTime = (ms) => new Date(ms).toISOString();
export class StatsProvider {
    #o;
    #rates = new RateTracker();
    constructor(o) {
        this.#o = o;
    }
    async summary() {
        const { runtime } = this.#o;
        const [statuses, stats, sandboxes] = await Promise.all([runtime.listContainers(), runtime.listContainerStats(), runtime.listPodSandboxes()]);
        const host = (this.#o.host ?? readHostCounters)();
        const byId = new Map(statuses.map((s) => [s.id, s]));
        const sandboxStart = new Map(sandboxes.map((s) => [s.id, s.createdAt]));
        const pods = new Map();
        for (const st of stats) {
            const c = byId.get(st.id);
            if (!c)
                continue;
            const uid = c.labels[POD_UID] ?? '';
            let pod = pods.get(uid);
            if (!pod) {
                const start = sandboxStart.get(c.sandboxId) ?? c.createdAt;
                pod = {
                    podRef: { name: c.labels[POD_NAME] ?? '', namespace: c.labels[POD_NAMESPACE] ?? '', uid },
                    startTime: metaTime(Date.parse(start)),
                    containers: [],
                    cpu: { time: sampleTime(st.timestamp), usageCoreNanoSeconds: 0 },
                    memory: { time: sampleTime(st.timestamp), usageBytes: 0, workingSetBytes: 0, rssBytes: 0 },
                };
                pods.set(uid, pod);
            }
            pod.containers.push(this.#container(c.labels[CONTAINER_NAME] ?? c.name, c.startedAt ?? c.createdAt, st));
        }
        for (const pod of pods.values())
            this.#sumPod(pod);
        const now = host.timestamp;
        this.#rates.prune(now - this.#rates.maxWindowMs);
        return {
            node: {
                nodeName: this.#o.nodeName,
                startTime: metaTime(host.bootTime),
                cpu: this.#cpu('node', host.timestamp, host.cpuUsageCoreNanoSeconds),
                memory: {
                    time: sampleTime(host.timestamp),
                    availableBytes: host.memoryAvailableBytes,
                    usageBytes: host.memoryUsageBytes,
                    workingSetBytes: host.memoryWorkingSetBytes,
                },
            },
            pods: [...pods.values()],
        };
    }
    #container(name, startedAt, st) {
        return {
            name,
            startTime: metaTime(Date.parse(startedAt)),
            cpu: this.#cpu(`c/${st.id}`, st.timestamp, st.cpuUsageCoreNanoSeconds),
            memory: memoryOf(st),
        };
    }
    #sumPod(pod) {
        const cpu = pod.cpu;
        const mem = pod.memory;
        let rate = 0;
        let rated = true;
        for (const c of pod.containers) {
            cpu.usageCoreNanoSeconds += c.cpu.usageCoreNanoSeconds;
            if (c.cpu.usageNanoCores === undefined)
                rated = false;
            else
                rate += c.cpu.usageNanoCores;
            mem.usageBytes += c.memory.usageBytes;
            mem.workingSetBytes += c.memory.workingSetBytes;
            mem.rssBytes = (mem.rssBytes ?? 0) + (c.memory.rssBytes ?? 0);
        }
        if (rated)
            cpu.usageNanoCores = rate;
    }
    #cpu(key, at, usageCoreNanoSeconds) {
        const rate = this.#rates.observe(key, at, usageCoreNanoSeconds);
        return { time: sampleTime(at), ...(rate ? { usageNanoCores: Math.round(rate.perSecond) } : {}), usageCoreNanoSeconds };
    }
}
function memoryOf(st) {
    return {
        time: sampleTime(st.timestamp),
        usageBytes: st.memoryUsageBytes,
        workingSetBytes: st.memoryWorkingSetBytes,
        ...(st.memoryRssBytes !== undefined ? { rssBytes: st.memoryRssBytes } : {}),
    };
}
//# sourceMappingURL=summary.js.map
// The Node object this kubelet registers, read from the host: capacity, addresses, system info and
// the pressure conditions.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
const run = promisify(execFile);
export const KUBELET_VERSION = 'v1.32.0-berth';
export const MAX_PODS = 110;
const MEMORY_EVICTION_BYTES = 100 * 2 ** 20;
const DISK_MIN_FREE_RATIO = 0.1;
const PID_MAX_USED_RATIO = 0.9;
const readOr = (path, fallback = '') => fs.readFile(path, 'utf8').then((s) => s.trim(), () => fallback);
export function goArch(nodeArch) {
    return { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x' }[nodeArch] ?? nodeArch;
}
/** The first non-loopback IPv4 address: what other nodes and kubectl reach this node by. */
export function internalIPv4() {
    for (const addrs of Object.values(os.networkInterfaces())) {
        for (const a of addrs ?? [])
            if (a.family === 'IPv4' && !a.internal)
                return a.address;
    }
    return '127.0.0.1';
}
export async function readHostFacts(dataDir) {
    const [st, meminfo, osRelease, machineID, bootID, pidMax, procs] = await Promise.all([
        fs.statfs(dataDir),
        readOr('/proc/meminfo'),
        readOr('/etc/os-release'),
        readOr('/etc/machine-id'),
        readOr('/proc/sys/kernel/random/boot_id'),
        readOr('/proc/sys/kernel/pid_max', '32768'),
        fs.readdir('/proc').then((xs) => xs.filter((x) => /^\d+$/.test(x)).length, () => 0),
    ]);
    const available = /MemAvailable:\s+(\d+) kB/.exec(meminfo);
    return {
        cpus: os.cpus().length,
        memoryBytes: os.totalmem(),
        memoryAvailableBytes: available ? Number(available[1]) * 1024 : os.freemem(),
        diskBytes: st.blocks * st.bsize,
        diskFreeBytes: st.bavail * st.bsize,
        pids: procs,
        pidMax: Number(pidMax) || 32768,
        internalIP: internalIPv4(),
        hostname: os.hostname(),
        kernelVersion: os.release(),
        osImage: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'Linux',
        machineID,
        bootID,
        architecture: goArch(process.arch),
    };
}
export async function runcVersion(binary = 'runc') {
    try {
        const { stdout } = await run(binary, ['--version']);
        return /runc version (\S+)/.exec(stdout)?.[1] ?? 'unknown';
    }
    catch {
        return 'unknown';
    }
}
const condition = (type, bad, goodReason, goodMessage, badReason, badMessage) => bad ? { type, status: 'True', reason: badReason, message: badMessage } : { type, status: 'False', reason: goodReason, message: goodMessage };
/** The four conditions the kubelet owns, without timestamps (stamped when sent). */
export function nodeConditions(h) {
    return [
        condition('MemoryPressure', h.memoryAvailableBytes < MEMORY_EVICTION_BYTES, 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'),
        condition('DiskPressure', h.diskFreeBytes < h.diskBytes * DISK_MIN_FREE_RATIO, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'KubeletHasDiskPressure', 'kubelet has disk pressure'),
        condition('PIDPressure', h.pids > h.pidMax * PID_MAX_USED_RATIO, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available'),
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ];
}
export function buildNodeStatus(h, id) {
    const capacity = {
        cpu: String(h.cpus),
        memory: `${Math.floor(h.memoryBytes / 1024)}Ki`,
        'ephemeral-storage': `${Math.floor(h.diskBytes / 1024)}Ki`,
        pods: String(MAX_PODS),
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
    };
    return {
        capacity,
        // Allocatable holds back the hard eviction thresholds, as the kubelet's defaults do.
        allocatable: {
            ...capacity,
            memory: `${Math.floor(Math.max(0, h.memoryBytes - MEMORY_EVICTION_BYTES) / 1024)}Ki`,
            'ephemeral-storage': String(Math.floor(h.diskBytes * (1 - DISK_MIN_FREE_RATIO))),
        },
        conditions: nodeConditions(h),
        addresses: [{ type: 'InternalIP', address: id.nodeIP ?? h.internalIP }, { type: 'Hostname', address: h.hostname }],
        daemonEndpoints: { kubeletEndpoint: { Port: id.kubeletPort ?? 10250 } },
        nodeInfo: {
            machineID: h.machineID,
            systemUUID: h.machineID,
            bootID: h.bootID,
            kernelVersion: h.kernelVersion,
            osImage: h.osImage,
            containerRuntimeVersion: `runc://${id.runtimeVersion}`,
            kubeletVersion: KUBELET_VERSION,
            kubeProxyVersion: '',
            operatingSystem: 'linux',
            architecture: h.architecture,
        },
        ...(id.runtimeFeatures ? { runtimeHandlers: [{ name: '', features: id.runtimeFeatures }] } : {}),
    };
}
export function buildNode(h, id) {
    return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
            name: id.nodeName,
            labels: {
                'kubernetes.io/hostname': id.nodeName,
                'kubernetes.io/os': 'linux',
                'kubernetes.io/arch': h.architecture,
                'beta.kubernetes.io/os': 'linux',
                'beta.kubernetes.io/arch': h.architecture,
            },
        },
        spec: id.podCIDR ? { podCIDR: id.podCIDR, podCIDRs: [id.podCIDR] } : {},
        status: buildNodeStatus(h, id),
    };
}
//# sourceMappingURL=nodeInfo.js.map
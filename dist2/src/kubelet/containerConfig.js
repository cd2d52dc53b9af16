// Everything the runtime needs to create one container, assembled from the Pod, the pulled image,
// the resolved environment and the prepared volumes.
import { join } from 'node:path';
import { containerArgv } from './command.js';
import { mergeEnv } from './env.js';
import { CONTAINER_NAME, IMAGE_ID, IMAGE_NAME, RESTART_COUNT, podLabels } from './labels.js';
import { cpuMillis, memoryBytes } from '../api/quantity.js';
import { securityFor } from './security.js';
import { appArmorProfileFor, seccompProfileFor } from './securityProfiles.js';
export function podLogDirName(pod) {
    return `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`;
}
export function containerLogPath(podLogDir, container, restartCount) {
    return join(podLogDir, container, `${restartCount}.log`);
}
/** cgroup v1 cpu.shares from a CPU request, as the kubelet converts it (minimum 2). */
export function cpuSharesFor(request) {
    const millis = cpuMillis(request);
    return millis === undefined ? undefined : Math.max(2, Math.floor((millis * 1024) / 1000));
}
/** The cgroup settings a container's cpu and memory requests and limits become (also what a resize applies). */
export function containerResourcesFor(c) {
    const limits = c.resources?.limits ?? {};
    const memoryLimit = memoryBytes(limits.memory);
    const cpu = cpuMillis(limits.cpu);
    const shares = cpuSharesFor(c.resources?.requests?.cpu ?? limits.cpu);
    return {
        ...(memoryLimit !== undefined ? { memoryLimit } : {}),
        ...(cpu !== undefined ? { cpuMillis: cpu } : {}),
        ...(shares !== undefined ? { cpuShares: shares } : {}),
    };
}
export function makeContainerConfig(pod, c, i) {
    const cfg = i.image.config;
    const seccomp = seccompProfileFor(pod, c, i.seccompRoot);
    const apparmorProfile = appArmorProfileFor(pod, c);
    return {
        name: c.name,
        imageRef: i.image.id,
        argv: containerArgv(c, cfg, i.env),
        env: mergeEnv(cfg.env ?? [], i.env),
        ...(c.workingDir || cfg.workingDir ? { workingDir: c.workingDir || cfg.workingDir } : {}),
        mounts: i.mounts,
        ...securityFor(pod, c, cfg.user),
        ...(seccomp ? { seccomp } : {}),
        ...(apparmorProfile ? { apparmorProfile } : {}),
        ...(c.tty ? { tty: true } : {}),
        ...(c.stdin ? { stdin: true } : {}),
        ...(c.stdinOnce ? { stdinOnce: true } : {}),
        ...containerResourcesFor(c),
        ...(cfg.stopSignal ? { stopSignal: cfg.stopSignal } : {}),
        logPath: containerLogPath(i.podLogDir, c.name, i.restartCount),
        labels: {
            ...podLabels(pod),
            [CONTAINER_NAME]: c.name,
            [RESTART_COUNT]: String(i.restartCount),
            [IMAGE_NAME]: i.imageName,
            [IMAGE_ID]: i.image.repoDigests[0] ?? i.image.id,
        },
    };
}
//# sourceMappingURL=containerConfig.js.map
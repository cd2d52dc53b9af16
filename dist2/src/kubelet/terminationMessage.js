// A container's termination message: the kubelet binds an empty per-instance file at its
// terminationMessagePath and, once the container has exited, reads it back (at most 4096 bytes);
// with FallbackToLogsOnError an empty file and a failed exit take the log's tail instead.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { readLogs } from './logs.js';
import { containerNameOf, restartCountOf } from './observed.js';
const MAX_MESSAGE_BYTES = 4096;
const FALLBACK_LOG_LINES = 80;
const FALLBACK_LOG_BYTES = 2048;
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** <podDir>/containers/<name>/<restartCount>: one file per instance, so a restart starts empty. */
function hostFile(podDir, name, restartCount) {
    return join(podDir, 'containers', name, String(restartCount));
}
/** Create the instance's empty file and the mount that puts it at terminationMessagePath. */
export async function terminationMessageMount(podDir, c, restartCount) {
    const file = hostFile(podDir, c.name, restartCount);
    await fs.mkdir(join(podDir, 'containers', c.name), { recursive: true });
    await fs.writeFile(file, '', { mode: 0o666 });
    // Any user may write it (the container may not run as root).
    await fs.chmod(file, 0o666);
    return { hostPath: file, containerPath: c.terminationMessagePath || DEFAULT_TERMINATION_MESSAGE_PATH, type: 'bind' };
}
/** Drop a pruned instance's file with it. */
export async function removeTerminationMessage(podDir, name, restartCount) {
    await fs.rm(hostFile(podDir, name, restartCount), { force: true });
}
async function readHead(path, max) {
    const fh = await fs.open(path, 'r').catch(() => null);
    if (!fh)
        return '';
    try {
        const buf = Buffer.alloc(max);
        const { bytesRead } = await fh.read(buf, 0, max, 0);
        return buf.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await fh.close();
    }
}
async function logTail(path) {
    const chunks = [];
    for await (const chunk of readLogs(path, { tailLines: FALLBACK_LOG_LINES }))
        chunks.push(Buffer.from(chunk));
    const all = Buffer.concat(chunks);
    return all.subarray(Math.max(0, all.length - FALLBACK_LOG_BYTES)).toString('utf8');
}
async function messageOf(podDir, spec, s) {
    const own = await readHead(hostFile(podDir, spec.name, restartCountOf(s)), MAX_MESSAGE_BYTES);
    if (own || spec.terminationMessagePolicy !== 'FallbackToLogsOnError' || (s.exitCode ?? 0) === 0)
        return own;
    return logTail(s.logPath);
}
/** The observed Pod with each exited container's message filled in (after the runtime's own, if any). */
export async function withTerminationMessages(pod, observed, podDir) {
    const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    const containers = await Promise.all(observed.containers.map(async (s) => {
        const spec = specs.find((c) => c.name === containerNameOf(s));
        if (s.state !== 'exited' || !spec)
            return s;
        const text = await messageOf(podDir, spec, s);
        if (!text)
            return s;
        return { ...s, message: s.message ? `${s.message}: ${text}` : text };
    }));
    return { ...observed, containers };
}
//# sourceMappingURL=terminationMessage.js.map
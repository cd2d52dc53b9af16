// The runc commands berth issues itself (conmon issues `runc create` for app containers), all against
// berth's own runc state root so they never see other engines' containers.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { runChecked, runCommand } from '../cni/command.js';
import { CPU_PERIOD, cpuQuota } from './oci-spec.js';
export const RUNC = '/usr/sbin/runc';
export class Runc {
    root;
    constructor(root) {
        this.root = root;
    }
    /**
     * `runc run --detach` in one process: create + start. The container inherits runc's stdio, so that
     * is /dev/null (a pipe would stay open as long as the pause process lives); errors go to logFile.
     */
    runDetached(id, bundle, pidFile, logFile) {
        const args = ['--root', this.root, '--log', logFile, '--log-format', 'json', 'run', '--detach', '--bundle', bundle, '--pid-file', pidFile, id];
        return new Promise((resolve, reject) => {
            const child = spawn(RUNC, args, { stdio: 'ignore' });
            child.on('error', reject);
            child.on('exit', async (code) => {
                if (code === 0)
                    return resolve();
                const log = await readFile(logFile, 'utf8').catch(() => '');
                const last = log.trim().split('\n').filter((l) => l.includes('"error"')).pop() ?? log;
                reject(new Error(`runc run ${id}: exit ${code}: ${last}`));
            });
        });
    }
    async start(id) {
        await runChecked(RUNC, ['--root', this.root, 'start', id]);
    }
    /** Kills (SIGKILL) if needed and deletes runc's state and the container's cgroup; a missing container is fine. */
    async forceDelete(id) {
        const r = await runCommand(RUNC, ['--root', this.root, 'delete', '--force', id]);
        if (r.code !== 0 && !/does not exist|not exist/.test(r.stderr.toString())) {
            throw new Error(`runc delete ${id}: ${r.stderr.toString().trim()}`);
        }
    }
    /** Ids of every container in berth's runc root. */
    async list() {
        const out = await runChecked(RUNC, ['--root', this.root, 'list', '--format', 'json']);
        const list = JSON.parse(out.toString() || 'null');
        return (list ?? []).map((c) => c.id);
    }
    /** Sets a running container's cgroup limits (`runc update`); swap follows memory, as at creation. */
    async update(id, r) {
        const args = ['--root', this.root, 'update'];
        if (r.memoryLimit)
            args.push('--memory', String(r.memoryLimit), '--memory-swap', String(r.memoryLimit));
        if (r.cpuMillis)
            args.push('--cpu-quota', String(cpuQuota(r.cpuMillis)), '--cpu-period', String(CPU_PERIOD));
        if (r.cpuShares)
            args.push('--cpu-share', String(r.cpuShares));
        await runChecked(RUNC, [...args, id]);
    }
    /** The mount options this runc understands (`runc features`, runc ≥ 1.1); none when it cannot say. */
    async mountOptions() {
        const r = await runCommand(RUNC, ['features']);
        if (r.code !== 0)
            return [];
        try {
            return JSON.parse(r.stdout.toString()).mountOptions ?? [];
        }
        catch {
            return [];
        }
    }
    execArgs(id, cmd, opts = {}) {
        const args = ['--root', this.root, 'exec'];
        if (opts.pidFile)
            args.push('--pid-file', opts.pidFile);
        if (opts.tty)
            args.push('--tty');
        return [...args, id, ...cmd];
    }
}
//# sourceMappingURL=runc-cli.js.map
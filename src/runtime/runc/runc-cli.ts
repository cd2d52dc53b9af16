// The runc commands berth issues itself (conmon issues `runc create` for app containers), all against
// berth's own runc state root so they never see other engines' containers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostCommands, runChecked, type HostCommands } from '../../util/host-command.js';
import type { ContainerResources } from '../types.js';
import { releaseCreated } from './exec-fifo.js';
import { CPU_PERIOD, cpuQuota } from './oci-spec.js';

export const RUNC = '/usr/sbin/runc';

export class Runc {
  constructor(readonly root: string, readonly host: HostCommands = hostCommands) {}

  /**
   * `runc run --detach` in one process: create + start. The container inherits runc's stdio, so that
   * is /dev/null (a pipe would stay open as long as the pause process lives); errors go to logFile.
   */
  runDetached(id: string, bundle: string, pidFile: string, logFile: string): Promise<void> {
    const args = ['--root', this.root, '--log', logFile, '--log-format', 'json', 'run', '--detach', '--bundle', bundle, '--pid-file', pidFile, id];
    return new Promise((resolve, reject) => {
      const child = this.host.spawn(RUNC, args, { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', async (code) => {
        if (code === 0) return resolve();
        const log = await readFile(logFile, 'utf8').catch(() => '');
        const last = log.trim().split('\n').filter((l) => l.includes('"error"')).pop() ?? log;
        reject(new Error(`runc run ${id}: exit ${code}: ${last}`));
      });
    });
  }

  /** `runc start`, done in-process for a created container whose init is pid (exec-fifo.ts). */
  async start(id: string, pid: number): Promise<void> {
    if (await releaseCreated(join(this.root, id), pid)) return;
    await runChecked(RUNC, ['--root', this.root, 'start', id], {}, this.host);
  }

  /** Kills (SIGKILL) if needed and deletes runc's state and the container's cgroup; a missing container is fine. */
  async forceDelete(id: string): Promise<void> {
    const r = await this.host.run(RUNC, ['--root', this.root, 'delete', '--force', id]);
    if (r.code !== 0 && !/does not exist|not exist/.test(r.stderr.toString())) {
      throw new Error(`runc delete ${id}: ${r.stderr.toString().trim()}`);
    }
  }

  /** Ids of every container in berth's runc root. */
  async list(): Promise<string[]> {
    const out = await runChecked(RUNC, ['--root', this.root, 'list', '--format', 'json'], {}, this.host);
    const list = JSON.parse(out.toString() || 'null') as { id: string }[] | null;
    return (list ?? []).map((c) => c.id);
  }

  /** Sets a running container's cgroup limits (`runc update`); swap follows memory, as at creation. */
  async update(id: string, r: ContainerResources): Promise<void> {
    const args = ['--root', this.root, 'update'];
    if (r.memoryLimit) args.push('--memory', String(r.memoryLimit), '--memory-swap', String(r.memoryLimit));
    if (r.cpuMillis) args.push('--cpu-quota', String(cpuQuota(r.cpuMillis)), '--cpu-period', String(CPU_PERIOD));
    if (r.cpuShares) args.push('--cpu-share', String(r.cpuShares));
    await runChecked(RUNC, [...args, id], {}, this.host);
  }

  /** The mount options this runc understands (`runc features`, runc ≥ 1.1); none when it cannot say. */
  async mountOptions(): Promise<string[]> {
    const r = await this.host.run(RUNC, ['features']);
    if (r.code !== 0) return [];
    try {
      return (JSON.parse(r.stdout.toString()) as { mountOptions?: string[] }).mountOptions ?? [];
    } catch {
      return [];
    }
  }

  /** `runc --version`'s version number, 'unknown' when it does not say. */
  async version(): Promise<string> {
    const r = await this.host.run(RUNC, ['--version']).catch(() => undefined);
    return /runc version (\S+)/.exec(r?.stdout.toString() ?? '')?.[1] ?? 'unknown';
  }

  execArgs(id: string, cmd: string[], opts: { pidFile?: string; tty?: boolean } = {}): string[] {
    const args = ['--root', this.root, 'exec'];
    if (opts.pidFile) args.push('--pid-file', opts.pidFile);
    if (opts.tty) args.push('--tty');
    return [...args, id, ...cmd];
  }
}

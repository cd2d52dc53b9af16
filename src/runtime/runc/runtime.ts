// RuntimeService over runc: a pause container per Pod holds the namespaces (network set up by CNI),
// app containers join them and run under conmon. Everything needed to manage them is on disk under
// root, so a new RuncRuntime over the same root adopts what an earlier process started.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Socket } from 'node:net';
import { ApiError } from '../../api/errors.js';
import { combinedError, settleAll } from '../../util/settle.js';
import { resourcesOf } from '../resources.js';
import type {
  ContainerConfig, ContainerFilter, ContainerResources, ContainerStats, ContainerStatus, ExecResult, ExecStreams, RuntimeFeatures, RuntimeService, SandboxConfig, SandboxStatus,
} from '../types.js';
import { hostCommands, type HostCommands } from '../../util/host-command.js';
import type { CniNetwork } from '../cni/network.js';
import { createNetns, removeNetns } from '../cni/netns.js';
import { removeCgroupParent } from './cgroups.js';
import { readCgroupCounters } from './cgroup-stats.js';
import { attachToConmon } from './attach.js';
import { launchConmon } from './conmon.js';
import { execStreams, execSync } from './exec.js';
import { containerCapabilities, containerSpec, sandboxSpec } from './oci-spec.js';
import { pauseArgv } from './pause.js';
import { openPort } from './port-forward.js';
import { inContainerCgroup, isAlive, readExit, readPidFile, waitUntil, type ExitInfo } from './process-state.js';
import { RecordStore, type ContainerRecord, type SandboxRecord } from './records.js';
import { RUNC, Runc } from './runc-cli.js';
import { execInTerminal } from './terminal.js';
import { sandboxMounts, unmountShm, writeSandboxFiles } from './sandbox-files.js';
import { seccompFor } from './seccomp.js';
import { traceSpan } from '../../util/trace.js';

export interface RootfsProvider {
  prepareRootfs(imageRef: string, containerId: string): Promise<string>;
  /**
   * Optional: the root as a directory plus, when the container is to mount it itself as its `/`
   * (out of the host's mount table), the overlay mount's options; prepareRootfs is used without it.
   */
  containerRootfs?(imageRef: string, containerId: string): Promise<{ path: string; overlay?: string[] }>;
  releaseRootfs(containerId: string): Promise<void>;
}

export interface RuncRuntimeOptions {
  /** State directory, e.g. <dataDir>/runtime. */
  root: string;
  rootfs: RootfsProvider;
  /** Directory holding a static pause binary (/catatonit or /pause). */
  pauseRootfs: string;
  cni: CniNetwork;
  /** Parent of the Pods' cgroups, the node's own (host-names.ts); /berth when not given. */
  cgroupRoot?: string;
  /** Runs runc, conmon and the other host programs; the host's own when not given. */
  host?: HostCommands;
}

/** Where each kind of state lives under root; shared with cleanupAll. */
export function runtimePaths(root: string) {
  return {
    runc: join(root, 'runc'),
    sandboxes: join(root, 'sandboxes'),
    containers: join(root, 'containers'),
    exits: join(root, 'exits'),
    netns: join(root, 'netns'),
  };
}

const newId = () => randomBytes(16).toString('hex');
const notFound = (kind: string, id: string) => new ApiError('NotFound', `${kind} ${id} not found`);

/** How a container ended: conmon's record of it, or `lost` when nobody was left to record it. */
type Exit = ExitInfo & { oom: boolean; lost?: boolean };
/** The kubelet's words for a container whose end cannot be known (kubelet_pods.go). */
const LOST_EXIT_CODE = 137;
const LOST_MESSAGE = 'The container could not be located when the pod was terminated';

export class RuncRuntime implements RuntimeService {
  readonly #opts: RuncRuntimeOptions;
  readonly #paths: ReturnType<typeof runtimePaths>;
  readonly #host: HostCommands;
  readonly #runc: Runc;
  readonly #sandboxStore: RecordStore<SandboxRecord>;
  readonly #containerStore: RecordStore<ContainerRecord>;
  readonly #sandboxes = new Map<string, SandboxRecord>();
  readonly #containers = new Map<string, ContainerRecord>();
  /** Exit facts never change once written, so they are read from disk once. */
  readonly #exits = new Map<string, Exit>();
  #loaded?: Promise<void>;
  #features?: Promise<RuntimeFeatures>;

  constructor(opts: RuncRuntimeOptions) {
    this.#opts = opts;
    this.#paths = runtimePaths(opts.root);
    this.#host = opts.host ?? hostCommands;
    this.#runc = new Runc(this.#paths.runc, this.#host);
    this.#sandboxStore = new RecordStore(this.#paths.sandboxes);
    this.#containerStore = new RecordStore(this.#paths.containers);
  }

  async runPodSandbox(cfg: SandboxConfig): Promise<string> {
    await this.#load();
    const id = newId();
    const dir = this.#sandboxStore.pathOf(id);
    const cgroupParent = cfg.cgroupParent ?? `${this.#opts.cgroupRoot ?? '/berth'}/pod-${cfg.podUid}`;
    await mkdir(dir, { recursive: true });
    const netns = cfg.hostNetwork ? undefined : join(this.#paths.netns, id);
    const record: SandboxRecord = { id, config: cfg, createdAt: new Date().toISOString(), pid: 0, netns, cgroupParent };
    try {
      const args = await pauseArgv(this.#opts.pauseRootfs);
      const spec = sandboxSpec({ rootfs: this.#opts.pauseRootfs, args, hostname: cfg.hostname, netns, hostNetwork: !!cfg.hostNetwork, hostPID: !!cfg.hostPID, hostIPC: !!cfg.hostIPC, cgroupsPath: `${cgroupParent}/${id}`, sysctls: cfg.sysctls });
      // Each group runs to its end even when a step fails, so the undo below sees everything they made.
      await settleAll([writeFile(join(dir, 'config.json'), JSON.stringify(spec)), writeSandboxFiles(this.#host, dir, cfg), netns && createNetns(this.#host, netns)]);
      // The namespace exists as a file now, so CNI can wire it while the pause process starts inside it.
      const [ip] = await settleAll([
        netns && traceSpan('runtime:cni', cfg.podName, this.#opts.cni.attach(id, netns, cfg.portMappings).then((r) => r.ip)),
        traceSpan('runtime:pause', cfg.podName, this.#runc.runDetached(id, dir, join(dir, 'pid'), join(dir, 'runc.log'))),
      ]);
      record.ip = ip || undefined;
      record.pid = (await readPidFile(join(dir, 'pid'))) ?? 0;
      await this.#sandboxStore.save(record);
      this.#sandboxes.set(id, record);
      return id;
    } catch (e) {
      throw await this.#undoSandbox(record, e);
    }
  }

  /**
   * Undoes a sandbox creation that failed midway: the pause process (or runc's init), the network
   * attachment and its address, the mounts, the namespace and the Pod's cgroup. Returns what to throw.
   */
  async #undoSandbox(sb: SandboxRecord, cause: unknown): Promise<unknown> {
    const dir = this.#sandboxStore.pathOf(sb.id);
    sb.pid = (await readPidFile(join(dir, 'pid'))) ?? 0;
    const errors: unknown[] = [];
    await this.#teardownSandbox(sb).catch((e: unknown) => errors.push(e));
    const shared = [...this.#sandboxes.values()].some((s) => s.cgroupParent === sb.cgroupParent);
    if (!sb.config.cgroupParent && !shared) await removeCgroupParent(sb.cgroupParent).catch((e: unknown) => errors.push(e));
    await this.#sandboxStore.remove(sb.id).catch((e: unknown) => errors.push(e));
    if (errors.length === 0) return cause;
    const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
    return new Error(`${text(cause)} (undoing the sandbox failed too: ${errors.map(text).join('; ')}; \`berth killall\` removes what is left)`, { cause });
  }

  /** Stops every container of the sandbox, the pause process, and releases the network. Idempotent. */
  async stopPodSandbox(id: string): Promise<void> {
    await this.#load();
    const sb = this.#sandboxes.get(id);
    if (!sb) return;
    const members = [...this.#containers.values()].filter((c) => c.sandboxId === id);
    await Promise.all(members.map((c) => this.stopContainer(c.id, 0)));
    if (sb.stopped) return;
    await this.#teardownSandbox(sb);
    sb.stopped = true;
    await this.#sandboxStore.save(sb);
  }

  async #teardownSandbox(sb: SandboxRecord): Promise<void> {
    const dir = this.#sandboxStore.pathOf(sb.id);
    // Every step is tried even when one fails, so a failed DEL still leaves no mount or namespace.
    const errors: unknown[] = [];
    // Network release and the pause process's end are independent; each takes tens of milliseconds.
    await settleAll([
      sb.netns ? this.#opts.cni.detach(sb.id, sb.netns, sb.config.portMappings) : undefined,
      this.#stopPause(sb),
    ]).catch((e: unknown) => errors.push(e));
    await settleAll([unmountShm(dir), sb.netns ? removeNetns(sb.netns) : undefined]).catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw combinedError(errors, `tearing down sandbox ${sb.id}`);
  }

  /** SIGKILL and wait ourselves: `runc delete --force` polls in 100 ms steps. */
  async #stopPause(sb: SandboxRecord): Promise<void> {
    if (sb.pid && (await isAlive(sb.pid))) {
      signal(sb.pid, 'SIGKILL');
      await waitUntil(async () => !(await isAlive(sb.pid)), 5_000, 2);
    }
    await this.#runc.forceDelete(sb.id);
  }

  async removePodSandbox(id: string): Promise<void> {
    await this.#load();
    const sb = this.#sandboxes.get(id);
    if (!sb) return;
    await this.stopPodSandbox(id);
    const members = [...this.#containers.values()].filter((c) => c.sandboxId === id);
    await Promise.all(members.map((c) => this.removeContainer(c.id)));
    if (!sb.config.cgroupParent) await removeCgroupParent(sb.cgroupParent);
    await this.#sandboxStore.remove(id);
    this.#sandboxes.delete(id);
  }

  async listPodSandboxes(): Promise<SandboxStatus[]> {
    await this.#load();
    return Promise.all([...this.#sandboxes.values()].map((sb) => sandboxStatusOf(sb)));
  }

  async podSandboxStatus(id: string): Promise<SandboxStatus | null> {
    await this.#load();
    const sb = this.#sandboxes.get(id);
    return sb ? sandboxStatusOf(sb) : null;
  }

  async createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string> {
    await this.#load();
    const sb = this.#sandboxes.get(sandboxId);
    if (!sb) throw notFound('sandbox', sandboxId);
    if (sb.stopped) throw new ApiError('Conflict', `sandbox ${sandboxId} is stopped`);
    const pidNamespacePid = cfg.pidNamespaceOf ? await this.#runningPidIn(sandboxId, cfg.pidNamespaceOf) : undefined;
    const id = newId();
    const dir = this.#containerStore.pathOf(id);
    const record: ContainerRecord = { id, sandboxId, config: cfg, createdAt: new Date().toISOString() };
    await mkdir(dir, { recursive: true });
    try {
      const [rootfs, seccomp] = await Promise.all([
        traceSpan('runtime:rootfs', cfg.name, this.#containerRootfs(cfg.imageRef, id)),
        cfg.privileged ? undefined : seccompFor(cfg.seccomp, containerCapabilities(cfg)),
        mkdir(dirname(cfg.logPath), { recursive: true }),
        mkdir(this.#paths.exits, { recursive: true }),
      ]);
      const spec = containerSpec({
        cfg,
        rootfs: rootfs.path,
        ...(rootfs.overlay ? { rootOverlay: rootfs.overlay } : {}),
        pausePid: sb.pid,
        hostNetwork: !!sb.config.hostNetwork,
        shareProcessNamespace: !!sb.config.shareProcessNamespace,
        hostPID: !!sb.config.hostPID,
        ...(pidNamespacePid ? { pidNamespacePid } : {}),
        sandboxMounts: sandboxMounts(this.#sandboxStore.pathOf(sandboxId), !!cfg.readOnlyRootfs),
        hostname: sb.config.hostname,
        cgroupsPath: `${sb.cgroupParent}/${id}`,
        ...(seccomp ? { seccomp } : {}),
      });
      await writeFile(join(dir, 'config.json'), JSON.stringify(spec));
      record.pid = await traceSpan('runtime:conmon', cfg.name, launchConmon(this.#host, {
        id, name: cfg.name, bundle: dir, runc: RUNC, runcRoot: this.#paths.runc, pidFile: join(dir, 'pid'),
        conmonPidFile: join(dir, 'conmon.pid'), logPath: cfg.logPath, exitDir: this.#paths.exits, persistDir: dir, tty: !!cfg.tty,
        stdin: !!cfg.stdin, stdinOnce: !!cfg.stdinOnce,
      }));
      record.conmonPid = await readPidFile(join(dir, 'conmon.pid'));
      await this.#containerStore.save(record);
      this.#containers.set(id, record);
      return id;
    } catch (e) {
      await this.#runc.forceDelete(id).catch(() => {});
      await this.#opts.rootfs.releaseRootfs(id).catch(() => {});
      await this.#containerStore.remove(id);
      throw e;
    }
  }

  #containerRootfs(imageRef: string, id: string): Promise<{ path: string; overlay?: string[] }> {
    const p = this.#opts.rootfs;
    return p.containerRootfs ? p.containerRootfs(imageRef, id) : p.prepareRootfs(imageRef, id).then((path) => ({ path }));
  }

  /** The pid of a running container of this sandbox, whose namespaces another may join. */
  async #runningPidIn(sandboxId: string, id: string): Promise<number> {
    const c = this.#containers.get(id);
    if (!c || c.sandboxId !== sandboxId) throw notFound('container', id);
    if (!c.pid || !c.startedAt || (await this.#exit(c))) throw new ApiError('Conflict', `container ${id} is not running`);
    return c.pid;
  }

  async startContainer(id: string): Promise<void> {
    const c = await this.#container(id);
    if (c.startedAt) throw new ApiError('Conflict', `container ${id} was already started`);
    // Taken before: a short-lived process may already have exited when `runc start` returns.
    const startedAt = new Date().toISOString();
    await this.#runc.start(id, c.pid ?? 0);
    c.startedAt = startedAt;
    await this.#containerStore.save(c);
  }

  /** Sends the stop signal, then SIGKILL once timeoutSeconds pass; returns when the container has exited. */
  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = await this.#container(id);
    if (!c.pid || (await this.#exit(c))) return;
    const pid = c.pid;
    const gone = async () => (await this.#exit(c)) !== null || !(await isAlive(pid));
    let stopped = false;
    if (timeoutSeconds > 0) {
      signal(pid, c.config.stopSignal ?? 'SIGTERM');
      stopped = await waitUntil(gone, timeoutSeconds * 1000);
    }
    if (!stopped) {
      signal(pid, 'SIGKILL');
      await waitUntil(gone, 10_000);
    }
    // conmon writes the exit file just after reaping; wait for it so the status that follows is final.
    await waitUntil(async () => (await this.#exit(c)) !== null, 2_000);
  }

  async removeContainer(id: string): Promise<void> {
    await this.#load();
    const c = this.#containers.get(id);
    if (!c) return;
    await this.#runc.forceDelete(id);
    await this.#opts.rootfs.releaseRootfs(id);
    await rm(join(this.#paths.exits, id), { force: true });
    await this.#containerStore.remove(id);
    this.#containers.delete(id);
    this.#exits.delete(id);
  }

  async listContainers(filter: ContainerFilter = {}): Promise<ContainerStatus[]> {
    return Promise.all((await this.#matching(filter)).map((c) => this.#status(c)));
  }

  async listContainerStats(filter: ContainerFilter = {}): Promise<ContainerStats[]> {
    const out: ContainerStats[] = [];
    for (const c of await this.#matching(filter)) {
      const sb = this.#sandboxes.get(c.sandboxId);
      if (!sb || (await this.#status(c)).state !== 'running') continue;
      const counters = readCgroupCounters(`${sb.cgroupParent}/${c.id}`);
      if (counters) out.push({ id: c.id, timestamp: Date.now(), ...counters });
    }
    return out;
  }

  async #matching(filter: ContainerFilter): Promise<ContainerRecord[]> {
    await this.#load();
    return [...this.#containers.values()].filter((c) =>
      (!filter.sandboxId || c.sandboxId === filter.sandboxId) &&
      Object.entries(filter.labels ?? {}).every(([k, v]) => c.config.labels[k] === v));
  }

  async containerStatus(id: string): Promise<ContainerStatus | null> {
    await this.#load();
    const c = this.#containers.get(id);
    return c ? this.#status(c) : null;
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    await this.#running(id);
    return execSync(this.#runc, id, cmd, timeoutSeconds);
  }

  async exec(id: string, cmd: string[], streams: ExecStreams): Promise<number> {
    await this.#running(id);
    return streams.tty ? execInTerminal(this.#runc, id, cmd, streams) : execStreams(this.#runc, id, cmd, streams);
  }

  async attach(id: string, streams: ExecStreams): Promise<void> {
    await this.#running(id);
    const c = await this.#container(id);
    const target = { dir: this.#containerStore.pathOf(id), logPath: c.config.logPath, exited: async () => (await this.#exit(c)) !== null };
    return attachToConmon(this.#host, target, streams);
  }

  async portForward(sandboxId: string, port: number): Promise<Socket> {
    await this.#load();
    const sb = this.#sandboxes.get(sandboxId);
    if (!sb || sb.stopped) throw notFound('sandbox', sandboxId);
    return openPort(this.#host, sb.netns, port);
  }

  /** The new limits go to runc first, then into the record, so the status shows what the cgroup has. */
  async updateContainerResources(id: string, r: ContainerResources): Promise<void> {
    await this.#running(id);
    const c = await this.#container(id);
    await this.#runc.update(id, r);
    c.config = { ...c.config, ...r };
    await this.#containerStore.save(c);
  }

  /** Berth's runtime does not set up user namespaces (it would need idmapped mounts, runc ≥ 1.2). */
  async features(): Promise<RuntimeFeatures> {
    this.#features ??= this.#runc.mountOptions().then((opts) => ({ recursiveReadOnlyMounts: opts.includes('rro'), userNamespaces: false }));
    return this.#features;
  }

  async version(): Promise<string> {
    return this.#runc.version();
  }

  async #status(c: ContainerRecord): Promise<ContainerStatus> {
    const exit = await this.#exit(c);
    let state: ContainerStatus['state'] = 'created';
    if (exit) state = 'exited';
    else if (c.startedAt) state = c.pid && (await isAlive(c.pid)) ? 'running' : 'unknown';
    return {
      id: c.id,
      sandboxId: c.sandboxId,
      name: c.config.name,
      state,
      imageRef: c.config.imageRef,
      createdAt: c.createdAt,
      startedAt: c.startedAt,
      finishedAt: exit?.finishedAt,
      exitCode: exit?.exitCode,
      reason: exit ? exitReason(exit) : undefined,
      ...(exit?.lost ? { message: LOST_MESSAGE } : {}),
      pid: state === 'running' ? c.pid : undefined,
      logPath: c.config.logPath,
      labels: c.config.labels,
      resources: resourcesOf(c.config),
    };
  }

  async #exit(c: ContainerRecord): Promise<Exit | null> {
    const cached = this.#exits.get(c.id);
    if (cached) return cached;
    let info: Exit | null = null;
    const exit = await readExit(this.#paths.exits, c.id);
    if (exit) {
      const oom = await readFile(join(this.#containerStore.pathOf(c.id), 'oom')).then(() => true, () => false);
      info = { ...exit, oom };
    } else if (c.lostAt || (await this.#isLost(c))) {
      c.lostAt ??= new Date().toISOString();
      await this.#containerStore.save(c);
      info = { exitCode: LOST_EXIT_CODE, finishedAt: c.lostAt, oom: false, lost: true };
    }
    if (info) this.#exits.set(c.id, info);
    return info;
  }

  /**
   * A started container whose conmon is gone with no exit file (conmon writes it before exiting): its
   * exit will never be recorded, so it is not "about to be". A process still running without conmon
   * has no logs, no attach and no exit record either: it is ended, so the restart policy gives a
   * monitored one instead of two running side by side.
   */
  async #isLost(c: ContainerRecord): Promise<boolean> {
    const pid = c.pid;
    if (!c.startedAt || !pid || !c.conmonPid || (await isAlive(c.conmonPid, 'conmon'))) return false;
    if (await isAlive(pid)) {
      if (!inContainerCgroup(pid, c.id)) return true; // the pid now belongs to another program: ours is gone
      signal(pid, 'SIGKILL');
      if (!(await waitUntil(async () => !(await isAlive(pid)), 2_000))) return false;
    }
    return (await readExit(this.#paths.exits, c.id)) === null;
  }

  async #container(id: string): Promise<ContainerRecord> {
    await this.#load();
    const c = this.#containers.get(id);
    if (!c) throw notFound('container', id);
    return c;
  }

  async #running(id: string): Promise<void> {
    const status = await this.#status(await this.#container(id));
    if (status.state !== 'running') throw new ApiError('Conflict', `container ${id} is not running (${status.state})`);
  }

  /** Reads the records of an earlier process once, which is all adoption takes. */
  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      const [sandboxes, containers] = await Promise.all([this.#sandboxStore.loadAll(), this.#containerStore.loadAll()]);
      for (const s of sandboxes) this.#sandboxes.set(s.id, s);
      for (const c of containers) this.#containers.set(c.id, c);
    })();
    return this.#loaded;
  }
}

function exitReason(exit: Exit): string {
  if (exit.lost) return 'ContainerStatusUnknown';
  if (exit.oom) return 'OOMKilled';
  return exit.exitCode === 0 ? 'Completed' : 'Error';
}

/** Signals a container's main process; one that is already gone is not an error. */
function signal(pid: number, sig: string): void {
  try {
    process.kill(pid, /^\d+$/.test(sig) ? Number(sig) : (sig.startsWith('SIG') ? sig : `SIG${sig}`) as NodeJS.Signals);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

async function sandboxStatusOf(sb: SandboxRecord): Promise<SandboxStatus> {
  return {
    id: sb.id,
    podUid: sb.config.podUid,
    state: !sb.stopped && (await isAlive(sb.pid)) ? 'ready' : 'notready',
    ip: sb.ip,
    pid: sb.pid || undefined,
    labels: sb.config.labels ?? {},
    createdAt: sb.createdAt,
  };
}

// An in-memory RuntimeService for hollow nodes and for testing the kubelet without root: sandboxes
// and containers are records, a container "runs" until its program ends, the test ends it
// (exit), or it is stopped. It keeps the runc runtime's rules (test/support/runtime-conformance.ts
// holds both to them): a container starts once, a stopped sandbox takes no new containers, stop
// sends the stop signal and SIGKILLs after the timeout, remove and stop of what is gone are no-ops.

import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { ApiError } from '../../api/errors.js';
import type {
  ContainerConfig, ContainerFilter, ContainerResources, ContainerStats, ContainerStatus, ExecResult, ExecStreams, RuntimeFeatures, RuntimeService, SandboxConfig, SandboxStatus,
} from '../types.js';
import { resourcesOf } from '../resources.js';
import { realClock, type Clock } from './clock.js';
import { Failures } from './failures.js';
import { UsageMeters, type FakeUsage } from './usage.js';

/** What a container's process does; by default it runs until stopped and dies of the stop signal. */
export interface FakeProgram {
  /** Ends by itself this long after its start, with exitCode (0 by default). */
  exitAfterMs?: number;
  exitCode?: number;
  /** The stop signal's effect: the exit code it ends with, or 'ignore' (then the timeout's SIGKILL). */
  onStop?: number | 'ignore';
  /** What an exec in it does; exit 0 with no output by default. */
  exec?: (cmd: string[]) => { exitCode: number; stdout?: string; stderr?: string };
  /** The CPU and memory it uses while it runs (none by default); setUsage changes it. */
  usage?: FakeUsage;
}

export interface FakeRuntimeOptions {
  clock?: Clock;
  /** The program each container runs, chosen from its configuration. */
  programFor?: (cfg: ContainerConfig) => FakeProgram;
  /** The n-th sandbox's IP (n from 0); 10.88.0.0/16 addresses by default. */
  podIP?: (n: number) => string;
}

export type RuntimeOp = keyof RuntimeService;

/** 128 + the signal's number, as a shell reports a process it killed. */
const SIGTERM_EXIT = 143;
const SIGKILL_EXIT = 137;

// A record holds what the runtime reports of it, not its whole configuration (hosts file, env, mounts):
// a thousand hollow nodes hold ten thousand of them. status: what the listings answer, built once per
// change (hollow kubelets list every second).
interface FakeSandbox { id: string; podUid: string; labels: Readonly<Record<string, string>>; createdAt: string; ip?: string; stopped: boolean; status?: SandboxStatus }

interface FakeContainer {
  id: string;
  sandboxId: string;
  name: string;
  imageRef: string;
  logPath: string;
  labels: Readonly<Record<string, string>>;
  resources: ContainerResources;
  program: FakeProgram;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  reason?: string;
  /** Called when it exits (made only while someone waits for that). */
  onExit?: (() => void)[];
  status?: ContainerStatus;
}

/** The default program, one object for every container that runs it. */
const RUN_UNTIL_STOPPED: FakeProgram = Object.freeze({});

const newId = () => randomBytes(16).toString('hex');
const notFound = (kind: string, id: string) => new ApiError('NotFound', `${kind} ${id} not found`);

export class FakeRuntime implements RuntimeService {
  readonly #clock: Clock;
  readonly #programFor: (cfg: ContainerConfig) => FakeProgram;
  readonly #podIP: (n: number) => string;
  readonly #failures = new Failures<RuntimeOp>();
  readonly #sandboxes = new Map<string, FakeSandbox>();
  readonly #containers = new Map<string, FakeContainer>();
  readonly #usage = new UsageMeters();
  #sandboxCount = 0;
  /** Bumped by every change a listing would show (see changeCount). */
  #changes = 0;

  constructor(opts: FakeRuntimeOptions = {}) {
    this.#clock = opts.clock ?? realClock;
    this.#programFor = opts.programFor ?? (() => RUN_UNTIL_STOPPED);
    this.#podIP = opts.podIP ?? ((n) => `10.88.${(n >> 8) & 255}.${(n & 255) || 1}`);
  }

  /** The next call of op rejects with err. */
  failNext(op: RuntimeOp, err: Error): void {
    this.#failures.failNext(op, err);
  }

  /** Ends a running container's process with code, as if it had exited by itself (reason e.g. OOMKilled). */
  exit(id: string, code: number, reason?: string): void {
    const c = this.#containers.get(id);
    if (!c) throw notFound('container', id);
    if (c.startedAt && c.exitCode === undefined) this.#end(c, code, reason);
  }

  /** Scripts the CPU and memory a running container uses from now on. */
  setUsage(id: string, usage: FakeUsage): void {
    this.#container(id);
    this.#usage.set(id, usage, this.#clock.now().getTime());
  }

  async runPodSandbox(cfg: SandboxConfig): Promise<string> {
    this.#failures.check('runPodSandbox');
    const id = newId();
    const n = this.#sandboxCount++;
    this.#sandboxes.set(id, { id, podUid: cfg.podUid, labels: Object.freeze({ ...(cfg.labels ?? {}) }), createdAt: this.#now(), ip: cfg.hostNetwork ? undefined : this.#podIP(n), stopped: false });
    this.#changes++;
    return id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    this.#failures.check('stopPodSandbox');
    const sb = this.#sandboxes.get(id);
    if (!sb) return;
    await Promise.all(this.#members(id).map((c) => this.stopContainer(c.id, 0)));
    if (!sb.stopped) this.#changes++;
    sb.stopped = true;
    sb.status = undefined;
  }

  async removePodSandbox(id: string): Promise<void> {
    this.#failures.check('removePodSandbox');
    if (!this.#sandboxes.has(id)) return;
    await this.stopPodSandbox(id);
    for (const c of this.#members(id)) await this.removeContainer(c.id);
    this.#sandboxes.delete(id);
    this.#changes++;
  }

  async listPodSandboxes(): Promise<SandboxStatus[]> {
    this.#failures.check('listPodSandboxes');
    return [...this.#sandboxes.values()].map(sandboxStatusOf);
  }

  async podSandboxStatus(id: string): Promise<SandboxStatus | null> {
    this.#failures.check('podSandboxStatus');
    const sb = this.#sandboxes.get(id);
    return sb ? sandboxStatusOf(sb) : null;
  }

  async createContainer(sandboxId: string, cfg: ContainerConfig): Promise<string> {
    this.#failures.check('createContainer');
    const sb = this.#sandboxes.get(sandboxId);
    if (!sb) throw notFound('sandbox', sandboxId);
    if (sb.stopped) throw new ApiError('Conflict', `sandbox ${sandboxId} is stopped`);
    if (cfg.pidNamespaceOf) {
      const target = this.#containers.get(cfg.pidNamespaceOf);
      if (!target || target.sandboxId !== sandboxId) throw notFound('container', cfg.pidNamespaceOf);
      if (!target.startedAt || target.exitCode !== undefined) throw new ApiError('Conflict', `container ${cfg.pidNamespaceOf} is not running`);
    }
    const id = newId();
    this.#containers.set(id, {
      id, sandboxId, name: cfg.name, imageRef: cfg.imageRef, logPath: cfg.logPath, labels: Object.freeze({ ...cfg.labels }), resources: Object.freeze(resourcesOf(cfg)),
      program: this.#programFor(cfg), createdAt: this.#now(),
    });
    this.#changes++;
    // Its log file exists, empty, as a real runtime's does: logs read nothing and log rotation finds nothing to do.
    if (cfg.logPath) await appendFile(cfg.logPath, '').catch(() => undefined);
    return id;
  }

  async startContainer(id: string): Promise<void> {
    this.#failures.check('startContainer');
    const c = this.#container(id);
    if (c.startedAt) throw new ApiError('Conflict', `container ${id} was already started`);
    c.startedAt = this.#now();
    c.status = undefined;
    this.#changes++;
    this.#usage.set(id, c.program.usage ?? {}, this.#clock.now().getTime());
    const { exitAfterMs, exitCode = 0 } = c.program;
    if (exitAfterMs !== undefined) void this.#clock.sleep(exitAfterMs).then(() => this.exit(id, exitCode));
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.#failures.check('stopContainer');
    const c = this.#container(id);
    if (c.exitCode !== undefined) return;
    if (!c.startedAt) return this.#end(c, SIGKILL_EXIT);
    const onStop = c.program.onStop ?? SIGTERM_EXIT;
    if (timeoutSeconds > 0 && onStop !== 'ignore') return this.#end(c, onStop);
    if (timeoutSeconds > 0) await Promise.race([exitOf(c), this.#clock.sleep(timeoutSeconds * 1000)]);
    if (c.exitCode === undefined) this.#end(c, SIGKILL_EXIT);
  }

  /** Removes it, killing it first if it runs (as `runc delete --force`). */
  async removeContainer(id: string): Promise<void> {
    this.#failures.check('removeContainer');
    const c = this.#containers.get(id);
    if (!c) return;
    if (c.exitCode === undefined) this.#end(c, SIGKILL_EXIT);
    this.#containers.delete(id);
    this.#changes++;
    this.#usage.forget(id);
  }

  async listContainers(filter: ContainerFilter = {}): Promise<ContainerStatus[]> {
    this.#failures.check('listContainers');
    return this.#matching(filter).map(statusOf);
  }

  #matching(filter: ContainerFilter): FakeContainer[] {
    return [...this.#containers.values()].filter((c) =>
      (!filter.sandboxId || c.sandboxId === filter.sandboxId) &&
      Object.entries(filter.labels ?? {}).every(([k, v]) => c.labels[k] === v));
  }

  async listContainerStats(filter: ContainerFilter = {}): Promise<ContainerStats[]> {
    this.#failures.check('listContainerStats');
    const now = this.#clock.now().getTime();
    const out: ContainerStats[] = [];
    for (const c of this.#matching(filter)) {
      const counters = statusOf(c).state === 'running' ? this.#usage.read(c.id, now) : undefined;
      if (counters) out.push({ id: c.id, timestamp: now, ...counters });
    }
    return out;
  }

  async containerStatus(id: string): Promise<ContainerStatus | null> {
    this.#failures.check('containerStatus');
    const c = this.#containers.get(id);
    return c ? statusOf(c) : null;
  }

  async execSync(id: string, cmd: string[], _timeoutSeconds: number): Promise<ExecResult> {
    this.#failures.check('execSync');
    const r = this.#exec(id, cmd);
    return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout ?? ''), stderr: Buffer.from(r.stderr ?? '') };
  }

  async exec(id: string, cmd: string[], streams: ExecStreams): Promise<number> {
    this.#failures.check('exec');
    const r = this.#exec(id, cmd);
    if (r.stdout) streams.stdout?.write(r.stdout);
    if (r.stderr) streams.stderr?.write(r.stderr);
    return r.exitCode;
  }

  /** A fake process writes nothing: attaching waits for its end (or the client's). */
  async attach(id: string, streams: ExecStreams): Promise<void> {
    this.#failures.check('attach');
    const c = this.#container(id);
    const state = statusOf(c).state;
    if (state !== 'running') throw new ApiError('Conflict', `container ${id} is not running (${state})`);
    const gone = new Promise<void>((resolve) => streams.signal?.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([exitOf(c), gone]);
  }

  async portForward(sandboxId: string, _port: number): Promise<Socket> {
    this.#failures.check('portForward');
    const sb = this.#sandboxes.get(sandboxId);
    if (!sb || sb.stopped) throw notFound('sandbox', sandboxId);
    throw new ApiError('ServiceUnavailable', 'the fake runtime has no network to forward a port into');
  }

  async updateContainerResources(id: string, r: ContainerResources): Promise<void> {
    const c = this.#container(id);
    c.resources = Object.freeze(resourcesOf({ ...c.resources, ...r }));
    c.status = undefined;
    this.#changes++;
  }

  /**
   * Moves whenever a sandbox or container is added, changes state or goes: a relister that saw the
   * same count last time has nothing new to find (thousands of hollow kubelets relist every second).
   */
  changeCount(): number {
    return this.#changes;
  }

  async features(): Promise<RuntimeFeatures> {
    return { recursiveReadOnlyMounts: true, userNamespaces: false };
  }

  async version(): Promise<string> {
    return 'fake';
  }

  #exec(id: string, cmd: string[]): { exitCode: number; stdout?: string; stderr?: string } {
    const c = this.#container(id);
    const state = statusOf(c).state;
    if (state !== 'running') throw new ApiError('Conflict', `container ${id} is not running (${state})`);
    return c.program.exec?.(cmd) ?? { exitCode: 0 };
  }

  #end(c: FakeContainer, code: number, reason?: string): void {
    c.exitCode = code;
    c.finishedAt = this.#now();
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    c.status = undefined;
    this.#changes++;
    for (const f of c.onExit?.splice(0) ?? []) f();
  }

  #members(sandboxId: string): FakeContainer[] {
    return [...this.#containers.values()].filter((c) => c.sandboxId === sandboxId);
  }

  #container(id: string): FakeContainer {
    const c = this.#containers.get(id);
    if (!c) throw notFound('container', id);
    return c;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}

/** Resolves when the container exits. */
function exitOf(c: FakeContainer): Promise<void> {
  if (c.exitCode !== undefined) return Promise.resolve();
  return new Promise((resolve) => (c.onExit ??= []).push(resolve));
}

/** Built once per change and frozen: every listing hands out the same object. */
function sandboxStatusOf(sb: FakeSandbox): SandboxStatus {
  return (sb.status ??= Object.freeze(buildSandboxStatus(sb)));
}

function statusOf(c: FakeContainer): ContainerStatus {
  return (c.status ??= Object.freeze(buildStatus(c)));
}

function buildSandboxStatus(sb: FakeSandbox): SandboxStatus {
  return { id: sb.id, podUid: sb.podUid, state: sb.stopped ? 'notready' : 'ready', ip: sb.ip, labels: sb.labels, createdAt: sb.createdAt };
}

function buildStatus(c: FakeContainer): ContainerStatus {
  const exited = c.exitCode !== undefined;
  return {
    id: c.id,
    sandboxId: c.sandboxId,
    name: c.name,
    state: exited ? 'exited' : c.startedAt ? 'running' : 'created',
    imageRef: c.imageRef,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    exitCode: c.exitCode,
    reason: exited ? c.reason : undefined,
    logPath: c.logPath,
    labels: c.labels,
    resources: c.resources,
  };
}

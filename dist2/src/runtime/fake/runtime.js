// An in-memory RuntimeService for hollow nodes and for testing the kubelet without root: sandboxes
// and containers are records, a container "runs" until its program ends, the test ends it
// (exit), or it is stopped. It keeps the runc runtime's rules (test/support/runtime-conformance.ts
// holds both to them): a container starts once, a stopped sandbox takes no new containers, stop
// sends the stop signal and SIGKILLs after the timeout, remove and stop of what is gone are no-ops.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../api/errors.js';
import { resourcesOf } from '../resources.js';
import { realClock } from './clock.js';
import { Failures } from './failures.js';
import { UsageMeters } from './usage.js';
/** 128 + the signal's number, as a shell reports a process it killed. */
const SIGTERM_EXIT = 143;
const SIGKILL_EXIT = 137;
const newId = () => randomBytes(16).toString('hex');
const notFound = (kind, id) => new ApiError('NotFound', `${kind} ${id} not found`);
export class FakeRuntime {
    #clock;
    #programFor;
    #podIP;
    #failures = new Failures();
    #sandboxes = new Map();
    #containers = new Map();
    #usage = new UsageMeters();
    #sandboxCount = 0;
    constructor(opts = {}) {
        this.#clock = opts.clock ?? realClock;
        this.#programFor = opts.programFor ?? (() => ({}));
        this.#podIP = opts.podIP ?? ((n) => `10.88.${(n >> 8) & 255}.${(n & 255) || 1}`);
    }
    /** The next call of op rejects with err. */
    failNext(op, err) {
        this.#failures.failNext(op, err);
    }
    /** Ends a running container's process with code, as if it had exited by itself (reason e.g. OOMKilled). */
    exit(id, code, reason) {
        const c = this.#containers.get(id);
        if (!c)
            throw notFound('container', id);
        if (c.startedAt && c.exitCode === undefined)
            this.#end(c, code, reason);
    }
    /** Scripts the CPU and memory a running container uses from now on. */
    setUsage(id, usage) {
        this.#container(id);
        this.#usage.set(id, usage, this.#clock.now().getTime());
    }
    async runPodSandbox(cfg) {
        this.#failures.check('runPodSandbox');
        const id = newId();
        const n = this.#sandboxCount++;
        this.#sandboxes.set(id, { id, config: cfg, createdAt: this.#now(), ip: cfg.hostNetwork ? undefined : this.#podIP(n), stopped: false });
        return id;
    }
    async stopPodSandbox(id) {
        this.#failures.check('stopPodSandbox');
        const sb = this.#sandboxes.get(id);
        if (!sb)
            return;
        await Promise.all(this.#members(id).map((c) => this.stopContainer(c.id, 0)));
        sb.stopped = true;
    }
    async removePodSandbox(id) {
        this.#failures.check('removePodSandbox');
        if (!this.#sandboxes.has(id))
            return;
        await this.stopPodSandbox(id);
        for (const c of this.#members(id))
            await this.removeContainer(c.id);
        this.#sandboxes.delete(id);
    }
    async listPodSandboxes() {
        this.#failures.check('listPodSandboxes');
        return [...this.#sandboxes.values()].map(sandboxStatusOf);
    }
    async podSandboxStatus(id) {
        this.#failures.check('podSandboxStatus');
        const sb = this.#sandboxes.get(id);
        return sb ? sandboxStatusOf(sb) : null;
    }
    async createContainer(sandboxId, cfg) {
        this.#failures.check('createContainer');
        const sb = this.#sandboxes.get(sandboxId);
        if (!sb)
            throw notFound('sandbox', sandboxId);
        if (sb.stopped)
            throw new ApiError('Conflict', `sandbox ${sandboxId} is stopped`);
        if (cfg.pidNamespaceOf) {
            const target = this.#containers.get(cfg.pidNamespaceOf);
            if (!target || target.sandboxId !== sandboxId)
                throw notFound('container', cfg.pidNamespaceOf);
            if (!target.startedAt || target.exitCode !== undefined)
                throw new ApiError('Conflict', `container ${cfg.pidNamespaceOf} is not running`);
        }
        const id = newId();
        let markExited;
        const exited = new Promise((r) => (markExited = r));
        this.#containers.set(id, { id, sandboxId, config: cfg, program: this.#programFor(cfg), createdAt: this.#now(), exited, markExited });
        return id;
    }
    async startContainer(id) {
        this.#failures.check('startContainer');
        const c = this.#container(id);
        if (c.startedAt)
            throw new ApiError('Conflict', `container ${id} was already started`);
        c.startedAt = this.#now();
        this.#usage.set(id, c.program.usage ?? {}, this.#clock.now().getTime());
        const { exitAfterMs, exitCode = 0 } = c.program;
        if (exitAfterMs !== undefined)
            void this.#clock.sleep(exitAfterMs).then(() => this.exit(id, exitCode));
    }
    async stopContainer(id, timeoutSeconds) {
        this.#failures.check('stopContainer');
        const c = this.#container(id);
        if (c.exitCode !== undefined)
            return;
        if (!c.startedAt)
            return this.#end(c, SIGKILL_EXIT);
        const onStop = c.program.onStop ?? SIGTERM_EXIT;
        if (timeoutSeconds > 0 && onStop !== 'ignore')
            return this.#end(c, onStop);
        if (timeoutSeconds > 0)
            await Promise.race([c.exited, this.#clock.sleep(timeoutSeconds * 1000)]);
        if (c.exitCode === undefined)
            this.#end(c, SIGKILL_EXIT);
    }
    /** Removes it, killing it first if it runs (as `runc delete --force`). */
    async removeContainer(id) {
        this.#failures.check('removeContainer');
        const c = this.#containers.get(id);
        if (!c)
            return;
        if (c.exitCode === undefined)
            this.#end(c, SIGKILL_EXIT);
        this.#containers.delete(id);
        this.#usage.forget(id);
    }
    async listContainers(filter = {}) {
        this.#failures.check('listContainers');
        return this.#matching(filter).map(statusOf);
    }
    #matching(filter) {
        return [...this.#containers.values()].filter((c) => (!filter.sandboxId || c.sandboxId === filter.sandboxId) &&
            Object.entries(filter.labels ?? {}).every(([k, v]) => c.config.labels[k] === v));
    }
    async listContainerStats(filter = {}) {
        this.#failures.check('listContainerStats');
        const now = this.#clock.now().getTime();
        const out = [];
        for (const c of this.#matching(filter)) {
            const counters = statusOf(c).state === 'running' ? this.#usage.read(c.id, now) : undefined;
            if (counters)
                out.push({ id: c.id, timestamp: now, ...counters });
        }
        return out;
    }
    async containerStatus(id) {
        this.#failures.check('containerStatus');
        const c = this.#containers.get(id);
        return c ? statusOf(c) : null;
    }
    async execSync(id, cmd, _timeoutSeconds) {
        this.#failures.check('execSync');
        const r = this.#exec(id, cmd);
        return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout ?? ''), stderr: Buffer.from(r.stderr ?? '') };
    }
    async exec(id, cmd, streams) {
        this.#failures.check('exec');
        const r = this.#exec(id, cmd);
        if (r.stdout)
            streams.stdout?.write(r.stdout);
        if (r.stderr)
            streams.stderr?.write(r.stderr);
        return r.exitCode;
    }
    /** A fake process writes nothing: attaching waits for its end (or the client's). */
    async attach(id, streams) {
        this.#failures.check('attach');
        const c = this.#container(id);
        const state = statusOf(c).state;
        if (state !== 'running')
            throw new ApiError('Conflict', `container ${id} is not running (${state})`);
        const gone = new Promise((resolve) => streams.signal?.addEventListener('abort', () => resolve(), { once: true }));
        await Promise.race([c.exited, gone]);
    }
    async portForward(sandboxId, _port) {
        this.#failures.check('portForward');
        const sb = this.#sandboxes.get(sandboxId);
        if (!sb || sb.stopped)
            throw notFound('sandbox', sandboxId);
        throw new ApiError('ServiceUnavailable', 'the fake runtime has no network to forward a port into');
    }
    async updateContainerResources(id, r) {
        const c = this.#container(id);
        c.config = { ...c.config, ...r };
    }
    async features() {
        return { recursiveReadOnlyMounts: true, userNamespaces: false };
    }
    #exec(id, cmd) {
        const c = this.#container(id);
        const state = statusOf(c).state;
        if (state !== 'running')
            throw new ApiError('Conflict', `container ${id} is not running (${state})`);
        return c.program.exec?.(cmd) ?? { exitCode: 0 };
    }
    #end(c, code, reason) {
        c.exitCode = code;
        c.finishedAt = this.#now();
        c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
        c.markExited();
    }
    #members(sandboxId) {
        return [...this.#containers.values()].filter((c) => c.sandboxId === sandboxId);
    }
    #container(id) {
        const c = this.#containers.get(id);
        if (!c)
            throw notFound('container', id);
        return c;
    }
    #now() {
        return this.#clock.now().toISOString();
    }
}
function sandboxStatusOf(sb) {
    return { id: sb.id, podUid: sb.config.podUid, state: sb.stopped ? 'notready' : 'ready', ip: sb.ip, labels: { ...(sb.config.labels ?? {}) }, createdAt: sb.createdAt };
}
function statusOf(c) {
    const exited = c.exitCode !== undefined;
    return {
        id: c.id,
        sandboxId: c.sandboxId,
        name: c.config.name,
        state: exited ? 'exited' : c.startedAt ? 'running' : 'created',
        imageRef: c.config.imageRef,
        createdAt: c.createdAt,
        startedAt: c.startedAt,
        finishedAt: c.finishedAt,
        exitCode: c.exitCode,
        reason: exited ? c.reason : undefined,
        logPath: c.config.logPath,
        labels: { ...c.config.labels },
        resources: resourcesOf(c.config),
    };
}
//# sourceMappingURL=runtime.js.map
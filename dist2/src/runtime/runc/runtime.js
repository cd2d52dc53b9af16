// RuntimeService over runc: a pause container per Pod holds the namespaces (network set up by CNI),
// app containers join them and run under conmon. Everything needed to manage them is on disk under
// root, so a new RuncRuntime over the same root adopts what an earlier process started.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../api/errors.js';
import { combinedError, settleAll } from '../../util/settle.js';
import { resourcesOf } from '../resources.js';
import { createNetns, removeNetns } from '../cni/netns.js';
import { removeCgroupParent } from './cgroups.js';
import { readCgroupCounters } from './cgroup-stats.js';
import { attachToConmon } from './attach.js';
import { launchConmon } from './conmon.js';
import { execStreams, execSync } from './exec.js';
import { containerCapabilities, containerSpec, sandboxSpec } from './oci-spec.js';
import { pauseArgv } from './pause.js';
import { openPort } from './port-forward.js';
import { inContainerCgroup, isAlive, readExit, readPidFile, waitUntil } from './process-state.js';
import { RecordStore } from './records.js';
import { RUNC, Runc } from './runc-cli.js';
import { execInTerminal } from './terminal.js';
import { sandboxMounts, shmMount, unmountShm, writeSandboxFiles } from './sandbox-files.js';
import { seccompFor } from './seccomp.js';
/** Where each kind of state lives under root; shared with cleanupAll. */
export function runtimePaths(root) {
    return {
        runc: join(root, 'runc'),
        sandboxes: join(root, 'sandboxes'),
        containers: join(root, 'containers'),
        exits: join(root, 'exits'),
        netns: join(root, 'netns'),
    };
}
const newId = () => randomBytes(16).toString('hex');
const notFound = (kind, id) => new ApiError('NotFound', `${kind} ${id} not found`);
/** The kubelet's words for a container whose end cannot be known (kubelet_pods.go). */
const LOST_EXIT_CODE = 137;
const LOST_MESSAGE = 'The container could not be located when the pod was terminated';
export class RuncRuntime {
    #opts;
    #paths;
    #runc;
    #sandboxStore;
    #containerStore;
    #sandboxes = new Map();
    #containers = new Map();
    /** Exit facts never change once written, so they are read from disk once. */
    #exits = new Map();
    #loaded;
    #features;
    constructor(opts) {
        this.#opts = opts;
        this.#paths = runtimePaths(opts.root);
        this.#runc = new Runc(this.#paths.runc);
        this.#sandboxStore = new RecordStore(this.#paths.sandboxes);
        this.#containerStore = new RecordStore(this.#paths.containers);
    }
    async runPodSandbox(cfg) {
        await this.#load();
        const id = newId();
        const dir = this.#sandboxStore.pathOf(id);
        const cgroupParent = cfg.cgroupParent ?? `${this.#opts.cgroupRoot ?? '/berth'}/pod-${cfg.podUid}`;
        await mkdir(dir, { recursive: true });
        const netns = cfg.hostNetwork ? undefined : join(this.#paths.netns, id);
        const record = { id, config: cfg, createdAt: new Date().toISOString(), pid: 0, netns, cgroupParent };
        try {
            const args = await pauseArgv(this.#opts.pauseRootfs);
            const spec = sandboxSpec({ rootfs: this.#opts.pauseRootfs, args, hostname: cfg.hostname, netns, hostNetwork: !!cfg.hostNetwork, hostPID: !!cfg.hostPID, hostIPC: !!cfg.hostIPC, cgroupsPath: `${cgroupParent}/${id}`, shm: shmMount(dir), sysctls: cfg.sysctls });
            // Each group runs to its end even when a step fails, so the undo below sees everything they made.
            await settleAll([writeFile(join(dir, 'config.json'), JSON.stringify(spec)), writeSandboxFiles(dir, cfg), netns && createNetns(netns)]);
            // The namespace exists as a file now, so CNI can wire it while the pause process starts inside it.
            const [ip] = await settleAll([
                netns && this.#opts.cni.attach(id, netns, cfg.portMappings).then((r) => r.ip),
                this.#runc.runDetached(id, dir, join(dir, 'pid'), join(dir, 'runc.log')),
            ]);
            record.ip = ip || undefined;
            record.pid = (await readPidFile(join(dir, 'pid'))) ?? 0;
            await this.#sandboxStore.save(record);
            this.#sandboxes.set(id, record);
            return id;
        }
        catch (e) {
            throw await this.#undoSandbox(record, e);
        }
    }
    /**
     * Undoes a sandbox creation that failed midway: the pause process (or runc's init), the network
     * attachment and its address, the mounts, the namespace and the Pod's cgroup. Returns what to throw.
     */
    async #undoSandbox(sb, cause) {
        const dir = this.#sandboxStore.pathOf(sb.id);
        sb.pid = (await readPidFile(join(dir, 'pid'))) ?? 0;
        const errors = [];
        await this.#teardownSandbox(sb).catch((e) => errors.push(e));
        const shared = [...this.#sandboxes.values()].some((s) => s.cgroupParent === sb.cgroupParent);
        if (!sb.config.cgroupParent && !shared)
            await removeCgroupParent(sb.cgroupParent).catch((e) => errors.push(e));
        await this.#sandboxStore.remove(sb.id).catch((e) => errors.push(e));
        if (errors.length === 0)
            return cause;
        const text = (e) => (e instanceof Error ? e.message : String(e));
        return new Error(`${text(cause)} (undoing the sandbox failed too: ${errors.map(text).join('; ')}; \`berth killall\` removes what is left)`, { cause });
    }
    /** Stops every container of the sandbox, the pause process, and releases the network. Idempotent. */
    async stopPodSandbox(id) {
        await this.#load();
        const sb = this.#sandboxes.get(id);
        if (!sb)
            return;
        const members = [...this.#containers.values()].filter((c) => c.sandboxId === id);
        await Promise.all(members.map((c) => this.stopContainer(c.id, 0)));
        if (sb.stopped)
            return;
        await this.#teardownSandbox(sb);
        sb.stopped = true;
        await this.#sandboxStore.save(sb);
    }
    async #teardownSandbox(sb) {
        const dir = this.#sandboxStore.pathOf(sb.id);
        // Every step is tried even when one fails, so a failed DEL still leaves no mount or namespace.
        const errors = [];
        // Network release and the pause process's end are independent; each takes tens of milliseconds.
        await settleAll([
            sb.netns ? this.#opts.cni.detach(sb.id, sb.netns, sb.config.portMappings) : undefined,
            this.#stopPause(sb),
        ]).catch((e) => errors.push(e));
        await settleAll([unmountShm(dir), sb.netns ? removeNetns(sb.netns) : undefined]).catch((e) => errors.push(e));
        if (errors.length > 0)
            throw combinedError(errors, `tearing down sandbox ${sb.id}`);
    }
    /** SIGKILL and wait ourselves: `runc delete --force` polls in 100 ms steps. */
    async #stopPause(sb) {
        if (sb.pid && (await isAlive(sb.pid))) {
            signal(sb.pid, 'SIGKILL');
            await waitUntil(async () => !(await isAlive(sb.pid)), 5_000, 2);
        }
        await this.#runc.forceDelete(sb.id);
    }
    async removePodSandbox(id) {
        await this.#load();
        const sb = this.#sandboxes.get(id);
        if (!sb)
            return;
        await this.stopPodSandbox(id);
        const members = [...this.#containers.values()].filter((c) => c.sandboxId === id);
        await Promise.all(members.map((c) => this.removeContainer(c.id)));
        if (!sb.config.cgroupParent)
            await removeCgroupParent(sb.cgroupParent);
        await this.#sandboxStore.remove(id);
        this.#sandboxes.delete(id);
    }
    async listPodSandboxes() {
        await this.#load();
        return Promise.all([...this.#sandboxes.values()].map((sb) => sandboxStatusOf(sb)));
    }
    async podSandboxStatus(id) {
        await this.#load();
        const sb = this.#sandboxes.get(id);
        return sb ? sandboxStatusOf(sb) : null;
    }
    async createContainer(sandboxId, cfg) {
        await this.#load();
        const sb = this.#sandboxes.get(sandboxId);
        if (!sb)
            throw notFound('sandbox', sandboxId);
        if (sb.stopped)
            throw new ApiError('Conflict', `sandbox ${sandboxId} is stopped`);
        const pidNamespacePid = cfg.pidNamespaceOf ? await this.#runningPidIn(sandboxId, cfg.pidNamespaceOf) : undefined;
        const id = newId();
        const dir = this.#containerStore.pathOf(id);
        const record = { id, sandboxId, config: cfg, createdAt: new Date().toISOString() };
        await mkdir(dir, { recursive: true });
        try {
            const [rootfs, seccomp] = await Promise.all([
                this.#opts.rootfs.prepareRootfs(cfg.imageRef, id),
                cfg.privileged ? undefined : seccompFor(cfg.seccomp, containerCapabilities(cfg)),
                mkdir(dirname(cfg.logPath), { recursive: true }),
                mkdir(this.#paths.exits, { recursive: true }),
            ]);
            const spec = containerSpec({
                cfg,
                rootfs,
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
            record.pid = await launchConmon({
                id, name: cfg.name, bundle: dir, runc: RUNC, runcRoot: this.#paths.runc, pidFile: join(dir, 'pid'),
                conmonPidFile: join(dir, 'conmon.pid'), logPath: cfg.logPath, exitDir: this.#paths.exits, persistDir: dir, tty: !!cfg.tty,
                stdin: !!cfg.stdin, stdinOnce: !!cfg.stdinOnce,
            });
            record.conmonPid = await readPidFile(join(dir, 'conmon.pid'));
            await this.#containerStore.save(record);
            this.#containers.set(id, record);
            return id;
        }
        catch (e) {
            await this.#runc.forceDelete(id).catch(() => { });
            await this.#opts.rootfs.releaseRootfs(id).catch(() => { });
            await this.#containerStore.remove(id);
            throw e;
        }
    }
    /** The pid of a running container of this sandbox, whose namespaces another may join. */
    async #runningPidIn(sandboxId, id) {
        const c = this.#containers.get(id);
        if (!c || c.sandboxId !== sandboxId)
            throw notFound('container', id);
        if (!c.pid || !c.startedAt || (await this.#exit(c)))
            throw new ApiError('Conflict', `container ${id} is not running`);
        return c.pid;
    }
    async startContainer(id) {
        const c = await this.#container(id);
        if (c.startedAt)
            throw new ApiError('Conflict', `container ${id} was already started`);
        // Taken before: a short-lived process may already have exited when `runc start` returns.
        const startedAt = new Date().toISOString();
        await this.#runc.start(id);
        c.startedAt = startedAt;
        await this.#containerStore.save(c);
    }
    /** Sends the stop signal, then SIGKILL once timeoutSeconds pass; returns when the container has exited. */
    async stopContainer(id, timeoutSeconds) {
        const c = await this.#container(id);
        if (!c.pid || (await this.#exit(c)))
            return;
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
    async removeContainer(id) {
        await this.#load();
        const c = this.#containers.get(id);
        if (!c)
            return;
        await this.#runc.forceDelete(id);
        await this.#opts.rootfs.releaseRootfs(id);
        await rm(join(this.#paths.exits, id), { force: true });
        await this.#containerStore.remove(id);
        this.#containers.delete(id);
        this.#exits.delete(id);
    }
    async listContainers(filter = {}) {
        return Promise.all((await this.#matching(filter)).map((c) => this.#status(c)));
    }
    async listContainerStats(filter = {}) {
        const out = [];
        for (const c of await this.#matching(filter)) {
            const sb = this.#sandboxes.get(c.sandboxId);
            if (!sb || (await this.#status(c)).state !== 'running')
                continue;
            const counters = readCgroupCounters(`${sb.cgroupParent}/${c.id}`);
            if (counters)
                out.push({ id: c.id, timestamp: Date.now(), ...counters });
        }
        return out;
    }
    async #matching(filter) {
        await this.#load();
        return [...this.#containers.values()].filter((c) => (!filter.sandboxId || c.sandboxId === filter.sandboxId) &&
            Object.entries(filter.labels ?? {}).every(([k, v]) => c.config.labels[k] === v));
    }
    async containerStatus(id) {
        await this.#load();
        const c = this.#containers.get(id);
        return c ? this.#status(c) : null;
    }
    async execSync(id, cmd, timeoutSeconds) {
        await this.#running(id);
        return execSync(this.#runc, id, cmd, timeoutSeconds);
    }
    async exec(id, cmd, streams) {
        await this.#running(id);
        return streams.tty ? execInTerminal(this.#runc, id, cmd, streams) : execStreams(this.#runc, id, cmd, streams);
    }
    async attach(id, streams) {
        await this.#running(id);
        const c = await this.#container(id);
        const target = { dir: this.#containerStore.pathOf(id), logPath: c.config.logPath, exited: async () => (await this.#exit(c)) !== null };
        return attachToConmon(target, streams);
    }
    async portForward(sandboxId, port) {
        await this.#load();
        const sb = this.#sandboxes.get(sandboxId);
        if (!sb || sb.stopped)
            throw notFound('sandbox', sandboxId);
        return openPort(sb.netns, port);
    }
    /** The new limits go to runc first, then into the record, so the status shows what the cgroup has. */
    async updateContainerResources(id, r) {
        await this.#running(id);
        const c = await this.#container(id);
        await this.#runc.update(id, r);
        c.config = { ...c.config, ...r };
        await this.#containerStore.save(c);
    }
    /** Berth's runtime does not set up user namespaces (it would need idmapped mounts, runc ≥ 1.2). */
    async features() {
        this.#features ??= this.#runc.mountOptions().then((opts) => ({ recursiveReadOnlyMounts: opts.includes('rro'), userNamespaces: false }));
        return this.#features;
    }
    async #status(c) {
        const exit = await this.#exit(c);
        let state = 'created';
        if (exit)
            state = 'exited';
        else if (c.startedAt)
            state = c.pid && (await isAlive(c.pid)) ? 'running' : 'unknown';
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
    async #exit(c) {
        const cached = this.#exits.get(c.id);
        if (cached)
            return cached;
        let info = null;
        const exit = await readExit(this.#paths.exits, c.id);
        if (exit) {
            const oom = await readFile(join(this.#containerStore.pathOf(c.id), 'oom')).then(() => true, () => false);
            info = { ...exit, oom };
        }
        else if (c.lostAt || (await this.#isLost(c))) {
            c.lostAt ??= new Date().toISOString();
            await this.#containerStore.save(c);
            info = { exitCode: LOST_EXIT_CODE, finishedAt: c.lostAt, oom: false, lost: true };
        }
        if (info)
            this.#exits.set(c.id, info);
        return info;
    }
    /**
     * A started container whose conmon is gone with no exit file (conmon writes it before exiting): its
     * exit will never be recorded, so it is not "about to be". A process still running without conmon
     * has no logs, no attach and no exit record either: it is ended, so the restart policy gives a
     * monitored one instead of two running side by side.
     */
    async #isLost(c) {
        const pid = c.pid;
        if (!c.startedAt || !pid || !c.conmonPid || (await isAlive(c.conmonPid, 'conmon')))
            return false;
        if (await isAlive(pid)) {
            if (!inContainerCgroup(pid, c.id))
                return true; // the pid now belongs to another program: ours is gone
            signal(pid, 'SIGKILL');
            if (!(await waitUntil(async () => !(await isAlive(pid)), 2_000)))
                return false;
        }
        return (await readExit(this.#paths.exits, c.id)) === null;
    }
    async #container(id) {
        await this.#load();
        const c = this.#containers.get(id);
        if (!c)
            throw notFound('container', id);
        return c;
    }
    async #running(id) {
        const status = await this.#status(await this.#container(id));
        if (status.state !== 'running')
            throw new ApiError('Conflict', `container ${id} is not running (${status.state})`);
    }
    /** Reads the records of an earlier process once, which is all adoption takes. */
    #load() {
        this.#loaded ??= (async () => {
            const [sandboxes, containers] = await Promise.all([this.#sandboxStore.loadAll(), this.#containerStore.loadAll()]);
            for (const s of sandboxes)
                this.#sandboxes.set(s.id, s);
            for (const c of containers)
                this.#containers.set(c.id, c);
        })();
        return this.#loaded;
    }
}
function exitReason(exit) {
    if (exit.lost)
        return 'ContainerStatusUnknown';
    if (exit.oom)
        return 'OOMKilled';
    return exit.exitCode === 0 ? 'Completed' : 'Error';
}
/** Signals a container's main process; one that is already gone is not an error. */
function signal(pid, sig) {
    try {
        process.kill(pid, /^\d+$/.test(sig) ? Number(sig) : (sig.startsWith('SIG') ? sig : `SIG${sig}`));
    }
    catch (e) {
        if (e.code !== 'ESRCH')
            throw e;
    }
}
async function sandboxStatusOf(sb) {
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
//# sourceMappingURL=runtime.js.map
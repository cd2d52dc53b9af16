// Kubelet benchmark: `berth server` with its in-process kubelet running real containers (runc, conmon,
// CNI, the offline busybox image). 50 sequential 2-container Pods from create to both containers
// running, as a watch reports it; the same Pod with `podman kube play` (Debian podman 4.3 over the same
// runc and the same busybox rootfs) as the same-run baseline; 100 Pods created at once until all are
// Running; the server's RSS with those 100 Pods. With BERTH_TRACE=<file> the server writes where each
// Pod start's time goes (the kubelet's steps and every host program run: src/util/trace.ts).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImageStore } from '../src/runtime/images/store.js';
import { hostCommands, runChecked } from '../src/util/host-command.js';
import { apiFor, type Api } from '../test/support/api.js';
import { ensureTestImages } from '../test/support/images.js';
import { BERTH_BIN, startServer, type TestServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';

const SEQUENTIAL = 50;
const AT_ONCE = 100;
const PODMAN_IMAGE = 'localhost/berth-bench-busybox:latest';
const CONTAINERS_CONF = '/etc/containers/containers.conf';
// Both containers leave at once on SIGTERM, so deletions (berth's and podman's) do not wait out a grace period.
const SCRIPT = 'trap "exit 0" TERM; sleep 3600 & wait';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** The conmon processes monitoring this server's containers (separate processes, one per container). */
function conmonsOf(dataDir: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.startsWith('conmon\0') || cmd.startsWith('/usr/bin/conmon\0')) if (cmd.includes(`${dataDir}/runtime/`)) pids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function twoContainerPod(name: string, image: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: {
      containers: ['a', 'b'].map((c) => ({ name: c, image, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', SCRIPT] })),
    },
  };
}

interface PodLike { metadata: { name: string }; status?: { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } }
const allRunning = (p: PodLike) => p.status?.phase === 'Running' && p.status.containerStatuses?.length === 2 && p.status.containerStatuses.every((c) => !!c.state?.running);

/** One watch on the namespace's Pods; waiters resolve with the time the matching event arrived. */
class PodWatch {
  #waiters = new Map<string, { pred: (type: string, p: PodLike) => boolean; resolve: (t: number) => void }>();
  #abort: AbortController;
  #done: Promise<void>;

  private constructor(events: AsyncIterable<{ type: string; object: PodLike }>, abort: AbortController) {
    this.#abort = abort;
    this.#done = (async () => {
      try {
        for await (const ev of events) {
          const t = performance.now();
          const w = this.#waiters.get(ev.object.metadata.name);
          if (w && w.pred(ev.type, ev.object)) {
            this.#waiters.delete(ev.object.metadata.name);
            w.resolve(t);
          }
        }
      } catch (e) {
        if (!abort.signal.aborted) throw e;
      }
    })();
  }

  static async open(api: Api, ns: string): Promise<PodWatch> {
    const list = await api.call('GET', `/api/v1/namespaces/${ns}/pods`);
    const rv = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const abort = new AbortController();
    return new PodWatch(await api.watch(`/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${rv}`, abort.signal), abort);
  }

  /** Registers before the action that will cause the event, so the event cannot be missed. */
  when(name: string, pred: (type: string, p: PodLike) => boolean, timeoutMs = 120_000): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => { this.#waiters.delete(name); reject(new Error(`timed out waiting on pod ${name}`)); }, timeoutMs);
      this.#waiters.set(name, { pred, resolve: (t) => { clearTimeout(timer); resolve(t); } });
    });
  }

  close(): void {
    this.#abort.abort();
    void this.#done.catch(() => {});
  }
}

/** Writes containers.conf for podman over runc + cgroupfs if there is none; returns the undo. */
async function podmanConfig(): Promise<() => Promise<void>> {
  // podman keeps its kube network's definition here; it is podman's own state, made on first use.
  const networks = '/etc/containers/networks';
  const hadNetworks = existsSync(networks);
  const undoNetworks = async () => {
    if (hadNetworks) return;
    await hostCommands.run('podman', ['network', 'rm', '-f', 'podman-default-kube-network']);
    await rm(networks, { recursive: true, force: true });
  };
  if (existsSync(CONTAINERS_CONF)) return undoNetworks;
  // This machine's root lacks CAP_SYS_RESOURCE: podman's default rlimits (1048576 files, and more
  // processes than podman itself keeps) make runc fail with EPERM, so ask for the limits there are.
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const hard = (what: string) => Number(new RegExp(`^${what}\\s+\\S+\\s+(\\d+)`, 'm').exec(limits)?.[1] ?? 1024);
  const nofile = Math.min(hard('Max open files'), 1048576);
  const nproc = Math.min(hard('Max processes'), 32768);
  await writeFile(CONTAINERS_CONF, [
    '# written by berth bench/kubelet.ts for the podman baseline; removed when the benchmark ends',
    '[containers]', `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]`, '',
    '[engine]', 'cgroup_manager = "cgroupfs"', 'runtime = "runc"', '',
  ].join('\n'));
  return async () => {
    await rm(CONTAINERS_CONF, { force: true });
    await undoNetworks();
  };
}

/** The busybox rootfs berth runs, as a tar for `podman import`. */
async function busyboxRootfsTar(images: ImageStore, out: string): Promise<void> {
  const id = 'bench-podman-export';
  const rootfs = await images.prepareRootfs('busybox', id);
  try {
    await runChecked('tar', ['-C', rootfs, '-cf', out, '.']);
  } finally {
    await images.releaseRootfs(id);
  }
}

function podmanYaml(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: ['a', 'b'].map((c) => ({ name: c, image: PODMAN_IMAGE, command: ['sh', '-c', SCRIPT] })) },
  });
}

async function benchPodman(scratch: string, images: ImageStore, n: number): Promise<{ lat: number[]; note: string }> {
  const restore = await podmanConfig();
  const tar = join(scratch, 'busybox-rootfs.tar');
  const yaml = join(scratch, 'pod.json');
  const names: string[] = [];
  try {
    await busyboxRootfsTar(images, tar);
    await runChecked('podman', ['import', '--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', tar, PODMAN_IMAGE]);
    // One unmeasured play first: podman builds its own pause image (podman-pause) on first use.
    const lat: number[] = [];
    for (let i = -1; i < n; i++) {
      const name = `bench-podman-${i + 1}`;
      names.push(name);
      await writeFile(yaml, podmanYaml(name));
      const t0 = performance.now();
      await runChecked('podman', ['kube', 'play', yaml]);
      const t = performance.now() - t0;
      // `kube play` returns once it has started every container: check that podman agrees both run.
      const states = (await runChecked('podman', ['pod', 'inspect', name, '--format', '{{range .Containers}}{{.Name}} {{.State}}\n{{end}}'])).trim().split('\n');
      const app = states.filter((l) => !l.includes('-infra '));
      if (app.length !== 2 || !app.every((l) => l.endsWith(' running'))) throw new Error(`podman pod ${name} not running after kube play: ${states.join('; ')}`);
      if (i >= 0) lat.push(t);
      await runChecked('podman', ['kube', 'down', yaml]);
      names.pop();
    }
    return { lat, note: '`podman kube play` start to its return (it returns after starting every container; `podman pod inspect` then shows both running)' };
  } finally {
    for (const name of names) await hostCommands.run('podman', ['pod', 'rm', '-f', name]);
    await hostCommands.run('podman', ['rmi', '-f', PODMAN_IMAGE]);
    await restore();
  }
}

async function waitNodeReady(api: Api): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await api.call('GET', '/api/v1/nodes');
    const nodes = (r.body as { items?: { status?: { conditions?: { type: string; status: string }[] } }[] }).items ?? [];
    if (nodes.some((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the node never became Ready');
}

export async function benchKubelet(): Promise<string> {
  const out: string[] = ['## Kubelet (real Pods: runc + conmon + CNI, busybox)'];
  const loadBefore = loadavg()[0];
  const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-kubelet-'));
  const dataDir = join(scratch, 'data');
  await ensureTestImages(dataDir);
  const images = new ImageStore({ root: join(dataDir, 'images') });
  let server: TestServer | undefined;
  let api: Api | undefined;
  let watch: PodWatch | undefined;
  try {
    // POD_CIDR: another pod CIDR than the default, which a node (or a bridge left behind) may hold.
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', ...(process.env.POD_CIDR ? ['--pod-cidr', process.env.POD_CIDR] : [])] });
    api = await apiFor(server.kubeconfig);
    await waitNodeReady(api);
    const idleRss = rssMb(server.process.pid!);
    watch = await PodWatch.open(api, 'default');
    const base = '/api/v1/namespaces/default/pods';

    // 1. Sequential: one Pod at a time, deleted (and gone) before the next.
    const seq: number[] = [];
    for (let i = -1; i < SEQUENTIAL; i++) {
      const name = `seq-${i + 1}`;
      const running = watch.when(name, (type, p) => type !== 'DELETED' && allRunning(p));
      const t0 = performance.now();
      const r = await api.call('POST', base, twoContainerPod(name, 'busybox'));
      if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      const t1 = await running;
      if (i >= 0) seq.push(t1 - t0); // the first Pod warms up (image metadata, CNI bridge) unmeasured
      const gone = watch.when(name, (type) => type === 'DELETED');
      await api.call('DELETE', `${base}/${name}`);
      await gone;
    }

    // 2. The same Pod with podman, same runc, same rootfs.
    const pm = await benchPodman(scratch, images, SEQUENTIAL);

    // 3. 100 Pods at once.
    const names = Array.from({ length: AT_ONCE }, (_, i) => `burst-${i}`);
    const allUp = names.map((n) => watch!.when(n, (type, p) => type !== 'DELETED' && allRunning(p), 300_000));
    const b0 = performance.now();
    await Promise.all(names.map(async (n) => {
      const r = await api!.call('POST', base, twoContainerPod(n, 'busybox'));
      if (r.status !== 201) throw new Error(`create ${n}: ${r.status} ${JSON.stringify(r.body)}`);
    }));
    const created = performance.now() - b0;
    const burstTimes = (await Promise.all(allUp)).map((t) => t - b0);
    const burstAll = Math.max(...burstTimes);

    // 4. Memory with those 100 Pods running.
    await new Promise((r) => setTimeout(r, 2000));
    const rss100 = rssMb(server.process.pid!);
    const conmons = conmonsOf(dataDir);
    const conmonRss = conmons.reduce((s, pid) => { try { return s + rssMb(pid); } catch { return s; } }, 0);

    const loadAfter = loadavg()[0];
    const s = summarize(seq);
    const p = summarize(pm.lat);
    out.push(table([
      ['2-container Pod, create → both running', 'n', 'p50 ms', 'p99 ms', 'max ms'],
      ['berth (POST → watch event)', s.n, s.p50, s.p99, s.max],
      ['podman kube play (baseline)', p.n, p.p50, p.p99, p.max],
      ['ratio berth/podman', '', s.p50 / p.p50, s.p99 / p.p99, ''],
    ]));
    out.push('');
    const bt = summarize(burstTimes);
    out.push(table([
      [`${AT_ONCE} Pods at once (2 containers each)`, 'value'],
      ['all POSTs answered (ms)', created],
      ['all Running, as the watch saw (ms)', burstAll],
      ['per-Pod time to running p50 / p99 (ms)', `${bt.p50.toFixed(0)} / ${bt.p99.toFixed(0)}`],
      ['server RSS idle, node Ready (MB)', idleRss],
      [`server RSS with ${AT_ONCE} Pods (MB, API server + scheduler + kubelet in one process)`, rss100],
      [`conmon RSS, ${conmons.length} processes (MB, one per container, outside the server)`, conmonRss],
      [`load average (1 min) on ${availableParallelism()} cores, at start / end`, `${loadBefore.toFixed(1)} / ${loadAfter.toFixed(1)}`],
    ]));
    out.push('');
    out.push(`podman's running point: ${pm.note}. berth's: the watch event whose status has phase Running and`);
    out.push('both containerStatuses running (the status the kubelet wrote, delivered to a client). The first Pod of each');
    out.push('series is a warm-up and is not counted.');
    return out.join('\n');
  } finally {
    watch?.close();
    if (server && api) {
      await api.call('DELETE', '/api/v1/namespaces/default/pods').catch(() => undefined);
      for (let i = 0; i < 600; i++) {
        const r = await api.call('GET', '/api/v1/namespaces/default/pods').catch(() => undefined);
        if (!r || ((r.body as { items?: unknown[] }).items ?? []).length === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    api?.close();
    await server?.stop();
    if (existsSync(join(dataDir, 'runtime'))) await hostCommands.run(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir]);
    await rm(scratch, { recursive: true, force: true });
  }
}

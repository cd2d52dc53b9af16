// What the kubelet sees of a container's life under runc + conmon: exit codes, CRI-format logs, graceful
// and forced stops, OOM kills, exec, attach with terminal resizes, and a restarted runtime adopting what
// is already running.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { makeTestRuntime } from './support/rootfs.js';
import type { ContainerConfig, ContainerStatus, TerminalSize } from '../src/runtime/types.js';

let env: Awaited<ReturnType<typeof makeTestRuntime>>;
let sandbox: string;
before(async () => {
  env = await makeTestRuntime();
  sandbox = await env.runtime.runPodSandbox({
    podUid: `uid-life-${Date.now()}`, podName: 'life', namespace: 'default', hostname: 'life', hostsFile: '127.0.0.1 localhost\n', resolvConf: '',
  });
});
after(async () => { await env?.cleanup(); });

let seq = 0;
async function run(argv: string[], extra: Partial<ContainerConfig> = {}, runtime = env.runtime): Promise<string> {
  const name = `c${++seq}`;
  const id = await runtime.createContainer(sandbox, { name, imageRef: 'busybox', argv, env: [], mounts: [], logPath: env.logPath(name), labels: { name }, ...extra });
  await runtime.startContainer(id);
  return id;
}

async function waitExited(id: string, ms = 10_000, runtime = env.runtime): Promise<ContainerStatus> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await runtime.containerStatus(id);
    if (s?.state === 'exited') return s;
    if (Date.now() > deadline) assert.fail(`container still ${s?.state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the container has logged "ready", i.e. its shell has installed its traps. */
async function waitReady(id: string): Promise<void> {
  const { logPath } = (await env.runtime.containerStatus(id))!;
  while (!(await readFile(logPath, 'utf8').catch(() => '')).includes(' F ready')) await new Promise((r) => setTimeout(r, 10));
}

test('exit code is reported and stdout/stderr land in the log file in CRI format', async () => {
  const id = await run(['sh', '-c', 'echo hello-out; echo hello-err >&2; exit 7']);
  const s = await waitExited(id);
  assert.equal(s.exitCode, 7);
  assert.equal(s.reason, 'Error');
  assert.ok(s.startedAt && s.finishedAt && s.finishedAt >= s.startedAt);
  const lines = (await readFile(s.logPath, 'utf8')).trim().split('\n').sort((a, b) => a.split(' ')[1].localeCompare(b.split(' ')[1]));
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d) stderr F hello-err$/);
  assert.match(lines[1], /^\S+ stdout F hello-out$/);
});

test('start runs the created container once, as runc sees it; one whose process died fails to start instead of hanging', async () => {
  const runcState = (id: string) => (JSON.parse(execFileSync('runc', ['--root', `${env.opts.root}/runc`, 'state', id], { encoding: 'utf8' })) as { status: string }).status;
  const name = `c${++seq}`;
  const id = await env.runtime.createContainer(sandbox, { name, imageRef: 'busybox', argv: ['sh', '-c', 'echo ready; sleep 60'], env: [], mounts: [], logPath: env.logPath(name), labels: { name } });
  assert.equal(runcState(id), 'created');
  await env.runtime.startContainer(id);
  assert.equal(runcState(id), 'running');
  await waitReady(id);
  assert.equal((await env.runtime.containerStatus(id))?.state, 'running');
  await assert.rejects(env.runtime.startContainer(id), /already started/);
  await env.runtime.stopContainer(id, 0);

  const doomed = `c${++seq}`;
  const dead = await env.runtime.createContainer(sandbox, { name: doomed, imageRef: 'busybox', argv: ['sh', '-c', 'echo never'], env: [], mounts: [], logPath: env.logPath(doomed), labels: { name: doomed } });
  const { pid } = JSON.parse(execFileSync('runc', ['--root', `${env.opts.root}/runc`, 'state', dead], { encoding: 'utf8' })) as { pid: number };
  process.kill(pid, 'SIGKILL');
  await assert.rejects(env.runtime.startContainer(dead), /ended before it started|cannot start/);
  assert.equal(await readFile(env.logPath(doomed), 'utf8').catch(() => ''), '', 'the program never ran');
});

test('stop sends SIGTERM to a process that handles it, and SIGKILLs one that ignores it after the timeout', async () => {
  const graceful = await run(['sh', '-c', 'trap "exit 0" TERM; echo ready; while true; do sleep 0.05; done']);
  const stubborn = await run(['sh', '-c', 'trap "" TERM; echo ready; while true; do sleep 0.05; done']);
  await Promise.all([graceful, stubborn].map(waitReady));

  let t0 = Date.now();
  await env.runtime.stopContainer(graceful, 10);
  assert.ok(Date.now() - t0 < 2000);
  const g = (await env.runtime.containerStatus(graceful))!;
  assert.deepEqual([g.state, g.exitCode, g.reason], ['exited', 0, 'Completed']);

  t0 = Date.now();
  await env.runtime.stopContainer(stubborn, 1);
  const took = Date.now() - t0;
  assert.ok(took >= 1000 && took < 4000, `took ${took} ms`);
  const s = (await env.runtime.containerStatus(stubborn))!;
  assert.deepEqual([s.state, s.exitCode], ['exited', 137]);
});

test('a container over its memory limit is OOMKilled', async () => {
  const id = await run(['tail', '/dev/zero'], { memoryLimit: 16 * 1024 * 1024 });
  const s = await waitExited(id);
  assert.equal(s.reason, 'OOMKilled');
  assert.equal(s.exitCode, 137);
});

test('execSync returns output and exit code, and a timeout kills the command', async () => {
  const id = await run(['sleep', '3600'], { env: ['GREETING=hi'] });
  const r = await env.runtime.execSync(id, ['sh', '-c', 'echo $GREETING; echo oops >&2; exit 3'], 5);
  assert.deepEqual([r.stdout.toString(), r.stderr.toString(), r.exitCode], ['hi\n', 'oops\n', 3]);
  const t0 = Date.now();
  const slow = await env.runtime.execSync(id, ['sleep', '30'], 0.3);
  assert.equal(slow.timedOut, true);
  assert.ok(Date.now() - t0 < 3000);
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough().on('data', (b: Buffer) => chunks.push(b));
  const stdin = new PassThrough();
  stdin.end('from-stdin\n');
  const code = await env.runtime.exec(id, ['sh', '-c', 'read line; echo got:$line; exit 4'], { stdin, stdout: out });
  assert.equal(code, 4);
  assert.equal(Buffer.concat(chunks).toString(), 'got:from-stdin\n');
});

test('the container runs with its user, read-only root, capabilities and cgroup limits', async () => {
  const id = await run(['sleep', '3600'], {
    user: { uid: 1000, gid: 1000, additionalGids: [2000] }, readOnlyRootfs: true, pidsLimit: 64, cpuMillis: 250,
    memoryLimit: 64 * 1024 * 1024, workingDir: '/tmp',
    mounts: [{ hostPath: '', containerPath: '/scratch', type: 'tmpfs' }],
  });
  const sh = async (script: string) => (await env.runtime.execSync(id, ['sh', '-c', script], 5)).stdout.toString().trim();
  assert.equal(await sh('id -u; id -G; pwd'), '1000\n1000 2000\n/tmp');
  assert.equal(await sh('touch /x 2>/dev/null && echo writable || echo read-only'), 'read-only');
  assert.equal(await sh('cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes'), `64\n25000\n${64 * 1024 * 1024}`);
  // The default set has no CAP_NET_ADMIN (bit 12): CapBnd must not include it.
  const capBnd = BigInt(`0x${(await sh('grep CapBnd /proc/self/status')).split(/\s+/)[1]}`);
  assert.equal(capBnd & (1n << 12n), 0n);
  assert.notEqual(capBnd & (1n << 0n), 0n); // CAP_CHOWN
});

test('a container keeps running and logging after the process that started it exits', async () => {
  // Another Node process creates the container and exits, as a kubelet would on restart.
  const script = `
    const { RuncRuntime } = await import(${JSON.stringify(new URL('../src/runtime/runc/runtime.js', import.meta.url).href)});
    const { overlayRootfsProvider } = await import(${JSON.stringify(new URL('./support/rootfs.js', import.meta.url).href)});
    const o = ${JSON.stringify({ root: env.opts.root, pauseRootfs: env.opts.pauseRootfs, dir: env.dir, logPath: env.logPath('ticker'), sandbox })};
    const rt = new RuncRuntime({ root: o.root, pauseRootfs: o.pauseRootfs, cni: null, rootfs: overlayRootfsProvider(o.dir + '/busybox', o.dir + '/rootfs') });
    const id = await rt.createContainer(o.sandbox, { name: 'ticker', imageRef: 'busybox', argv: ['sh', '-c', 'trap "exit 9" TERM; while true; do echo tick; sleep 0.05; done'], env: [], mounts: [], logPath: o.logPath, labels: {} });
    await rt.startContainer(id);
    process.stdout.write(id);`;
  const id = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const again = env.reopen();
  assert.equal((await again.containerStatus(id))?.state, 'running');
  const ticks = async () => (await readFile(env.logPath('ticker'), 'utf8')).split('\n').filter((l) => l.endsWith(' F tick')).length;
  const before = await ticks();
  await new Promise((r) => setTimeout(r, 300));
  assert.ok((await ticks()) > before, 'conmon kept writing the log');
  await again.stopContainer(id, 5);
  assert.equal((await again.containerStatus(id))?.exitCode, 9);
});

// kubectl attach sends the window size plus one and then the real size, back to back (to force a
// redraw). conmon before 2.2 applies the first of the resize messages it reads at once for each of
// them, so the real size was lost whenever both were queued before it woke (as under load).
test('sizes sent back to back to an attached terminal leave it at the last one', { timeout: 120_000 }, async () => {
  const id = await run(['sh'], { tty: true, stdin: true });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (d: Buffer) => (output += d.toString()));
  // Round i's two sizes are sent once the test has released round i.
  let released = 0;
  let wake: (() => void) | undefined;
  const nextRound = (): void => {
    released++;
    wake?.();
  };
  const sizes: TerminalSize[] = [{ width: 100, height: 30 }, { width: 120, height: 40 }, { width: 80, height: 24 }, { width: 132, height: 43 }, { width: 90, height: 35 }];
  async function* resizes(): AsyncGenerator<TerminalSize> {
    for (const [i, s] of sizes.entries()) {
      while (released <= i) await new Promise<void>((r) => (wake = r));
      yield { width: s.width + 1, height: s.height + 1 };
      yield s;
    }
  }
  const gone = new AbortController();
  const attached = env.runtime.attach(id, { stdin, stdout, tty: true, resize: resizes(), signal: gone.signal });
  try {
    for (const s of sizes) {
      nextRound();
      // The size and the typed command travel separately: ask again until the answer is the last size.
      const want = `${s.height} ${s.width}`;
      let seen = '';
      for (let tries = 0; seen !== want; tries++) {
        assert.ok(tries < 50, `stty size still says ${JSON.stringify(seen)}, not ${want}`);
        const from = output.length;
        stdin.write('stty size\n');
        const deadline = Date.now() + 10_000;
        let answer: RegExpMatchArray | null = null;
        while (!(answer = output.slice(from).match(/^(\d+ \d+)\r?$/m)) && Date.now() < deadline) await delay(20);
        seen = answer?.[1] ?? '';
        if (seen !== want) await delay(100);
      }
    }
  } finally {
    gone.abort();
    await attached;
    await env.runtime.stopContainer(id, 0);
  }
});

test('a new runtime instance over the same root adopts running and exited containers', async () => {
  const running = await run(['sleep', '3600']);
  const exited = await run(['sh', '-c', 'exit 5']);
  await waitExited(exited);
  const again = env.reopen();
  const [sb] = (await again.listPodSandboxes()).filter((s) => s.id === sandbox);
  assert.equal(sb.state, 'ready');
  const r = (await again.containerStatus(running))!;
  assert.equal(r.state, 'running');
  assert.equal((await again.containerStatus(exited))!.exitCode, 5);
  assert.equal((await again.execSync(running, ['echo', 'adopted'], 5)).stdout.toString(), 'adopted\n');
  await again.stopContainer(running, 0);
  assert.equal((await again.containerStatus(running))!.exitCode, 137);
  await again.removePodSandbox(sandbox);
  assert.deepEqual(await again.listContainers({ sandboxId: sandbox }), []);
});

// `berth agent` processes for multi-node tests, each in a network namespace acting as its host.

import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Pod } from '../../src/api/types.js';
import type { KubectlResult } from './kubectl.js';
import type { NetnsHost } from './netns.js';
import { BERTH_BIN } from './server.js';
import { until } from './wait.js';

export interface TestAgent {
  process: ChildProcess;
  logs(): string;
  /** SIGTERM: the node's components stop, its containers keep running. */
  stop(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
  /** Stops it, stops its containers (berth killall in its namespace) and removes its data dir. */
  dispose(): Promise<void>;
}

export interface AgentOptions {
  servers: string[];
  token: string;
  dataDir: string;
  nodeName: string;
  args?: string[];
}

/** Runs `berth agent` in host's namespace; resolves once it says it joined, rejects if it exits first. */
export async function startAgent(host: NetnsHost, o: AgentOptions): Promise<TestAgent> {
  const args = [process.execPath, BERTH_BIN, 'agent', ...o.servers.flatMap((s) => ['--server', s]), '--token', o.token, '--data-dir', o.dataDir, '--node-name', o.nodeName, ...(o.args ?? [])];
  const child = host.spawn(args);
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that ends without dispose() (a timeout) must not leave a node running.
  const orphaned = (): void => void child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.removeListener('exit', orphaned));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth agent ${o.nodeName} did not join in time:\n${log}`)), 90_000);
    child.stderr!.on('data', () => {
      if (/ joined /.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`berth agent ${o.nodeName} exited with ${code}:\n${log}`));
    });
  });
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    process: child,
    logs: () => log,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    dispose: async () => {
      await stopWith('SIGTERM');
      await host.exec([process.execPath, BERTH_BIN, 'killall', '--data-dir', o.dataDir]).catch(() => undefined);
      await rm(o.dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `berth agent` to its end (for joins that must fail): its exit code and what it printed. */
export function runAgent(host: NetnsHost, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = host.spawn([process.execPath, BERTH_BIN, 'agent', ...args]);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

type Kubectl = (args: string[], input?: string) => Promise<KubectlResult>;

/** A busybox Pod pinned to node, running command. */
export function podOn(name: string, node: string, command: string): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { nodeSelector: { 'kubernetes.io/hostname': node }, terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', command] }] },
  };
}

/** An HTTP GET from a Pod with busybox nc (its wget crashes in this image's Pods). */
export const httpGetFrom = (k: Kubectl, pod: string, ip: string, port = 8080): Promise<KubectlResult> =>
  k(['exec', pod, '--', 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${ip} ${port}`]);

/** Repeats httpGetFrom until it answers (a new route takes a moment); what it answered. */
export async function httpAnswerFrom(k: Kubectl, pod: string, ip: string, port = 8080): Promise<string> {
  let last = '';
  return until(`${ip}:${port} answers ${pod}`, async () => {
    const out = await httpGetFrom(k, pod, ip, port);
    last = out.stderr;
    return out.code === 0 ? out.stdout : undefined;
  }, 30_000, 500).catch((e: Error) => Promise.reject(new Error(`${e.message}; the last try said: ${last}`)));
}

/** A wait that, failing, shows the Pods, the last Events and the agents' last words. */
export async function diagnose<T>(k: Kubectl, agents: ReadonlyMap<string, TestAgent>, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (e) {
    const pods = (await k(['get', 'pods', '-o', 'wide'])).stdout;
    const events = (await k(['get', 'events', '--sort-by=.lastTimestamp'])).stdout.split('\n').slice(-15).join('\n');
    const logs = [...agents].map(([n, a]) => `--- ${n}:\n${a.logs().slice(-3000)}`).join('\n');
    throw new Error(`${(e as Error).message}\n${pods}\n${events}\n${logs}`);
  }
}

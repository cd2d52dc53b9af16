// Starts a real `berth server` process for a test: its own data dir, a free port, and the
// kubeconfig it writes. kill() is kill -9, for crash tests; start again on the same dataDir.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdHostLock } from './host-lock.js';

export const BERTH_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');

export interface TestServer {
  url: string;
  kubeconfig: string;
  dataDir: string;
  process: ChildProcess;
  /** Graceful stop (SIGTERM); keeps the data dir. */
  stop(): Promise<void>;
  /** kill -9; keeps the data dir. */
  kill(): Promise<void>;
  /** Stops, stops any containers it ran (berth killall), and removes the data dir. */
  dispose(): Promise<void>;
  /** What the server wrote to stderr so far. */
  logs(): string;
}

export interface StartOptions {
  disableAgent?: boolean;
  args?: string[];
  dataDir?: string;
  env?: Record<string, string>;
  /** Options for node itself, before the script (e.g. --cpu-prof for a bench's profile). */
  nodeArgs?: string[];
  /** How long to wait for "listening" (default 60 s; a server loading a very large store takes longer). */
  startTimeoutMs?: number;
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  if (opts.disableAgent === false) await holdHostLock();
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'berth-test-')));
  const args = [...(opts.nodeArgs ?? []), BERTH_BIN, 'server', '--data-dir', dataDir, '--port', '0', ...(opts.disableAgent === false ? [] : ['--disable-agent']), ...(opts.args ?? [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...opts.env } });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`berth server did not start in time:\n${log}`)), opts.startTimeoutMs ?? 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on (https:\/\/\S+?);/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`berth server exited with ${code}:\n${log}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    kubeconfig: join(dataDir, 'kubeconfig.yaml'),
    dataDir,
    process: child,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    dispose: async () => {
      await stopWith('SIGTERM');
      // A server with a kubelet leaves its containers running (the next start adopts them) and its
      // Service rules in place: stop them and their mounts, and remove the rules, before the data dir can go.
      if (opts.disableAgent === false || existsSync(join(dataDir, 'runtime'))) {
        await new Promise<void>((resolve) => execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir], () => resolve()));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
    logs: () => log,
  };
}

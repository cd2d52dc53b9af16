// The berth server or agent processes running the node of a data dir: `berth killall` stops them before
// it tears the node down (as k3s-killall.sh stops k3s first), or their kubelet would race the teardown,
// restarting containers and writing state that killall is removing.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isAlive, waitUntil } from '../runtime/runc/process-state.js';
import { defaultDataDir } from './data-dir.js';

/** Commands that run a kubelet on their data dir. */
const NODE_COMMANDS = new Set(['server', 'agent']);

/** The pids of live `berth server|agent` processes whose data dir is dataDir (other than this process). */
export function liveNodeProcesses(dataDir: string): number[] {
  const want = resolve(dataDir);
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const argv = readArgv(pid);
    if (!argv || !isBerthNode(argv)) continue;
    const dir = dataDirOf(argv);
    if (dir !== undefined && resolveIn(pid, dir) === want) out.push(pid);
  }
  return out;
}

/** Sends SIGTERM, waits up to graceMs for each to exit, then SIGKILLs those left; returns when all are gone. */
export async function stopProcesses(pids: number[], graceMs: number): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  const allGone = async () => (await Promise.all(pids.map((p) => isAlive(p)))).every((alive) => !alive);
  if (await waitUntil(allGone, graceMs, 50)) return;
  for (const pid of pids) signal(pid, 'SIGKILL');
  await waitUntil(allGone, 5_000, 20);
}

function readArgv(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return undefined; // gone, or not ours to read
  }
}

/** `[node] …/berth server|agent …` or `[node] …/cli/main.js server|agent …`. */
function isBerthNode(argv: string[]): boolean {
  const at = argv.findIndex((a) => basename(a) === 'berth' || a.endsWith('/cli/main.js'));
  return at >= 0 && NODE_COMMANDS.has(argv[at + 1] ?? '');
}

/** The --data-dir flag's value, or the default for the process's user when it has none. */
function dataDirOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') return argv[i + 1];
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return defaultDataDir();
}

/** A relative data dir is the process's own, from its working directory. */
function resolveIn(pid: number, dir: string): string {
  try {
    return resolve(readlinkSync(`/proc/${pid}/cwd`), dir);
  } catch {
    return resolve(dir);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

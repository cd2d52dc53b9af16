// Reading process facts from files instead of asking runc: a container is running while its pid lives
// and conmon has written no exit file. The kubelet asks for every container every second, so the
// common answers (alive; no exit file yet) are one synchronous syscall each: procfs and a missing file
// never wait on a disk, and the promise-based calls would cost four thread-pool trips apiece.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from '../../util/sleep.js';

/** True while pid exists and is not a zombie awaiting its parent; with comm, only if it runs that program. */
export async function isAlive(pid: number, comm?: string): Promise<boolean> {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const end = s.lastIndexOf(')');
    if (comm !== undefined && s.slice(s.indexOf('(') + 1, end) !== comm) return false; // the pid was reused
    const state = s.slice(end + 2, end + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Whether pid is in a cgroup whose path names the container id (a pid reused by another program is not). */
export function inContainerCgroup(pid: number, id: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id);
  } catch {
    return false;
  }
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export interface ExitInfo { exitCode: number; finishedAt: string }

/** The exit code conmon wrote to exitDir/<id>, with the file's time as the finish time. */
export async function readExit(exitDir: string, id: string): Promise<ExitInfo | null> {
  const file = join(exitDir, id);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  try {
    const text = await readFile(file, 'utf8');
    if (text.trim() === '') return null; // being written
    return { exitCode: Number.parseInt(text, 10), finishedAt: st.mtime.toISOString() };
  } catch {
    return null;
  }
}

/** Polls check until it returns true or ms elapse; returns whether it became true. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

// Finding and removing the mounts berth made under a directory (shm tmpfs, netns files, rootfs overlays,
// memory emptyDirs). Clean-up must not stop at a busy mount: one that will not go now is detached
// lazily, so the directory can be deleted and the kernel frees the mount when its last user leaves.
import { readFile, realpath } from 'node:fs/promises';
import { runCommand } from './cni/command.js';

/** mountinfo escapes space, tab, newline and backslash in paths as octal. */
const unescape = (p: string) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

async function mountPoints(): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  return info.split('\n').filter(Boolean).map((l) => unescape(l.split(' ')[4]));
}

/** Mount points at or below dir, deepest first (the order they must be unmounted in). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  const under = (await mountPoints()).filter((m) => m === real || m.startsWith(`${real}/`));
  return [...new Set(under)].sort((a, b) => b.length - a.length);
}

/** Unmounts path (every mount stacked on it), detaching lazily what is busy; a path not mounted is fine. */
export async function unmount(path: string): Promise<void> {
  const real = await realpath(path).catch(() => path);
  // Each round removes the top mount of a stack; more than a few rounds means a loop, not a stack.
  for (let round = 0; round < 8; round++) {
    if (!(await mountPoints()).includes(real)) return;
    const r = await runCommand('umount', [real]);
    if (r.code === 0) continue;
    const lazy = await runCommand('umount', ['-l', real]);
    if (lazy.code !== 0) throw new Error(`umount ${real}: ${r.stderr.toString().trim()}; umount -l: ${lazy.stderr.toString().trim()}`);
  }
  throw new Error(`umount ${real}: still mounted`);
}

/** Unmounts everything at or below dir; returns what could not be unmounted rather than stopping there. */
export async function unmountAllUnder(dir: string): Promise<Error[]> {
  const errors: Error[] = [];
  for (const m of await mountsUnder(dir)) await unmount(m).catch((e: Error) => errors.push(e));
  return errors;
}

// The host's mount table as this process sees it, and unmounting what berth mounted under a folder
// before that folder is removed: a recursive delete would otherwise walk into a bind mount's source.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mount points from /proc/self/mountinfo, with its octal escapes (\040 for a space) decoded. */
export async function mountPoints(): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text.split('\n').filter(Boolean).map((l) => (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))));
}

export async function isMountPoint(path: string): Promise<boolean> {
  return (await mountPoints()).includes(path);
}

/** Unmounts every mount at or below dir, deepest first (a path mounted twice is unmounted twice). */
export async function unmountUnder(dir: string): Promise<void> {
  const under = (await mountPoints()).filter((p) => p === dir || p.startsWith(`${dir}/`));
  for (const p of under.sort((a, b) => b.length - a.length)) await run('umount', [p]);
}

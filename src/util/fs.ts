import { access, readFile } from 'node:fs/promises';

/** Whether a path exists (any kind of file). */
export async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

let umask: Promise<number> | undefined;

/**
 * The process's umask, read once from /proc (process.umask() without an argument is deprecated);
 * 0o777 when it cannot be read, so that every mode is then set explicitly.
 */
function processUmask(): Promise<number> {
  umask ??= readFile('/proc/self/status', 'utf8').then((s) => {
    const m = /^Umask:\s*([0-7]+)$/m.exec(s);
    return m ? parseInt(m[1]!, 8) : 0o777;
  }, () => 0o777);
  return umask;
}

/**
 * Whether a file or folder created with `mode` gets exactly it: the umask cuts the mode given at
 * creation, so a chmod must follow only when the umask would cut some of its bits.
 */
export async function createdWithMode(mode: number): Promise<boolean> {
  return mode <= 0o777 && (mode & (await processUmask())) === 0;
}

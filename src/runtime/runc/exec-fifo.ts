// Starting a created container without running `runc start`: runc's init, its setup done, blocks
// opening the container's exec.fifo for writing until a reader comes, writes "0" and execs the user's
// program (the fifo is close-on-exec, so the reader then sees its end). `runc start` is that reader and
// then deletes the fifo, which is what makes runc report the container running. Doing the same here
// spares a Go program's start per container; runc's own command stays the answer for anything else.
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../../util/fs.js';
import { isAlive } from './process-state.js';

/** How often the wait on the fifo checks that runc's init is still there to write to it. */
const ALIVE_CHECK_MS = 20;

/**
 * Releases the created container whose runc state is stateDir and init pid is pid; false when there is
 * no fifo (not a created container: the caller asks runc, for its error).
 */
export async function releaseCreated(stateDir: string, pid: number): Promise<boolean> {
  const fifo = join(stateDir, 'exec.fifo');
  if (!(await exists(fifo))) return false;
  // A blocking open waits for the writer; should init die first, nothing would ever come, so a writer
  // of our own is opened to end the wait.
  let died = false;
  const watch = setInterval(() => {
    void isAlive(pid).then(async (alive) => {
      if (alive || died) return;
      died = true;
      await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((h) => h.close(), () => {});
    });
  }, ALIVE_CHECK_MS);
  let said: string;
  try {
    const h = await open(fifo, constants.O_RDONLY);
    try {
      said = (await h.readFile('utf8')).trim();
    } finally {
      await h.close();
    }
  } finally {
    clearInterval(watch);
  }
  if (said !== '0') throw new Error(`container process ${pid} ended before it started${said ? `: ${said}` : ''}`);
  await rm(fifo, { force: true });
  return true;
}

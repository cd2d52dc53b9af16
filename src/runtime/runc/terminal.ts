// `runc exec --tty` with a real pseudo-terminal in the container. In the foreground, runc makes the
// container's pty itself (receiving its master over a socket pair, which Node cannot do) and relays it
// to the terminal runc runs on; util-linux `script` gives runc that terminal: a host pty, set raw
// before runc starts so bytes pass through untouched, while the container's pty keeps its line
// discipline (echo, CR to NL, Ctrl-C as SIGINT, Ctrl-D as end of file). runc follows the host pty's
// size (it resizes the container's pty on SIGWINCH), so a resize is `stty` on the host pty.
import { readFile } from 'node:fs/promises';
import type { HostCommands } from '../../util/host-command.js';
import type { ExecStreams, TerminalSize } from '../types.js';
import { RUNC, type Runc } from './runc-cli.js';
import { sleep } from '../../util/sleep.js';

/** How long a resize waits for script to have started runc. */
const CHILD_WAIT_MS = 5_000;

/** A word for `sh -c`: single-quoted, with each quote closed, escaped and reopened. */
export function shellWord(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Runs cmd in the container on a new terminal wired to the caller's streams; resolves with its exit code. */
export function execInTerminal(runc: Runc, id: string, cmd: string[], streams: ExecStreams): Promise<number> {
  const runcCommand = [RUNC, ...runc.execArgs(id, cmd, { tty: true })].map(shellWord).join(' ');
  const child = runc.host.spawn('script', ['--quiet', '--return', '--echo', 'never', '--command', `stty raw -echo && exec ${runcCommand}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, SHELL: '/bin/sh' },
  });
  const [stdin, stdout] = [child.stdin!, child.stdout!];
  stdin.on('error', () => {}); // the session may end while input is still on its way
  if (streams.stdin) streams.stdin.pipe(stdin);
  // Without stdin the terminal stays open (a closed one would read as end of file, ending a shell).
  if (streams.stdout) stdout.pipe(streams.stdout, { end: false });
  else stdout.resume();
  const hangUp = (): void => void child.kill('SIGKILL'); // the host pty closes: runc gets SIGHUP and passes it on
  streams.signal?.addEventListener('abort', hangUp, { once: true });
  if (streams.resize) void followSizes(runc.host, child.pid, streams.resize);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      streams.signal?.removeEventListener('abort', hangUp);
      if (streams.stdin) streams.stdin.unpipe(stdin);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Applies each size to the host pty of script's child (runc), whose fd 0 it is. */
async function followSizes(host: HostCommands, scriptPid: number | undefined, sizes: AsyncIterable<TerminalSize>): Promise<void> {
  if (!scriptPid) return;
  let pty: string | undefined;
  for await (const size of sizes) {
    pty ??= await childTerminal(scriptPid);
    if (!pty) return;
    await host.run('stty', ['-F', pty, 'rows', String(size.height), 'cols', String(size.width)]).catch(() => undefined);
  }
}

async function childTerminal(scriptPid: number): Promise<string | undefined> {
  const deadline = Date.now() + CHILD_WAIT_MS;
  while (Date.now() < deadline) {
    const children = await readFile(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').catch(() => null);
    if (children === null) return undefined; // script has ended
    const pid = children.trim().split(/\s+/)[0];
    if (pid) return `/proc/${pid}/fd/0`;
    await sleep(5);
  }
  return undefined;
}

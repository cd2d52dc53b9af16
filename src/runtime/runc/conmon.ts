// Starting a container under conmon, the monitor that owns its stdio: conmon runs `runc create`, then
// stays as the container's parent writing CRI-format logs and, at exit, the exit code (and an `oom`
// marker) to files, all independent of berth's own process, which may restart meanwhile.
import type { Readable } from 'node:stream';
import type { HostCommands } from '../../util/host-command.js';

const CONMON = 'conmon';

export interface ConmonLaunch {
  id: string;
  name: string;
  bundle: string;
  runc: string;
  runcRoot: string;
  pidFile: string;
  /** conmon's own pid (it forks away from the process berth starts), to tell when the monitor is gone. */
  conmonPidFile: string;
  logPath: string;
  exitDir: string;
  /** Holds conmon's attach sockets and the `oom` marker. */
  persistDir: string;
  tty: boolean;
  /** Keep a pipe to the process's stdin (written through the attach socket). */
  stdin: boolean;
  /** Close that stdin when the first attached client detaches. */
  stdinOnce: boolean;
}

/** Resolves with the container's pid once `runc create` succeeded; the container waits for `runc start`. */
export function launchConmon(host: HostCommands, o: ConmonLaunch): Promise<number> {
  const args = [
    '--api-version', '1', '-c', o.id, '-u', o.id, '-n', o.name, '-r', o.runc,
    '--runtime-arg', '--root', '--runtime-arg', o.runcRoot,
    '-b', o.bundle, '-p', o.pidFile, '-P', o.conmonPidFile, '-l', `k8s-file:${o.logPath}`,
    '--exit-dir', o.exitDir, '--persist-dir', o.persistDir, '--socket-dir-path', o.persistDir,
    '--log-level', 'error',
  ];
  if (o.tty) args.push('-t');
  if (o.stdin) args.push('-i');
  if (o.stdin && !o.stdinOnce) args.push('--leave-stdin-open');
  // conmon reports the outcome of `runc create` as JSON on the fd named by _OCI_SYNCPIPE.
  const child = host.spawn(CONMON, args, {
    detached: true,
    // conmon also drops its `oom` marker in its working directory: keep that inside the bundle.
    cwd: o.bundle,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    env: { ...process.env, _OCI_SYNCPIPE: '3' },
  });
  child.unref();
  const sync = child.stdio[3] as Readable;
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err: Error | null, pid?: number) => {
      sync.removeAllListeners();
      sync.destroy();
      if (err) reject(err);
      else resolve(pid!);
    };
    child.on('error', (e) => done(e));
    sync.on('data', (b: Buffer) => {
      text += b.toString();
      const line = text.split('\n', 1)[0];
      if (line.length === text.length) return; // conmon ends each message with a newline
      const msg = parseMessage(line);
      if (typeof msg.data === 'number' && msg.data > 0) done(null, msg.data);
      else done(new Error(`runc create failed: ${msg.message ?? JSON.stringify(msg)}`));
    });
    sync.on('end', () => done(new Error(`conmon exited before reporting the container: ${text}`)));
  });
}

function parseMessage(line: string): { data?: number; message?: string } {
  try {
    return JSON.parse(line) as { data?: number; message?: string };
  } catch {
    return { message: line };
  }
}

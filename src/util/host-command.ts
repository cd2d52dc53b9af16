// The one way berth runs a host program (runc, conmon, CNI plugins, mount, openssl, chromium…): run one
// to completion and collect what it printed, or start a long-lived one wired to streams. Components
// that run programs take a HostCommands (the runtime through its options), so a test or a fake can
// stand in for the host; everything else uses hostCommands, the real one.
import { spawn as spawnChild, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { traceLine, tracing } from './trace.js';

export interface RunOptions {
  /** Fed to the program's stdin; without it stdin is empty. */
  input?: string | Buffer | Readable;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kills the program (SIGKILL) after this long; the result then says timedOut. */
  timeoutMs?: number;
  /** Called with each stderr chunk as it comes (progress of long builds); stderr is still collected. */
  onStderr?: (chunk: string) => void;
}

export interface RunResult { code: number; stdout: Buffer; stderr: Buffer; timedOut?: boolean }

export interface SpawnOptions {
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Its own process group, so it may outlive berth (conmon). */
  detached?: boolean;
}

export interface HostCommands {
  /** Runs file to completion; rejects only when it cannot be started. */
  run(file: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Starts file and hands it over: the caller wires its stdio and waits for its end. */
  spawn(file: string, args: string[], opts?: SpawnOptions): ChildProcess;
}

/** Keeps the last bytes of a stream that may be large (a long build's progress). */
const STDERR_KEEP = 64 * 1024;

function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const spawned = spawnChild(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const child = tracing ? traced(file, args, spawned, opts.env) : spawned;
    const out: Buffer[] = [];
    let err = Buffer.alloc(0);
    let timedOut = false;
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err = Buffer.concat([err, b]).subarray(-STDERR_KEEP);
      opts.onStderr?.(b.toString());
    });
    const inputDone = feed(opts.input, child.stdin);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      void inputDone.then(() => resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: err, ...(timedOut ? { timedOut } : {}) }), reject);
    });
  });
}

/**
 * Writes input to the program's stdin and resolves once all of it was read. A program may stop reading
 * early (tar ignores the padding after its end marker; others exit without reading): the write's EPIPE
 * is then not an error, the exit code tells, and a stream is drained so a hashing stream in front still
 * sees every byte.
 */
function feed(input: RunOptions['input'], stdin: Writable): Promise<void> {
  stdin.on('error', () => {});
  if (input === undefined || typeof input === 'string' || Buffer.isBuffer(input)) {
    stdin.end(input ?? '');
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    input.on('error', reject);
    input.on('end', resolve);
    stdin.on('close', () => {
      input.unpipe(stdin);
      input.resume();
    });
    input.pipe(stdin);
  });
}

/** Traces each program run: the program and its verb (the first argument that is no option, or CNI's command). */
function traced<C extends ChildProcess>(file: string, args: string[], child: C, env?: NodeJS.ProcessEnv): C {
  const t0 = Date.now();
  const verb = env?.CNI_COMMAND ?? args.find((a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--')) ?? '';
  child.once('exit', () => traceLine(t0, `exec:${file.split('/').pop()}`, verb));
  return child;
}

/** The host itself. */
export const hostCommands: HostCommands = {
  run,
  spawn: (file, args, opts = {}) => {
    const child = spawnChild(file, args, { stdio: opts.stdio ?? 'pipe', env: opts.env ?? process.env, cwd: opts.cwd, detached: opts.detached });
    return tracing ? traced(file, args, child) : child;
  },
};

/** Runs file on the given host and throws with its stderr when it fails; returns stdout as text. */
export async function runChecked(file: string, args: string[], opts: RunOptions = {}, host: HostCommands = hostCommands): Promise<string> {
  const r = await host.run(file, args, opts);
  if (r.code !== 0 || r.timedOut) throw commandError(file, args, r);
  return r.stdout.toString('utf8');
}

/** Runs file on the given host; the result says how it ended. */
export function runCommand(file: string, args: string[], opts: RunOptions = {}, host: HostCommands = hostCommands): Promise<RunResult> {
  return host.run(file, args, opts);
}

/** The error a failed command becomes: the command, how it ended and what it said (stderr, else stdout). */
export function commandError(file: string, args: string[], r: RunResult): Error {
  const msg = (r.stderr.toString().trim() || r.stdout.toString().trim()).slice(-2000);
  const shown = args.length > 8 ? [...args.slice(0, 8), '…'] : args;
  return new Error(`${file} ${shown.join(' ')}: ${r.timedOut ? 'timed out' : `exit ${r.code}`}${msg ? `: ${msg}` : ''}`);
}

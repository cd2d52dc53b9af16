// A real terminal for tests: a private tmux server runs a command in a window of a known size, keys
// are typed into it (send-keys) and the screen is read back (capture-pane), as a person would see it.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './wait.js';

export class Terminal {
  readonly #socket: string;
  readonly #dir: string;
  readonly #env: NodeJS.ProcessEnv;

  private constructor(dir: string, env: NodeJS.ProcessEnv) {
    this.#dir = dir;
    this.#socket = join(dir, 'tmux.sock');
    this.#env = env;
  }

  /** Runs command (a shell line) in a new window of width x height; env reaches the command. */
  static async open(command: string, size: { width: number; height: number }, env: Record<string, string> = {}): Promise<Terminal> {
    const t = new Terminal(await mkdtemp(join(tmpdir(), 'berth-tmux-')), { ...process.env, ...env, TERM: 'xterm' });
    // The pane stays after the command ends, showing how it ended.
    const line = `${command}; echo "[exit $?]"; sleep 3600`;
    await t.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(size.width), '-y', String(size.height), 'sh', '-c', line]);
    // A detached session otherwise follows the size of clients that never attach.
    await t.tmux(['set-option', '-t', 'main', 'window-size', 'manual']);
    return t;
  }

  tmux(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('tmux', ['-S', this.#socket, ...args], { env: this.#env }, (err, stdout, stderr) => (err ? reject(new Error(`tmux ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
    });
  }

  /** Types text literally, then the named keys (Enter, C-c, C-d, …). */
  async type(text: string, ...keys: string[]): Promise<void> {
    if (text) await this.tmux(['send-keys', '-t', 'main', '-l', text]);
    if (keys.length) await this.tmux(['send-keys', '-t', 'main', ...keys]);
  }

  /** The visible screen and its scrollback, lines joined back where the window wrapped them. */
  screen(): Promise<string> {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-200', '-t', 'main']);
  }

  /** Waits until the screen matches; returns the match. */
  async waitFor(re: RegExp, what: string, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    let last = '';
    try {
      return await until(what, async () => {
        last = await this.screen();
        return re.exec(last);
      }, timeoutMs, 50);
    } catch (e) {
      throw new Error(`${(e as Error).message}; the screen:\n${last}`);
    }
  }

  resize(width: number, height: number): Promise<string> {
    return this.tmux(['resize-window', '-t', 'main', '-x', String(width), '-y', String(height)]);
  }

  async close(): Promise<void> {
    await this.tmux(['kill-server']).catch(() => {});
    await rm(this.#dir, { recursive: true, force: true });
  }
}

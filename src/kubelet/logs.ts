// Container logs as conmon writes them (CRI format: `<RFC3339Nano> <stdout|stderr> <P|F> <text>`),
// read back the way `kubectl logs` asks: tail, since, timestamps, byte limit, follow; and rotated
// by size so a chatty container cannot fill the disk.

import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { sleep } from '../util/sleep.js';
import { parseCriLine } from '../runtime/crilog.js';

export interface LogEntry { time: string; stream: string; text: string }

export interface LogOptions {
  follow?: boolean;
  tailLines?: number;
  /** RFC 3339; entries before it are skipped. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
  signal?: AbortSignal;
  /** With follow: whether the container may still write (follow ends once false and drained). */
  stillRunning?: () => Promise<boolean>;
}

const FOLLOW_POLL_MS = 200;

/** Joins partial (P) chunks onto the full (F) line that ends them; incomplete input stays in carry. */
export class CriLineParser {
  #carry = '';
  #partial: LogEntry | undefined;

  push(chunk: string): LogEntry[] {
    const text = this.#carry + chunk;
    const lines = text.split('\n');
    this.#carry = lines.pop() ?? '';
    const out: LogEntry[] = [];
    for (const line of lines) {
      const l = parseCriLine(line);
      if (!l) continue;
      const acc = this.#partial ?? { time: l.time, stream: l.stream, text: '' };
      acc.text += l.text;
      if (l.partial) {
        this.#partial = acc;
      } else {
        this.#partial = undefined;
        out.push({ ...acc, text: `${acc.text}\n` });
      }
    }
    return out;
  }

  /** A partial line that no full line ended (the container's last output had no newline), as it is. */
  flush(): LogEntry[] {
    const rest = this.#partial;
    this.#partial = undefined;
    return rest ? [rest] : [];
  }

  reset(): void {
    this.#carry = '';
    this.#partial = undefined;
  }
}

function format(e: LogEntry, timestamps: boolean): string {
  return timestamps ? `${e.time} ${e.text}` : e.text;
}

/** Timestamps are RFC 3339 with nanoseconds; compare as instants. */
function notBefore(time: string, since: string): boolean {
  return Date.parse(time) >= Date.parse(since);
}

async function* logLines(path: string, o: LogOptions): AsyncGenerator<string> {
  let remaining = o.limitBytes ?? Infinity;
  const emit = function* (entries: LogEntry[]): Generator<string> {
    for (const e of entries) {
      if (remaining <= 0) return;
      if (o.sinceTime && !notBefore(e.time, o.sinceTime)) continue;
      let s = format(e, !!o.timestamps);
      if (Buffer.byteLength(s) > remaining) s = Buffer.from(s).subarray(0, remaining).toString('utf8');
      remaining -= Buffer.byteLength(s);
      yield s;
    }
  };
  const parser = new CriLineParser();
  let content = await fs.readFile(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(e)));
  let offset = content.length;
  let entries = parser.push(content.toString('utf8'));
  // Without follow, or once the container has exited, nothing will end a pending partial line.
  if (!o.follow || (o.stillRunning && !(await o.stillRunning()))) entries.push(...parser.flush());
  if (o.sinceTime) entries = entries.filter((e) => notBefore(e.time, o.sinceTime!));
  if (o.tailLines !== undefined && o.tailLines >= 0) entries = o.tailLines === 0 ? [] : entries.slice(-o.tailLines);
  yield* emit(entries);
  if (!o.follow) return;
  for (;;) {
    if (remaining <= 0 || o.signal?.aborted) return;
    const running = o.stillRunning ? await o.stillRunning() : true;
    const size = await fs.stat(path).then((s) => s.size, () => 0);
    if (size < offset) {
      // Rotated (copied and truncated): the rest is in the new, shorter file from its start.
      offset = 0;
      parser.reset();
    }
    if (size > offset) {
      const fh = await fs.open(path, 'r');
      try {
        content = Buffer.alloc(size - offset);
        const { bytesRead } = await fh.read(content, 0, content.length, offset);
        offset += bytesRead;
        yield* emit(parser.push(content.subarray(0, bytesRead).toString('utf8')));
      } finally {
        await fh.close();
      }
      continue;
    }
    if (!running) {
      yield* emit(parser.flush());
      return;
    }
    await sleep(FOLLOW_POLL_MS, o.signal);
  }
}

export function readLogs(path: string, opts: LogOptions = {}): Readable {
  return Readable.from(logLines(path, opts), { objectMode: false });
}

/** The log of a container's current instance, or of the one before it (`--previous`). */
export async function containerLogFile(containerLogDir: string, previous = false): Promise<string | undefined> {
  const counts = (await fs.readdir(containerLogDir).catch(() => [] as string[]))
    .map((f) => /^(\d+)\.log$/.exec(f)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  const pick = counts[previous ? 1 : 0];
  return pick === undefined ? undefined : join(containerLogDir, `${pick}.log`);
}

/**
 * Copy-and-truncate rotation: conmon keeps its file open, so the file is copied aside
 * (`<n>.log.<timestamp>`) and truncated in place; at most maxFiles rotated copies are kept.
 */
export async function rotateLogIfNeeded(path: string, maxBytes: number, maxFiles: number, now = new Date()): Promise<boolean> {
  const st = await fs.stat(path).catch(() => null);
  if (!st || st.size <= maxBytes) return false;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  await fs.copyFile(path, `${path}.${stamp}`);
  await fs.truncate(path, 0);
  const prefix = `${basename(path)}.`;
  const rotated = (await fs.readdir(dirname(path))).filter((f) => f.startsWith(prefix)).sort();
  for (const old of rotated.slice(0, Math.max(0, rotated.length - maxFiles))) await fs.rm(join(dirname(path), old), { force: true });
  return true;
}

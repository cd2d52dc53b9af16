// Parsing the CRI log format conmon writes: `<RFC3339Nano> <stdout|stderr> <P|F> <text>` per line,
// where P marks a partial line continued by the next entry.

export interface LogLine {
  time: string;
  stream: 'stdout' | 'stderr';
  /** One whole line of output, without its newline. */
  text: string;
}

/** Joins partial entries into whole lines; the trailing unfinished piece is returned as `rest`. */
export function parseCriLog(data: string): { lines: LogLine[]; rest: string } {
  const lines: LogLine[] = [];
  let pending: LogLine | null = null;
  let start = 0;
  for (;;) {
    const nl = data.indexOf('\n', start);
    if (nl === -1) break;
    const raw = data.slice(start, nl);
    start = nl + 1;
    const a = raw.indexOf(' ');
    const b = raw.indexOf(' ', a + 1);
    const c = raw.indexOf(' ', b + 1);
    if (a < 0 || b < 0) continue;
    const time = raw.slice(0, a);
    const stream = raw.slice(a + 1, b) === 'stderr' ? 'stderr' : 'stdout';
    const tag = c < 0 ? raw.slice(b + 1) : raw.slice(b + 1, c);
    const text = c < 0 ? '' : raw.slice(c + 1);
    if (pending) pending.text += text;
    else pending = { time, stream, text };
    if (tag !== 'P') {
      lines.push(pending);
      pending = null;
    }
  }
  return { lines, rest: data.slice(start) };
}

export interface LogQuery {
  tailLines?: number;
  since?: Date;
  timestamps: boolean;
}

export function selectLines(lines: LogLine[], q: LogQuery): LogLine[] {
  let out = q.since ? lines.filter((l) => new Date(l.time) >= q.since!) : lines;
  if (q.tailLines !== undefined) out = q.tailLines <= 0 ? [] : out.slice(-q.tailLines);
  return out;
}

export function formatLine(l: LogLine, timestamps: boolean): string {
  return timestamps ? `${l.time} ${l.text}\n` : `${l.text}\n`;
}

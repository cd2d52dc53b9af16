// GET /containerLogs: a container's log as kubectl logs shows it, optionally followed until the
// container exits.

import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContainerStatus } from '../../runtime/types.js';
import { formatLine, parseCriLog, selectLines, type LogQuery } from './crilog.js';

const POLL_MS = 100;

function queryOf(q: URLSearchParams): LogQuery & { follow: boolean; limitBytes?: number } {
  const num = (n: string): number | undefined => (q.get(n) !== null && q.get(n) !== '' ? Number(q.get(n)) : undefined);
  const sinceSeconds = num('sinceSeconds');
  const sinceTime = q.get('sinceTime');
  return {
    follow: q.get('follow') === 'true',
    timestamps: q.get('timestamps') === 'true',
    tailLines: num('tailLines'),
    limitBytes: num('limitBytes'),
    since: sinceTime ? new Date(sinceTime) : sinceSeconds !== undefined ? new Date(Date.now() - sinceSeconds * 1000) : undefined,
  };
}

export async function serveLogs(req: IncomingMessage, res: ServerResponse, c: ContainerStatus, params: URLSearchParams, current: () => Promise<ContainerStatus | null>): Promise<void> {
  const q = queryOf(params);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  let sent = 0;
  let closed = false;
  req.on('close', () => (closed = true));
  const emit = (text: string): boolean => {
    if (!text) return true;
    if (q.limitBytes !== undefined && sent + Buffer.byteLength(text) > q.limitBytes) {
      res.write(Buffer.from(text).subarray(0, q.limitBytes - sent));
      return false;
    }
    sent += Buffer.byteLength(text);
    res.write(text);
    return true;
  };
  const fh = await open(c.logPath, 'r').catch(() => null);
  if (!fh) return void res.end();
  try {
    let pos = 0;
    let rest = '';
    let first = true;
    for (;;) {
      const { size } = await fh.stat();
      if (size > pos) {
        const buf = Buffer.alloc(size - pos);
        await fh.read(buf, 0, buf.length, pos);
        pos = size;
        const parsed = parseCriLog(rest + buf.toString('utf8'));
        rest = parsed.rest;
        const lines = first ? selectLines(parsed.lines, q) : selectLines(parsed.lines, { ...q, tailLines: undefined });
        first = false;
        if (!emit(lines.map((l) => formatLine(l, q.timestamps)).join(''))) break;
      } else if (first) {
        first = false;
      }
      if (!q.follow || closed) break;
      const st = await current();
      if (!st || st.state !== 'running') {
        const { size: after } = await fh.stat();
        if (after === pos) break;
        continue;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await fh.close();
    res.end();
  }
}

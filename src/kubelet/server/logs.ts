// GET /containerLogs: a container's log as kubectl logs shows it, streamed as it is read and, with
// follow, until the container exits.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContainerStatus } from '../../runtime/types.js';
import { readLogs, type LogOptions } from '../logs.js';
import { flagParam } from '../../api/params.js';

function optionsOf(q: URLSearchParams): LogOptions {
  const num = (n: string): number | undefined => (q.get(n) !== null && q.get(n) !== '' ? Number(q.get(n)) : undefined);
  const sinceSeconds = num('sinceSeconds');
  const sinceTime = q.get('sinceTime') ?? (sinceSeconds !== undefined ? new Date(Date.now() - sinceSeconds * 1000).toISOString() : undefined);
  return {
    follow: flagParam(q, 'follow'),
    timestamps: flagParam(q, 'timestamps'),
    tailLines: num('tailLines'),
    limitBytes: num('limitBytes'),
    ...(sinceTime ? { sinceTime } : {}),
  };
}

export async function serveLogs(req: IncomingMessage, res: ServerResponse, c: ContainerStatus, params: URLSearchParams, current: () => Promise<ContainerStatus | null>): Promise<void> {
  const ac = new AbortController();
  req.on('close', () => ac.abort());
  const stream = readLogs(c.logPath, { ...optionsOf(params), signal: ac.signal, stillRunning: async () => (await current())?.state === 'running' });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  await new Promise<void>((resolve) => {
    stream.on('error', () => res.destroy());
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.pipe(res);
  });
}

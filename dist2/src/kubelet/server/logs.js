// GET /containerLogs: a container's log as kubectl logs shows it, streamed as it is read and, with
// follow, until the container exits.
import { readLogs } from '../logs.js';
import { flagParam } from '../../api/params.js';
function optionsOf(q) {
    const num = (n) => (q.get(n) !== null && q.get(n) !== '' ? Number(q.get(n)) : undefined);
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
export async function serveLogs(req, res, c, params, current) {
    const ac = new AbortController();
    req.on('close', () => ac.abort());
    const stream = readLogs(c.logPath, { ...optionsOf(params), signal: ac.signal, stillRunning: async () => (await current())?.state === 'running' });
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    await new Promise((resolve) => {
        stream.on('error', () => res.destroy());
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.pipe(res);
    });
}
//# sourceMappingURL=logs.js.map
// The probes that reach the Pod over the network from the host: an HTTP(S) GET and a TCP connect,
// with the wording of upstream's Go probers (which the Unhealthy events quote).

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Container, HTTPGetAction } from '../api/types.js';
import { hostPort, httpGetURL } from './hooks.js';
import { KUBELET_VERSION } from './nodeInfo.js';

/** error: the probe could not be run at all (bad port name, container gone); its result is thrown away. */
export interface ProbeOutcome { result: 'success' | 'failure' | 'error'; output: string }

/** Upstream reads at most this much of an HTTP probe's body. */
const MAX_BODY = 10 * 1024;
export const PROBE_USER_AGENT = `kube-probe/${KUBELET_VERSION.replace(/^v(\d+\.\d+).*$/, '$1')}`;

/** A socket error as Go's dialer words it ("dial tcp 10.88.0.5:80: connect: connection refused"). */
export function dialError(e: NodeJS.ErrnoException, address: string): string {
  const words: Record<string, string> = { ECONNREFUSED: 'connection refused', EHOSTUNREACH: 'no route to host', ENETUNREACH: 'network is unreachable', ECONNRESET: 'connection reset by peer' };
  const word = e.code ? words[e.code] : undefined;
  return word ? `dial tcp ${address}: connect: ${word}` : e.message;
}

export function httpProbe(g: HTTPGetAction, podIP: string, c: Container, timeoutMs: number): Promise<ProbeOutcome> {
  const { url, scheme, address } = httpGetURL(g, podIP, c);
  const headers: Record<string, string> = { 'user-agent': PROBE_USER_AGENT, accept: '*/*' };
  for (const h of g.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    // Certificates are not verified, as upstream's prober does not: the target is the Pod itself.
    const req = (scheme === 'https' ? https : http).request(url, { headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (b: Buffer) => {
        if (size < MAX_BODY) chunks.push(b.subarray(0, MAX_BODY - size));
        size += b.length;
      });
      res.on('error', () => {});
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        // Redirects are not followed: a 3xx answer is a live server, as upstream counts it.
        const ok = code >= 200 && code < 400;
        done({ result: ok ? 'success' : 'failure', output: ok ? Buffer.concat(chunks).toString('utf8') : `HTTP probe failed with statuscode: ${code}` });
      });
    });
    const timer = setTimeout(() => done({ result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` }), timeoutMs);
    req.on('error', (e) => done({ result: 'failure', output: `Get "${url}": ${dialError(e, address)}` }));
    req.end();
  });
}

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  const address = hostPort(host, port);
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (o: ProbeOutcome) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => done({ result: 'failure', output: `dial tcp ${address}: i/o timeout` }), timeoutMs);
    sock.once('connect', () => done({ result: 'success', output: '' }));
    sock.once('error', (e) => done({ result: 'failure', output: dialError(e, address) }));
  });
}

// Lifecycle handlers (postStart, preStop): exec inside the container, an HTTP GET to the Pod, or a
// sleep. A failure is an Error whose message is the kubelet's event text.

import type { Container, HTTPGetAction, LifecycleHandler, Pod } from '../api/types.js';
import type { RuntimeService } from '../runtime/types.js';
import { sleep } from '../util/sleep.js';

export interface HookTarget {
  pod: Pod;
  container: Container;
  containerId: string;
  podIP: string;
  runtime: Pick<RuntimeService, 'execSync'>;
}

function who(t: HookTarget): string {
  const m = t.pod.metadata;
  return `for Container "${t.container.name}" in Pod "${m.name}_${m.namespace}(${m.uid})"`;
}

/** A named port resolves against the container's ports, as probes and hooks do. */
export function resolvePort(port: number | string, c: Container): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = c.ports?.find((p) => p.name === port);
  if (!found) throw new Error(`couldn't find port: ${port} in ${c.name}`);
  return found.containerPort;
}

export const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** Where an httpGet action (probe or hook) goes: the Pod's IP unless it names a host; a port by number or name. */
export function httpGetURL(g: HTTPGetAction, podIP: string, c: Container): { url: string; scheme: string; address: string } {
  const address = hostPort(g.host || podIP, resolvePort(g.port, c));
  const scheme = (g.scheme ?? 'HTTP').toLowerCase();
  const path = g.path ?? '/';
  return { url: `${scheme}://${address}${path.startsWith('/') ? path : `/${path}`}`, scheme, address };
}

/** Run a handler to completion or until timeoutSeconds; rejects with the kubelet's wording. */
export async function runHandler(h: LifecycleHandler, t: HookTarget, timeoutSeconds: number, signal?: AbortSignal): Promise<void> {
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const r = await t.runtime.execSync(t.containerId, cmd, timeoutSeconds);
    if (r.exitCode !== 0 || r.timedOut) {
      const out = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      const why = r.timedOut ? `command '${cmd.join(' ')}' timed out` : `command '${cmd.join(' ')}' exited with ${r.exitCode}: ${out}`;
      throw new Error(`Exec lifecycle hook ([${cmd.join(' ')}]) ${who(t)} failed - error: ${why}, message: ${JSON.stringify(out)}`);
    }
    return;
  }
  if (h.httpGet) {
    const g = h.httpGet;
    const path = g.path ?? '/';
    try {
      const { url } = httpGetURL(g, t.podIP, t.container);
      const headers = Object.fromEntries((g.httpHeaders ?? []).map((x) => [x.name, x.value]));
      const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
      const res = await fetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      await res.arrayBuffer();
      if (res.status >= 400) throw new Error(`HTTP lifecycle hook (${path}) returned status ${res.status}`);
    } catch (e) {
      throw new Error(`HTTP lifecycle hook (${path}) ${who(t)} failed - error: ${(e as Error).message}`);
    }
    return;
  }
  if (h.sleep) {
    await sleep(Math.min(h.sleep.seconds, timeoutSeconds) * 1000, signal);
    return;
  }
  throw new Error(`Lifecycle hook ${who(t)} has no handler berth can run`);
}

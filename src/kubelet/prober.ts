// One run of a container probe: exec through the runtime's execSync, or (proberNet, proberGrpc) an
// HTTP GET, a TCP connect or a gRPC health check from the host straight to the Pod's IP, so no process
// is spawned per probe. The outcome carries upstream's wording, which the Unhealthy events quote.

import type { Probe } from '../api/types.js';
import { resolvePort, type HookTarget } from './hooks.js';
import { grpcProbe } from './proberGrpc.js';
import { prepareHttpProbe, runHttpProbe, tcpProbe, type ProbeOutcome } from './proberNet.js';

export type { ProbeOutcome };

export function runProbe(p: Probe, t: HookTarget): Promise<ProbeOutcome> {
  return probeRunner(p, t)();
}

/**
 * A probe's runs against one container: what does not change between runs (an HTTP probe's address
 * and request bytes) is worked out here once, not every period.
 */
export function probeRunner(p: Probe, t: HookTarget): () => Promise<ProbeOutcome> {
  const timeoutMs = (p.timeoutSeconds || 1) * 1000;
  const run = (probe: () => Promise<ProbeOutcome>) => () => probe().catch((e: unknown): ProbeOutcome => ({ result: 'error', output: (e as Error).message }));
  try {
    if (p.exec) {
      const cmd = p.exec.command ?? [];
      return run(() => execProbe(cmd, t, timeoutMs / 1000));
    }
    if (p.httpGet) {
      const target = prepareHttpProbe(p.httpGet, t.podIP, t.container);
      return 'request' in target ? run(() => runHttpProbe(target, timeoutMs)) : () => Promise.resolve(target);
    }
    if (p.tcpSocket) {
      const host = p.tcpSocket.host || t.podIP;
      const port = resolvePort(p.tcpSocket.port, t.container);
      return run(() => tcpProbe(host, port, timeoutMs));
    }
    const grpc = p.grpc;
    if (grpc) return run(() => grpcProbe(t.podIP, grpc.port, grpc.service ?? '', timeoutMs));
    return () => Promise.resolve({ result: 'error', output: 'missing probe handler' });
  } catch (e) {
    const failed: ProbeOutcome = { result: 'error', output: (e as Error).message };
    return () => Promise.resolve(failed);
  }
}

async function execProbe(cmd: string[], t: HookTarget, timeoutSeconds: number): Promise<ProbeOutcome> {
  const r = await t.runtime.execSync(t.containerId, cmd, timeoutSeconds);
  if (r.timedOut) return { result: 'failure', output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
  const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
  return { result: r.exitCode === 0 ? 'success' : 'failure', output };
}

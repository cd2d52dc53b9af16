// One run of a container probe: exec through the runtime's execSync, or (proberNet, proberGrpc) an
// HTTP GET, a TCP connect or a gRPC health check from the host straight to the Pod's IP, so no process
// is spawned per probe. The outcome carries upstream's wording, which the Unhealthy events quote.
import { resolvePort } from './hooks.js';
import { grpcProbe } from './proberGrpc.js';
import { httpProbe, tcpProbe } from './proberNet.js';
export async function runProbe(p, t) {
    const timeoutSeconds = p.timeoutSeconds || 1;
    try {
        if (p.exec)
            return await execProbe(p.exec.command ?? [], t, timeoutSeconds);
        if (p.httpGet)
            return await httpProbe(p.httpGet, t.podIP, t.container, timeoutSeconds * 1000);
        if (p.tcpSocket)
            return await tcpProbe(p.tcpSocket.host || t.podIP, resolvePort(p.tcpSocket.port, t.container), timeoutSeconds * 1000);
        if (p.grpc)
            return await grpcProbe(t.podIP, p.grpc.port, p.grpc.service ?? '', timeoutSeconds * 1000);
        return { result: 'error', output: 'missing probe handler' };
    }
    catch (e) {
        return { result: 'error', output: e.message };
    }
}
async function execProbe(cmd, t, timeoutSeconds) {
    const r = await t.runtime.execSync(t.containerId, cmd, timeoutSeconds);
    if (r.timedOut)
        return { result: 'failure', output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
    const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
    return { result: r.exitCode === 0 ? 'success' : 'failure', output };
}
//# sourceMappingURL=prober.js.map
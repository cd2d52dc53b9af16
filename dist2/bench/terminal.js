// Interactive terminal benchmark: the real kubectl (1.33 over WebSocket, 1.27 over SPDY) runs
// `exec -it POD -- sh` on a pseudo-terminal of its own (util-linux script), against `berth server` with
// its kubelet and a real busybox Pod. Each sample is one keystroke written to kubectl's terminal until
// its echo, made by the shell's line editing on the container's pty, comes back: through the API
// server's relay, the kubelet, runc and both ptys, and back.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureTestImages } from '../test/support/images.js';
import { kubectl } from '../test/support/kubectl.js';
import { startServer } from '../test/support/server.js';
import { until } from '../test/support/wait.js';
import { summarize, table } from './stats.js';
const KEYSTROKES = 300;
/** Keys typed before the line is cleared (Ctrl-U), so line editing never redraws a long line. */
const PER_LINE = 30;
const TARGET_P50_MS = 20;
const KUBECTL_133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const CLIENTS = [
    ['kubectl 1.33 (WebSocket)', KUBECTL_133, {}],
    // kubectl's switch back to SPDY: the same client over the other protocol.
    ['kubectl 1.33 (SPDY)', KUBECTL_133, { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }],
    ['kubectl 1.27 (SPDY)', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27', {}],
];
/** kubectl exec -it on a terminal of 100x30; output is collected as it comes. */
function session(bin, env, kubeconfig, home) {
    const line = `stty rows 30 cols 100 && exec '${bin}' --kubeconfig '${kubeconfig}' exec -it shell -- sh`;
    const child = spawn('script', ['--quiet', '--flush', '--command', line, '/dev/null'], { env: { ...process.env, ...env, HOME: home, SHELL: '/bin/sh', TERM: 'xterm' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b.toString('latin1')));
    return { child, output: () => out };
}
/** Writes key and resolves with the time until an output chunk holding it arrives. */
function roundTrip(child, key) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no echo of ${JSON.stringify(key)} within 5 s`)), 5_000);
        const onData = (b) => {
            if (!b.toString('latin1').includes(key))
                return;
            clearTimeout(timer);
            child.stdout.off('data', onData);
            resolve(performance.now() - t0);
        };
        child.stdout.on('data', onData);
        const t0 = performance.now();
        child.stdin.write(key);
    });
}
async function measure(bin, env, server, home) {
    const s = session(bin, env, server.kubeconfig, home);
    try {
        await until('the shell prompt', () => /\/ # /.test(s.output()), 30_000, 20);
        const samples = [];
        for (let i = 0; i < KEYSTROKES; i++) {
            samples.push(await roundTrip(s.child, 'x'));
            if ((i + 1) % PER_LINE === 0) {
                s.child.stdin.write('\x15'); // Ctrl-U: the line is cleared
                await new Promise((r) => setTimeout(r, 50));
            }
        }
        s.child.stdin.write('\x15exit\r');
        return samples;
    }
    finally {
        await new Promise((r) => setTimeout(r, 200));
        s.child.kill();
    }
}
export async function benchTerminal() {
    const out = ['## Interactive terminal (kubectl exec -it, a keystroke echoed)'];
    const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-tty-'));
    const dataDir = join(scratch, 'data');
    const home = join(scratch, 'home');
    await ensureTestImages(dataDir);
    const server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
    try {
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell' }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3600'] }] } };
        const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: JSON.stringify(pod) });
        if (r.code !== 0)
            throw new Error(r.stderr);
        await until('the Pod Running', async () => (await kubectl(server.kubeconfig, ['get', 'pod', 'shell', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
        const rows = [['keystroke → echo', 'n', 'p50 ms', 'p99 ms', 'max ms', `target p50 ≤ ${TARGET_P50_MS} ms`]];
        for (const [label, bin, env] of CLIENTS) {
            const s = summarize(await measure(bin, env, server, home));
            rows.push([label, s.n, s.p50, s.p99, s.max, s.p50 <= TARGET_P50_MS ? 'met' : 'missed']);
        }
        out.push(table(rows));
        out.push('');
        out.push('Each keystroke is written to the terminal kubectl runs on and timed until the chunk holding its echo');
        out.push('comes back; one session per client, 300 keystrokes, the line cleared every 30.');
        return out.join('\n');
    }
    finally {
        await kubectl(server.kubeconfig, ['delete', 'pod', 'shell', '--grace-period=1']);
        await server.dispose();
        await rm(scratch, { recursive: true, force: true });
    }
}
//# sourceMappingURL=terminal.js.map
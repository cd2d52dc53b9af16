// Starts a real `berth server` process for a test: its own data dir, a free port, and the
// kubeconfig it writes. kill() is kill -9, for crash tests; start again on the same dataDir.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdHostLock } from './host-lock.js';
export const BERTH_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');
export async function startServer(opts = {}) {
    if (opts.disableAgent === false)
        await holdHostLock();
    const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'berth-test-')));
    const args = [...(opts.nodeArgs ?? []), BERTH_BIN, 'server', '--data-dir', dataDir, '--port', '0', ...(opts.disableAgent === false ? [] : ['--disable-agent']), ...(opts.args ?? [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...opts.env } });
    let log = '';
    const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`berth server did not start in time:\n${log}`)), 60_000);
        child.stderr.on('data', (d) => {
            log += d.toString();
            const m = /listening on (https:\/\/\S+?);/.exec(log);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`berth server exited with ${code}:\n${log}`));
        });
    });
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const stopWith = async (signal) => {
        if (child.exitCode === null && child.signalCode === null)
            child.kill(signal);
        await exited;
    };
    return {
        url,
        kubeconfig: join(dataDir, 'kubeconfig.yaml'),
        dataDir,
        process: child,
        stop: () => stopWith('SIGTERM'),
        kill: () => stopWith('SIGKILL'),
        dispose: async () => {
            await stopWith('SIGTERM');
            // A server with a kubelet leaves its containers running (the next start adopts them) and its
            // Service rules in place: stop them and their mounts, and remove the rules, before the data dir can go.
            if (opts.disableAgent === false || existsSync(join(dataDir, 'runtime'))) {
                await new Promise((resolve) => execFile(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir], () => resolve()));
            }
            await rm(dataDir, { recursive: true, force: true });
        },
        logs: () => log,
    };
}
//# sourceMappingURL=server.js.map
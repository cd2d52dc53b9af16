// `berth agent` processes for multi-node tests, each in a network namespace acting as its host.
import { rm } from 'node:fs/promises';
import { BERTH_BIN } from './server.js';
/** Runs `berth agent` in host's namespace; resolves once it says it joined, rejects if it exits first. */
export async function startAgent(host, o) {
    const args = [process.execPath, BERTH_BIN, 'agent', ...o.servers.flatMap((s) => ['--server', s]), '--token', o.token, '--data-dir', o.dataDir, '--node-name', o.nodeName, ...(o.args ?? [])];
    const child = host.spawn(args);
    let log = '';
    child.stderr.on('data', (d) => (log += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    // A test process that ends without dispose() (a timeout) must not leave a node running.
    const orphaned = () => void child.kill('SIGKILL');
    process.once('exit', orphaned);
    child.once('exit', () => process.removeListener('exit', orphaned));
    await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`berth agent ${o.nodeName} did not join in time:\n${log}`)), 90_000);
        child.stderr.on('data', () => {
            if (/ joined /.test(log)) {
                clearTimeout(timer);
                resolve();
            }
        });
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`berth agent ${o.nodeName} exited with ${code}:\n${log}`));
        });
    });
    const stopWith = async (signal) => {
        if (child.exitCode === null && child.signalCode === null)
            child.kill(signal);
        await exited;
    };
    return {
        process: child,
        logs: () => log,
        stop: () => stopWith('SIGTERM'),
        kill: () => stopWith('SIGKILL'),
        dispose: async () => {
            await stopWith('SIGTERM');
            await host.exec([process.execPath, BERTH_BIN, 'killall', '--data-dir', o.dataDir]).catch(() => undefined);
            await rm(o.dataDir, { recursive: true, force: true });
        },
    };
}
/** Runs `berth agent` to its end (for joins that must fail): its exit code and what it printed. */
export function runAgent(host, args) {
    const child = host.spawn([process.execPath, BERTH_BIN, 'agent', ...args]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
//# sourceMappingURL=agent.js.map
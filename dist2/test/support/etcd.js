// Starts a real single-member etcd (Debian's etcd-server) for a test or a benchmark: its own data
// dir, on the loopback ports given (berth's etcd tests keep to 23790-23799), gone on stop().
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
export async function startEtcd(opts) {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-etcd-'));
    const endpoint = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${opts.clientPort}`;
    const peer = `http://127.0.0.1:${opts.peerPort}`;
    const tls = opts.tls ? ['--cert-file', opts.tls.cert, '--key-file', opts.tls.key, '--trusted-ca-file', opts.tls.ca, '--client-cert-auth'] : [];
    const name = opts.member?.name ?? 'test';
    const args = [
        '--name', name, '--data-dir', dataDir,
        '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
        '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', opts.member?.initialCluster ?? `test=${peer}`,
        ...tls,
    ];
    let log = '';
    const launch = async () => {
        const child = spawn('etcd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
        const from = log.length;
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`etcd did not start in time:\n${log}`)), 30_000);
            child.stderr.on('data', (d) => {
                log += d.toString();
                if (log.includes('ready to serve client requests', from)) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            child.once('error', reject);
            child.once('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`etcd exited with ${code}:\n${log}`));
            });
        });
        return { child, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
    };
    let running = await launch();
    const kill = async (signal) => {
        const { child, exited } = running;
        if (child.exitCode === null && child.signalCode === null)
            child.kill(signal);
        await exited;
    };
    return {
        endpoint,
        dataDir,
        get process() {
            return running.child;
        },
        logs: () => log,
        restart: async () => {
            await kill('SIGKILL');
            running = await launch();
        },
        stop: async () => {
            await kill('SIGTERM');
            await rm(dataDir, { recursive: true, force: true });
        },
    };
}
/** A cluster of `size` members on loopback: member i serves clients on basePort + 2i, peers on basePort + 2i + 1. */
export async function startEtcdCluster(basePort, size = 3) {
    const ports = Array.from({ length: size }, (_, i) => ({ name: `m${i}`, clientPort: basePort + 2 * i, peerPort: basePort + 2 * i + 1 }));
    const initialCluster = ports.map((p) => `${p.name}=http://127.0.0.1:${p.peerPort}`).join(',');
    // Started together: none is ready to serve before a quorum has met.
    const members = await Promise.all(ports.map((p) => startEtcd({ clientPort: p.clientPort, peerPort: p.peerPort, member: { name: p.name, initialCluster } })));
    return {
        members,
        endpoints: members.map((m) => m.endpoint).join(','),
        leader: async () => {
            for (const [i, m] of members.entries()) {
                if (m.process.exitCode !== null || m.process.signalCode !== null)
                    continue;
                const client = new Etcd3({ hosts: new URL(m.endpoint).host });
                try {
                    const status = await client.maintenance.status();
                    if (status.leader === status.header.member_id)
                        return i;
                }
                catch {
                    // An unreachable member leads nothing.
                }
                finally {
                    client.close();
                }
            }
            throw new Error('no etcd member leads');
        },
        stop: async () => {
            await Promise.all(members.map((m) => m.stop()));
        },
    };
}
//# sourceMappingURL=etcd.js.map
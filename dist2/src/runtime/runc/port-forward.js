// A TCP connection to a port on the loopback of a Pod's network namespace, as kubectl port-forward
// expects (a server bound only to 127.0.0.1 in the Pod is reachable). Node cannot enter a namespace, so
// a relay runs there: nsenter + busybox nc, talking to berth over one end of a socketpair that Node
// hands back as a real net.Socket.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
const BUSYBOX = '/bin/busybox';
/** netnsPath undefined means the host's network (hostNetwork Pods). */
export function openPort(netnsPath, port) {
    if (!netnsPath) {
        return new Promise((resolve, reject) => {
            const s = connect({ host: '127.0.0.1', port }, () => {
                s.off('error', reject);
                resolve(s);
            });
            s.once('error', reject);
        });
    }
    // fd 3 is a bidirectional socketpair end; the relay uses it as both its stdin and stdout.
    const child = spawn('nsenter', [`--net=${netnsPath}`, BUSYBOX, 'sh', '-c', `exec ${BUSYBOX} nc 127.0.0.1 ${port} <&3 >&3 3>&-`], {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    const socket = child.stdio[3];
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b.toString()));
    // A refused connection shows as the relay exiting with a message: surface it as the socket's error,
    // as a direct connect would.
    child.on('exit', (code) => {
        if (code !== 0)
            socket.destroy(new Error(`port ${port}: ${stderr.trim() || `relay exited with ${code}`}`));
        else
            socket.end();
    });
    return new Promise((resolve, reject) => {
        child.once('spawn', () => resolve(socket));
        child.once('error', reject);
    });
}
//# sourceMappingURL=port-forward.js.map
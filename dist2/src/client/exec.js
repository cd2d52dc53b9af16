// A command in a container over the API server's exec subresource: a WebSocket speaking
// v5.channel.k8s.io (each binary message is a channel byte then data: 0 stdin, 1 stdout, 2 stderr,
// 3 the final Status, 4 terminal resize), authenticated as the kubeconfig's user.
import WebSocket from 'ws';
export const ExecChannel = { Stdin: 0, Stdout: 1, Stderr: 2, Status: 3, Resize: 4 };
export function openExec(config, namespace, pod, opts) {
    const q = new URLSearchParams();
    for (const c of opts.command)
        q.append('command', c);
    if (opts.container)
        q.set('container', opts.container);
    q.set('stdin', 'true');
    q.set('stdout', 'true');
    q.set('stderr', String(!opts.tty));
    q.set('tty', String(opts.tty));
    const url = new URL(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec?${q}`, config.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new WebSocket(url, ['v5.channel.k8s.io', 'v4.channel.k8s.io'], {
        ca: config.ca,
        cert: config.cert,
        key: config.key,
        rejectUnauthorized: !config.insecureSkipTLSVerify,
        headers: config.token ? { authorization: `Bearer ${config.token}` } : {},
    });
}
/** One message for channel `ch`. */
export function execFrame(ch, data) {
    return Buffer.concat([Buffer.from([ch]), typeof data === 'string' ? Buffer.from(data) : data]);
}
//# sourceMappingURL=exec.js.map
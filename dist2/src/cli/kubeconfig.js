// Writes a kubeconfig that kubectl uses as it is: the CA, the server URL and a client certificate.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
const b64 = (s) => Buffer.from(s).toString('base64');
export function kubeconfigYaml(server, caCert, client, user, cluster = 'berth') {
    return stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: cluster, cluster: { server, 'certificate-authority-data': b64(caCert) } }],
        users: [{ name: user, user: { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(client.key) } }],
        contexts: [{ name: cluster, context: { cluster, user, namespace: 'default' } }],
        'current-context': cluster,
        preferences: {},
    });
}
export async function writeKubeconfig(path, yaml) {
    await writeFile(path, yaml, { mode: 0o600 });
}
//# sourceMappingURL=kubeconfig.js.map
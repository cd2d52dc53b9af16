// Writes a kubeconfig that kubectl uses as it is: the CA, the server URL and a client certificate.

import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { KeyPair } from '../apiserver/auth/certs.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

export function kubeconfigYaml(server: string, caCert: string, client: KeyPair, user: string, cluster = 'berth'): string {
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

export async function writeKubeconfig(path: string, yaml: string): Promise<void> {
  await writeFile(path, yaml, { mode: 0o600 });
}

// What the node NetworkPolicy enforcer's identity may do, against a real `berth server`: read Pods,
// Namespaces and NetworkPolicies anywhere (a policy's peers may be in any namespace), and nothing else.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { NETWORK_POLICY_AGENT } from '../src/apiserver/auth/bootstrap-policy.js';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { apiFor } from './support/api.js';
import { withServer } from './support/suite.js';
const srv = withServer();
it('reads Pods, Namespaces and NetworkPolicies cluster-wide, and may do nothing else', async () => {
    const pki = join(srv.server.dataDir, 'pki');
    const pair = await issueCertificate(pki, 'test-netpol-agent', { cn: NETWORK_POLICY_AGENT }, 'client');
    const path = join(srv.server.dataDir, 'agent.kubeconfig');
    await writeFile(path, kubeconfigYaml(srv.server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), pair, 'agent'));
    const agent = await apiFor(path);
    try {
        const NP = '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies';
        assert.equal((await srv.api.call('POST', NP, { metadata: { name: 'p' }, spec: { podSelector: {} } })).status, 201);
        const allowed = ['/api/v1/pods', '/api/v1/pods?watch=true&timeoutSeconds=1', '/api/v1/namespaces', '/api/v1/namespaces/default', '/apis/networking.k8s.io/v1/networkpolicies', `${NP}/p`];
        for (const p of allowed)
            assert.equal((await agent.call('GET', p)).status, 200, p);
        const refused = [
            ['GET', '/api/v1/secrets'],
            ['GET', '/api/v1/nodes'],
            ['POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }],
            ['DELETE', `${NP}/p`],
            ['PUT', `${NP}/p`, { metadata: { name: 'p' }, spec: { podSelector: {} } }],
            ['POST', '/api/v1/namespaces', { metadata: { name: 'mine' } }],
        ];
        for (const [method, p, body] of refused) {
            const r = await agent.call(method, p, body);
            assert.equal(r.status, 403, `${method} ${p}: ${JSON.stringify(r.body)}`);
            assert.match(r.body.message, new RegExp(`User "${NETWORK_POLICY_AGENT}" cannot`));
        }
    }
    finally {
        agent.close();
    }
});
//# sourceMappingURL=apiserver-netpol-agent-authz.test.js.map
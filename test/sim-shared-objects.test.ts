// The hollow nodes' shared watches of mounted ConfigMaps and Secrets, against a real server: one watch
// per object serves every kubelet that mounts it, each told of every change, and reads come from it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ConfigMapLike } from '../src/api/types.js';
import { SharedObjectWatches } from '../src/cli/agent/shared-objects.js';
import { configMaps, secrets } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let client: RestClient;
before(async () => {
  server = await startServer({ disableAgent: true });
  client = await RestClient.fromKubeconfig(server.kubeconfig);
});
after(async () => {
  client?.transport.close();
  await server?.dispose();
});

const cm = (name: string, v: string): ConfigMapLike => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: v } });

test('two kubelets watching one ConfigMap share a watch: both told of changes, reads follow it, the last to leave ends it', async () => {
  await client.create(configMaps, 'default', cm('shared', 'a'));
  const watches = new SharedObjectWatches(client, (e) => assert.fail(String(e)));
  const [one, two] = [new AbortController(), new AbortController()];
  const told = { one: 0, two: 0 };
  assert.equal(watches.get('ConfigMap', 'default', 'shared'), undefined, 'nobody watches it yet: read from the API');
  watches.watch('ConfigMap', 'default', 'shared', () => told.one++, one.signal);
  watches.watch('ConfigMap', 'default', 'shared', () => told.two++, two.signal);
  await until('the first list', () => watches.get('ConfigMap', 'default', 'shared')?.data?.k === 'a');

  const current = await client.get<ConfigMapLike>(configMaps, 'default', 'shared');
  await client.update(configMaps, 'default', { ...current, data: { k: 'b' } });
  await until('both told of the change', () => told.one >= 1 && told.two >= 1);
  assert.equal(watches.get('ConfigMap', 'default', 'shared')?.data?.k, 'b');

  one.abort();
  const seen = told.two;
  await client.delete(configMaps, 'default', 'shared');
  await until('the one still watching told of the deletion', () => told.two > seen);
  assert.equal(watches.get('ConfigMap', 'default', 'shared'), null, 'listed and gone');
  assert.equal(told.one, 1, 'the one that left hears nothing more');

  two.abort();
  assert.equal(watches.get('ConfigMap', 'default', 'shared'), undefined, 'nobody watches it any more');
});

test('a Secret that does not exist reads as null once listed, and its creation is told', async () => {
  const watches = new SharedObjectWatches(client, (e) => assert.fail(String(e)));
  const stop = new AbortController();
  let told = 0;
  watches.watch('Secret', 'default', 'later', () => told++, stop.signal);
  try {
    await until('the first list', () => watches.get('Secret', 'default', 'later') === null);
    await client.create(secrets, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'later', namespace: 'default' }, data: { k: Buffer.from('s').toString('base64') } } as ConfigMapLike);
    await until('the creation told', () => told === 1);
    assert.equal(watches.get('Secret', 'default', 'later')?.data?.k, Buffer.from('s').toString('base64'));
  } finally {
    stop.abort();
  }
});

// The ReplicaSet and Deployment controllers and the garbage collector, driven by the real kubectl
// against a real server without its kubelet. The test plays the kubelet's part through the API: it
// marks Pods Running and Ready a little after they appear, and removes Pods being deleted, so the
// rollouts proceed as they would on a node.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFor, type Api } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let api: Api;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const P = '/api/v1/namespaces/default/pods';
const D = '/apis/apps/v1/namespaces/default/deployments';
const RS = '/apis/apps/v1/namespaces/default/replicasets';
const kubelet = new AbortController();

/** Pods the fake kubelet should leave Pending (to hold a rollout at a known point). */
const held = new Set<string>();

async function fakeKubelet(signal: AbortSignal): Promise<void> {
  const seenAt = new Map<string, number>();
  while (!signal.aborted) {
    const list = (await api.call('GET', P)).body.items ?? [];
    const now = Date.now();
    for (const p of list) {
      const name = p.metadata.name as string;
      if (p.metadata.deletionTimestamp) {
        await api.call('DELETE', `${P}/${name}`, { gracePeriodSeconds: 0 });
        continue;
      }
      if (!seenAt.has(name)) seenAt.set(name, now);
      const ready = p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
      // Ready 300 ms after it appears: long enough for a rollout to show its intermediate steps.
      if (!ready && !held.has(p.metadata.labels?.app) && now - seenAt.get(name)! > 300) {
        const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        await api.call('PATCH', `${P}/${name}/status`, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } });
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

let kubeletDone: Promise<void>;
before(async () => {
  server = await startServer();
  api = await apiFor(server.kubeconfig);
  kubeletDone = fakeKubelet(kubelet.signal).catch(() => {});
});
after(async () => {
  kubelet.abort();
  await kubeletDone;
  api.close();
  await server.dispose();
});

async function podsOf(app: string): Promise<any[]> {
  return (await api.call('GET', `${P}?labelSelector=app%3D${app}`)).body.items;
}
const live = (pods: any[]) => pods.filter((p) => !p.metadata.deletionTimestamp);

describe('Deployments', () => {
  it('kubectl create deployment makes one ReplicaSet and its Pods, owned and labelled as upstream', async () => {
    const r = await k(['create', 'deployment', 'web', '--image=busybox', '--replicas=3', '--', 'sleep', '3600']);
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'deploy/web', '--timeout=30s']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /deployment "web" successfully rolled out/);
    const sets = (await api.call('GET', RS)).body.items;
    assert.equal(sets.length, 1);
    const rs = sets[0];
    const hash = rs.metadata.labels['pod-template-hash'];
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.deepEqual(rs.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
    assert.equal(rs.metadata.annotations['deployment.kubernetes.io/revision'], '1');
    assert.deepEqual(rs.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.controller, o.blockOwnerDeletion]), [['Deployment', 'web', true, true]]);
    const pods = await podsOf('web');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name, new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      assert.deepEqual(p.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.uid, o.controller, o.blockOwnerDeletion]), [['ReplicaSet', rs.metadata.name, rs.metadata.uid, true, true]]);
    }
    const d = (await api.call('GET', `${D}/web`)).body;
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '1');
    assert.deepEqual(d.status.conditions.map((c: any) => [c.type, c.status, c.reason]).sort(), [['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable']]);
    assert.equal(d.status.observedGeneration, d.metadata.generation);
    const get = await k(['get', 'deploy', 'web']);
    assert.match(get.stdout, /^web\s+3\/3\s+3\s+3\s+/m);
  });

  it('kubectl scale deploy scales the ReplicaSet', async () => {
    assert.equal((await k(['scale', 'deploy', 'web', '--replicas=5'])).code, 0);
    await until('5 ready pods', async () => (await k(['get', 'deploy', 'web'])).stdout.match(/^web\s+5\/5\s+5\s+5\s/m));
    assert.equal(live(await podsOf('web')).length, 5);
  });

  it('kubectl set image rolls to a new ReplicaSet within maxSurge and maxUnavailable at every step', async () => {
    // 5 replicas at 25%: maxSurge rounds up to 2, maxUnavailable down to 1.
    const ac = new AbortController();
    const events = await api.watch(`${P}?watch=true&labelSelector=app%3Dweb`, ac.signal);
    const state = new Map<string, any>();
    let maxLive = 0;
    let minReady = Infinity;
    let counting = false; // from the change on, not while the initial ADDED events fill the picture
    const watching = (async () => {
      for await (const ev of events) {
        if (ev.type === 'DELETED') state.delete(ev.object.metadata.name);
        else state.set(ev.object.metadata.name, ev.object);
        const alive = [...state.values()].filter((p) => !p.metadata.deletionTimestamp);
        if (!counting) continue;
        maxLive = Math.max(maxLive, alive.length);
        minReady = Math.min(minReady, alive.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length);
      }
    })().catch(() => {});
    await until('the initial ADDED events', () => state.size === 5);
    counting = true;
    const r = await k(['set', 'image', 'deploy/web', 'busybox=busybox:1.36']);
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'deploy/web', '--timeout=60s']);
    assert.equal(status.code, 0, status.stderr);
    ac.abort();
    await watching;
    assert.ok(maxLive <= 5 + 2, `at most replicas + maxSurge Pods at once (saw ${maxLive})`);
    assert.ok(maxLive > 5, `the rollout surged (saw at most ${maxLive})`);
    assert.ok(minReady >= 5 - 1, `never fewer than replicas - maxUnavailable Ready (saw ${minReady})`);
    const pods = live(await podsOf('web'));
    assert.equal(pods.length, 5);
    assert.ok(pods.every((p) => p.spec.containers[0].image === 'busybox:1.36'));
    const sets = (await api.call('GET', RS)).body.items;
    assert.deepEqual(sets.map((s: any) => [s.metadata.annotations['deployment.kubernetes.io/revision'], s.spec.replicas]).sort(), [['1', 0], ['2', 5]]);
  });

  it('kubectl rollout history and undo: back to revision 1\'s template as revision 3', async () => {
    const history = await k(['rollout', 'history', 'deploy/web']);
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const undo = await k(['rollout', 'undo', 'deploy/web']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.equal((await k(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code, 0);
    const pods = live(await podsOf('web'));
    assert.ok(pods.length === 5 && pods.every((p) => p.spec.containers[0].image === 'busybox'));
    const after = await k(['rollout', 'history', 'deploy/web']);
    assert.match(after.stdout, /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    assert.equal((await api.call('GET', RS)).body.items.length, 2, 'the old ReplicaSet was reused, not copied');
  });

  it('pause holds a template change back; resume rolls it out; restart rolls the same template again', async () => {
    assert.equal((await k(['rollout', 'pause', 'deploy/web'])).code, 0);
    await k(['set', 'image', 'deploy/web', 'busybox=busybox:1.37']);
    await until('Progressing DeploymentPaused', async () => (await api.call('GET', `${D}/web`)).body.status.conditions.some((c: any) => c.reason === 'DeploymentPaused'));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await api.call('GET', RS)).body.items.length, 2, 'no new ReplicaSet while paused');
    assert.equal((await k(['rollout', 'resume', 'deploy/web'])).code, 0);
    assert.equal((await k(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code, 0);
    assert.ok(live(await podsOf('web')).every((p) => p.spec.containers[0].image === 'busybox:1.37'));
    assert.equal((await k(['rollout', 'restart', 'deploy/web'])).code, 0);
    assert.equal((await k(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code, 0);
    const pods = live(await podsOf('web'));
    assert.ok(pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']));
  });

  it('revisionHistoryLimit keeps that many old ReplicaSets', async () => {
    assert.equal((await api.call('PATCH', `${D}/web`, { spec: { revisionHistoryLimit: 1 } })).status, 200);
    await k(['set', 'image', 'deploy/web', 'busybox=busybox:1.38']);
    assert.equal((await k(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code, 0);
    await until('one old ReplicaSet left', async () => (await api.call('GET', RS)).body.items.length === 2);
  });

  it('Recreate: every old Pod is gone before a new one is created', async () => {
    const r = await api.call('PATCH', `${D}/web`, { spec: { strategy: { type: 'Recreate', rollingUpdate: null }, template: { spec: { containers: [{ name: 'busybox', image: 'busybox:recreate' }] } } } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const ac = new AbortController();
    const events = await api.watch(`${P}?watch=true&labelSelector=app%3Dweb`, ac.signal);
    const state = new Map<string, any>();
    let mixed = false;
    const watching = (async () => {
      for await (const ev of events) {
        if (ev.type === 'DELETED') state.delete(ev.object.metadata.name);
        else state.set(ev.object.metadata.name, ev.object);
        const images = new Set([...state.values()].map((p) => p.spec.containers[0].image));
        if (images.has('busybox:recreate') && images.size > 1) mixed = true;
      }
    })().catch(() => {});
    assert.equal((await k(['rollout', 'status', 'deploy/web', '--timeout=60s'])).code, 0);
    ac.abort();
    await watching;
    assert.equal(mixed, false, 'no new Pod existed beside an old one');
    assert.ok(live(await podsOf('web')).every((p) => p.spec.containers[0].image === 'busybox:recreate'));
  });
});

describe('progress deadline', () => {
  it('a rollout that stops progressing for progressDeadlineSeconds is reported ProgressDeadlineExceeded', async () => {
    held.add('slow'); // its Pods never become Ready
    const body = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'slow' }, spec: { replicas: 1, progressDeadlineSeconds: 1, selector: { matchLabels: { app: 'slow' } }, template: { metadata: { labels: { app: 'slow' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } };
    assert.equal((await api.call('POST', D, body)).status, 201);
    const status = await k(['rollout', 'status', 'deploy/slow', '--timeout=20s']);
    assert.notEqual(status.code, 0);
    assert.match(status.stderr, /deployment "slow" exceeded its progress deadline/);
    const c = (await api.call('GET', `${D}/slow`)).body.status.conditions.find((x: any) => x.type === 'Progressing');
    assert.deepEqual([c.status, c.reason], ['False', 'ProgressDeadlineExceeded']);
    assert.match(c.message, /^ReplicaSet "slow-\w+" has timed out progressing\.$/);
  });
});

describe('ReplicaSets', () => {
  const rs = (name: string, replicas: number) => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  });

  it('a burst of 50 replicas creates exactly 50 Pods', async () => {
    held.add('burst');
    assert.equal((await api.call('POST', RS, rs('burst', 50))).status, 201);
    await until('50 pods', async () => (await podsOf('burst')).length >= 50);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await podsOf('burst')).length, 50);
    const status = await until('status.replicas 50', async () => {
      const s = (await api.call('GET', `${RS}/burst`)).body.status;
      return s?.replicas === 50 && s;
    });
    assert.deepEqual([status.readyReplicas, status.availableReplicas, status.fullyLabeledReplicas], [0, 0, 50]);
  });

  // The controller passes over its Pods only on updates that can change its counts: each such change
  // must still reach status, whatever other status writes come between.
  it('status follows readiness both ways and a failed Pod is replaced, across writes that change no count', async () => {
    held.add('counts');
    assert.equal((await api.call('POST', RS, rs('counts', 2))).status, 201);
    const [a, b] = await until('2 pods', async () => {
      const pods = live(await podsOf('counts'));
      return pods.length === 2 && pods;
    });
    const status = (body: object) => api.call('PATCH', `${P}/${a.metadata.name}/status`, { status: body });
    const counts = async (want: [number, number, number]) => until(`replicas, ready, available ${want}`, async () => {
      const s = (await api.call('GET', `${RS}/counts`)).body.status ?? {};
      return JSON.stringify([s.replicas ?? 0, s.readyReplicas ?? 0, s.availableReplicas ?? 0]) === JSON.stringify(want);
    });
    await status({ phase: 'Pending', hostIP: '192.0.2.1' });
    await status({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] });
    await counts([2, 1, 1]);
    await status({ podIP: '10.1.2.3' });
    await status({ conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] });
    await counts([2, 0, 0]);
    assert.equal((await api.call('PATCH', `${P}/${b.metadata.name}/status`, { status: { phase: 'Failed' } })).status, 200);
    await until('a replacement for the failed Pod', async () => (await podsOf('counts')).filter((p) => p.status?.phase !== 'Failed').length === 2);
    await counts([2, 0, 0]);
  });

  // The counts are kept from the Pod events, not recounted: a label that only the template has, and the
  // moment minReadySeconds runs out (no event marks it), must still reach status.
  it('fullyLabeledReplicas follows a template label; a Pod Ready for minReadySeconds becomes available with no further change', async () => {
    held.add('labelled');
    const body = rs('labelled', 2);
    Object.assign(body.spec, { minReadySeconds: 2 });
    Object.assign(body.spec.template.metadata.labels, { tier: 'web' });
    assert.equal((await api.call('POST', RS, body)).status, 201);
    const [a, b] = await until('2 pods', async () => {
      const pods = live(await podsOf('labelled'));
      return pods.length === 2 && pods;
    });
    const counts = async (want: [number, number, number, number]) => until(`replicas, fullyLabeled, ready, available ${want}`, async () => {
      const s = (await api.call('GET', `${RS}/labelled`)).body.status ?? {};
      return JSON.stringify([s.replicas ?? 0, s.fullyLabeledReplicas ?? 0, s.readyReplicas ?? 0, s.availableReplicas ?? 0]) === JSON.stringify(want);
    });
    await counts([2, 2, 0, 0]);
    assert.equal((await api.call('PATCH', `${P}/${a.metadata.name}`, { metadata: { labels: { tier: null } } })).status, 200);
    await counts([2, 1, 0, 0]);
    const since = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    assert.equal((await api.call('PATCH', `${P}/${b.metadata.name}/status`, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] } })).status, 200);
    await counts([2, 1, 1, 1]);
    assert.ok(Date.now() > Date.parse(since) + 2000, 'available only after minReadySeconds');
  });

  it('adopts a matching orphan (and removes a surplus Pod), releases a Pod whose labels stop matching', async () => {
    assert.equal((await api.call('POST', RS, rs('adopt', 2))).status, 201);
    await until('2 pods', async () => live(await podsOf('adopt')).length === 2);
    const orphan = await api.call('POST', P, { metadata: { name: 'orphan', labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    assert.equal(orphan.status, 201);
    await until('the orphan owned', async () => (await api.call('GET', `${P}/orphan`)).body.metadata?.ownerReferences?.[0]?.name === 'adopt' || (await api.call('GET', `${P}/orphan`)).status === 404);
    await until('back to 2 pods', async () => live(await podsOf('adopt')).length === 2);
    const victim = live(await podsOf('adopt'))[0];
    assert.equal((await api.call('PATCH', `${P}/${victim.metadata.name}`, { metadata: { labels: { app: 'gone' } } })).status, 200);
    await until('released', async () => !(await api.call('GET', `${P}/${victim.metadata.name}`)).body.metadata.ownerReferences);
    await until('a replacement', async () => live(await podsOf('adopt')).length === 2);
  });
});

describe('garbage collection', () => {
  const deploy = async (name: string) => {
    assert.equal((await k(['create', 'deployment', name, '--image=busybox', '--replicas=2'])).code, 0);
    assert.equal((await k(['rollout', 'status', `deploy/${name}`, '--timeout=30s'])).code, 0);
  };

  it('background (the default): the Deployment goes at once, its ReplicaSet, Pods and other dependents after it', async () => {
    await deploy('bg');
    // A dependent of another kind, owned (without a controller) by the Deployment too.
    const uid = (await api.call('GET', `${D}/bg`)).body.metadata.uid;
    const cm = await api.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'bg-config', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'bg', uid }] } });
    assert.equal(cm.status, 201);
    const r = await k(['delete', 'deploy', 'bg']);
    assert.equal(r.code, 0, r.stderr);
    await until('no replicasets or pods of bg', async () => (await api.call('GET', `${RS}?labelSelector=app%3Dbg`)).body.items.length === 0 && (await podsOf('bg')).length === 0);
    await until('its ConfigMap gone', async () => (await api.call('GET', '/api/v1/namespaces/default/configmaps/bg-config')).status === 404);
  });

  // The collector looks again at an object when its owners change, not on every update (its status).
  it('an object given an owner that is gone by an update (not at its creation) is collected', async () => {
    const CM = '/api/v1/namespaces/default/configmaps';
    assert.equal((await api.call('POST', CM, { metadata: { name: 'late-owner' } })).status, 201);
    const gone = { apiVersion: 'v1', kind: 'ConfigMap', name: 'never-was', uid: '00000000-0000-4000-8000-000000000000' };
    assert.equal((await api.call('PATCH', `${CM}/late-owner`, { metadata: { ownerReferences: [gone] } })).status, 200);
    await until('the ConfigMap with a gone owner collected', async () => (await api.call('GET', `${CM}/late-owner`)).status === 404);
  });

  it('foreground: the Deployment waits, marked, until its dependents are gone', async () => {
    await deploy('fg');
    const ac = new AbortController();
    const events = await api.watch(`${D}?watch=true&fieldSelector=metadata.name%3Dfg`, ac.signal);
    const seen: any[] = [];
    const watching = (async () => {
      for await (const ev of events) seen.push(ev);
    })().catch(() => {});
    const r = await k(['delete', 'deploy', 'fg', '--cascade=foreground', '--timeout=30s']);
    assert.equal(r.code, 0, r.stderr);
    ac.abort();
    await watching;
    const marked = seen.find((e) => e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp);
    assert.ok(marked, 'the Deployment was marked before it went');
    assert.deepEqual(marked.object.metadata.finalizers, ['foregroundDeletion']);
    assert.equal(seen.at(-1).type, 'DELETED');
    assert.equal((await api.call('GET', `${RS}?labelSelector=app%3Dfg`)).body.items.length, 0);
  });

  it('orphan: the ReplicaSet and Pods stay, without a reference to the deleted owner', async () => {
    await deploy('orph');
    const r = await k(['delete', 'deploy', 'orph', '--cascade=orphan']);
    assert.equal(r.code, 0, r.stderr);
    await until('deployment gone', async () => (await api.call('GET', `${D}/orph`)).status === 404);
    const sets = (await api.call('GET', `${RS}?labelSelector=app%3Dorph`)).body.items;
    assert.equal(sets.length, 1);
    assert.equal(sets[0].metadata.ownerReferences, undefined);
    assert.equal(live(await podsOf('orph')).length, 2, 'the orphaned ReplicaSet still keeps its Pods');
    // Deleting the orphaned ReplicaSet now takes its Pods with it.
    await k(['delete', 'rs', sets[0].metadata.name]);
    await until('pods of the orphaned replicaset gone', async () => (await podsOf('orph')).length === 0);
  });

  it('an unknown propagationPolicy is refused with upstream\'s message', async () => {
    await deploy('bad');
    const r = await api.call('DELETE', `${D}/bad`, { propagationPolicy: 'Sometimes' });
    assert.equal(r.status, 422);
    assert.equal(r.body.message, 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"');
    assert.equal((await api.call('GET', `${D}/bad`)).status, 200, 'nothing was deleted');
  });
});

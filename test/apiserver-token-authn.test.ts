// The token issuer and authenticator on their own, on a clock the test moves: expiry (first seen
// expired, and expiring while cached), not-yet-valid, audiences, revocation through the uid lookup, a
// key kept on disk, and what a cached validation costs (issue 13's target: ≤ 20 µs).

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ServiceAccountTokens, type UidLookup } from '../src/apiserver/auth/token-authenticator.js';
import { TokenSigner } from '../src/apiserver/auth/token-signer.js';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
let dir: string;
let signer: TokenSigner;
let now = Date.parse('2026-01-01T00:00:00Z');
const objects = new Map<string, string>([['serviceaccounts/ns/robot', 'sa-uid'], ['pods/ns/web', 'pod-uid']]);
const uidOf: UidLookup = (resource, ns, name) => objects.get(`${resource}/${ns}/${name}`);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-token-authn-'));
  signer = await TokenSigner.load(dir, ISSUER);
});
after(() => rm(dir, { recursive: true, force: true }));

const grant = { namespace: 'ns', serviceAccount: { name: 'robot', uid: 'sa-uid' }, audiences: [ISSUER], expirationSeconds: 600 };

test('the key is made once, 0600, and loaded again as the same key', async () => {
  assert.equal((await stat(join(dir, 'sa.key'))).mode & 0o777, 0o600);
  const again = await TokenSigner.load(dir, ISSUER);
  assert.deepEqual(again.jwks(), signer.jwks());
  assert.equal(signer.jwks().keys[0]!.alg, 'ES256');
  assert.equal(signer.jwks().keys[0]!.crv, 'P-256');
});

test('an RSA key kept from before ES256 keys still signs and verifies its tokens, as RS256', async () => {
  const rsaDir = await mkdtemp(join(tmpdir(), 'berth-token-rsa-'));
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(rsaDir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const rsa = await TokenSigner.load(rsaDir, ISSUER);
    assert.equal(rsa.jwks().keys[0]!.alg, 'RS256');
    const tokens = new ServiceAccountTokens(rsa, uidOf, { now: () => now });
    const { token } = await tokens.issue(grant);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg, 'RS256');
    assert.equal((await tokens.authenticate(token))?.user.name, 'system:serviceaccount:ns:robot');
    assert.equal(await signer.verify(token, new Date(now)), null, 'not valid under another key');
  } finally {
    await rm(rsaDir, { recursive: true, force: true });
  }
});

test('expiry: a token is refused once expired, whether first seen then or cached before', async () => {
  const tokens = new ServiceAccountTokens(signer, uidOf, { now: () => now });
  const cached = (await tokens.issue(grant)).token;
  const unseen = (await tokens.issue(grant)).token;
  assert.equal((await tokens.authenticate(cached))?.user.name, 'system:serviceaccount:ns:robot');
  now += 599_000;
  assert.ok(await tokens.authenticate(cached));
  now += 1_000;
  assert.equal(await tokens.authenticate(cached), null);
  assert.equal(await tokens.authenticate(unseen), null);
});

test('audiences: the answer lists those asked for that the token is for', async () => {
  const tokens = new ServiceAccountTokens(signer, uidOf, { now: () => now });
  const { token } = await tokens.issue({ ...grant, audiences: ['vault', 'ci'] });
  assert.equal(await tokens.authenticate(token), null, 'not for the API server');
  assert.deepEqual((await tokens.authenticate(token, ['ci', 'other']))?.audiences, ['ci']);
});

test('revocation: a bound Pod or the account replaced (another uid) or gone ends the token', async () => {
  const tokens = new ServiceAccountTokens(signer, uidOf, { now: () => now });
  const { token } = await tokens.issue({ ...grant, bound: { kind: 'Pod', name: 'web', uid: 'pod-uid', nodeName: 'n1' } });
  const user = (await tokens.authenticate(token))!.user;
  assert.deepEqual(user.extra, {
    'authentication.kubernetes.io/credential-id': [user.extra!['authentication.kubernetes.io/credential-id']![0]!],
    'authentication.kubernetes.io/node-name': ['n1'],
    'authentication.kubernetes.io/pod-name': ['web'],
    'authentication.kubernetes.io/pod-uid': ['pod-uid'],
  });
  objects.set('pods/ns/web', 'another-pod-uid');
  assert.equal(await tokens.authenticate(token), null);
  objects.set('pods/ns/web', 'pod-uid');
  assert.ok(await tokens.authenticate(token));
  objects.delete('serviceaccounts/ns/robot');
  assert.equal(await tokens.authenticate(token), null);
  objects.set('serviceaccounts/ns/robot', 'sa-uid');
});

test('a cached validation costs a fraction of a signature check (figure printed; target ≤ 20 µs)', async () => {
  const tokens = new ServiceAccountTokens(signer, uidOf, { now: () => now });
  const { token } = await tokens.issue({ ...grant, bound: { kind: 'Pod', name: 'web', uid: 'pod-uid' } });
  const perCall = async (n: number, f: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < n / 10; i++) await f(); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    return Number(process.hrtime.bigint() - start) / 1000 / n;
  };
  const cached = await perCall(20_000, () => tokens.authenticate(token));
  const verify = await perCall(200, () => signer.verify(token, new Date(now)));
  process.stderr.write(`cached token validation: ${cached.toFixed(2)} µs per request; ${signer.alg} verification: ${verify.toFixed(1)} µs (${(verify / cached).toFixed(0)}x)\n`);
  assert.ok(cached * 5 < verify, `cached ${cached} µs, verify ${verify} µs`);
});

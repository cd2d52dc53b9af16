// What every API server of one cluster must share (the CA's certificate and key, the service-account
// signing key), kept in the datastore so a second `berth server --datastore-endpoint … --token T`
// takes them from there, as k3s keeps its bootstrap data: encrypted with a key derived from the join
// token's secret, so that reading the datastore alone does not hand out the CA key.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureSigningKey, SIGNING_KEY } from '../apiserver/auth/token-signer.js';
import { StoreError } from '../store/types.js';
import { caMatches, ensureJoinToken, formatJoinToken, parseJoinToken } from './join-token.js';
/** Outside /registry/, so no resource's list or watch ever reaches it. */
export const CLUSTER_SECRETS_KEY = '/bootstrap/berth';
const FILES = ['ca.crt', 'ca.key', SIGNING_KEY];
const derive = promisify(scrypt);
async function seal(secret, files) {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await derive(secret, salt, 32), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(files)), cipher.final()]);
    const sealed = { version: 1, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    return Buffer.from(JSON.stringify(sealed));
}
async function open(secret, bytes) {
    const sealed = JSON.parse(Buffer.from(bytes).toString());
    const decipher = createDecipheriv('aes-256-gcm', await derive(secret, Buffer.from(sealed.salt, 'base64'), 32), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    try {
        return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString());
    }
    catch {
        throw new Error("--token: wrong token: it does not open this datastore's cluster secrets (use <data-dir>/token of a server already on it)");
    }
}
async function tokenFor(dataDir, flag) {
    if (flag !== undefined)
        return parseJoinToken(flag);
    const path = join(dataDir, 'token');
    return existsSync(path) ? parseJoinToken(await readFile(path, 'utf8')) : undefined;
}
/** Puts the cluster's files in pkiDir; whatever an other CA had signed there goes, to be issued again. */
async function adopt(pkiDir, files) {
    await mkdir(pkiDir, { recursive: true, mode: 0o700 });
    const caPath = join(pkiDir, 'ca.crt');
    const current = existsSync(caPath) ? await readFile(caPath, 'utf8') : undefined;
    if (current !== files['ca.crt'])
        for (const f of await readdir(pkiDir))
            await rm(join(pkiDir, f), { recursive: true, force: true });
    for (const f of FILES)
        await writeFile(join(pkiDir, f), files[f], { mode: f.endsWith('.crt') ? 0o644 : 0o600 });
}
/**
 * Gives this server the cluster's CA and signing keys. When the datastore holds them already, they are
 * opened with the token (--token, else the one in <data-dir>/token) and written to pkiDir; else
 * `makePki` makes them here and they are stored, sealed with this server's join token. A wrong token,
 * or one naming another CA, fails with a message that says so. Returns what makePki returns.
 */
export async function shareClusterSecrets(store, o, makePki) {
    const stored = await store.get(CLUSTER_SECRETS_KEY);
    if (stored) {
        const token = await tokenFor(o.dataDir, o.token);
        if (!token)
            throw new Error('the datastore already holds a cluster: join it with --token (the <data-dir>/token of a server already on it)');
        const files = await open(token.secret, stored.value);
        if (!caMatches(token, files['ca.crt']))
            throw new Error("--token: the token's CA hash does not match the cluster's CA in the datastore");
        await adopt(o.pkiDir, files);
        // Agents may join through this server with the same token.
        await writeFile(join(o.dataDir, 'token'), `${formatJoinToken(token)}\n`, { mode: 0o600 });
        return makePki();
    }
    if (o.token !== undefined)
        throw new Error('--token: the datastore holds no cluster to join; start the first server without --token');
    const made = await makePki();
    await ensureSigningKey(o.pkiDir);
    const files = Object.fromEntries(await Promise.all(FILES.map(async (f) => [f, await readFile(join(o.pkiDir, f), 'utf8')])));
    const token = await ensureJoinToken(o.dataDir, files['ca.crt']);
    await store.create(CLUSTER_SECRETS_KEY, await seal(token.secret, files)).catch((e) => {
        if (e instanceof StoreError && e.code === 'AlreadyExists')
            throw new Error('another server bootstrapped this datastore at the same moment: start this one again with --token (that server\'s <data-dir>/token)');
        throw e;
    });
    return made;
}
//# sourceMappingURL=cluster-secrets.js.map
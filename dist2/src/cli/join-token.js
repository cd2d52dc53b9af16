// The join token, k3s-style: `K10<sha256 of the cluster CA, hex>::server:<secret>`. Whoever holds it may
// join the cluster (the secret), and can tell the real server from an impostor before sending anything
// (the CA hash), so a first contact needs no pre-shared CA file.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const TOKEN = /^K10([0-9a-f]{64})::([a-z][a-z0-9-]*):([A-Za-z0-9._~-]{16,256})$/;
export function caHash(caPem) {
    return createHash('sha256').update(caPem).digest('hex');
}
export function formatJoinToken(t) {
    return `K10${t.caHash}::${t.user}:${t.secret}`;
}
/** Parses a join token; throws an error naming the expected form for anything else. */
export function parseJoinToken(text) {
    const m = TOKEN.exec(text.trim());
    if (!m)
        throw new Error('invalid join token: expected K10<sha256 of the cluster CA>::server:<secret> (see <data-dir>/token on the first server)');
    return { caHash: m[1], user: m[2], secret: m[3] };
}
/** Whether a CA bundle is the one the token names, compared in constant time. */
export function caMatches(t, caPem) {
    return timingSafeEqual(Buffer.from(caHash(caPem), 'hex'), Buffer.from(t.caHash, 'hex'));
}
/** Whether a presented secret is the token's, compared in constant time. */
export function secretMatches(t, presented) {
    const a = createHash('sha256').update(t.secret).digest();
    const b = createHash('sha256').update(presented).digest();
    return timingSafeEqual(a, b);
}
/**
 * The server's join token, kept in `<data-dir>/token` (0600): made on first start with a fresh secret, read
 * afterwards; a token file whose CA hash no longer matches the CA (the PKI was replaced) keeps its secret
 * and gets the new hash.
 */
export async function ensureJoinToken(dataDir, caPem) {
    const path = join(dataDir, 'token');
    const existing = await readFile(path, 'utf8').then(parseJoinToken, (e) => {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    });
    const token = { caHash: caHash(caPem), user: 'server', secret: existing?.secret ?? randomBytes(24).toString('hex') };
    if (!existing || existing.caHash !== token.caHash)
        await writeFile(path, `${formatJoinToken(token)}\n`, { mode: 0o600 });
    return token;
}
/** The bootstrap identity a join token stands for, as upstream names bootstrap-token users. */
export const BOOTSTRAPPERS_GROUP = 'system:bootstrappers';
/**
 * The API server's bearer check for joining nodes: the whole join token, with this cluster's CA hash and
 * secret, is user system:bootstrap:<token user> in system:bootstrappers (what upstream's RBAC lets create
 * CSRs); anything else is not a join token and falls through to the other authenticators.
 */
export function joinTokenAuthenticator(token) {
    return (bearer) => {
        if (!bearer.startsWith('K10'))
            return null;
        let presented;
        try {
            presented = parseJoinToken(bearer);
        }
        catch {
            return null;
        }
        if (presented.caHash !== token.caHash || presented.user !== token.user || !secretMatches(token, presented.secret))
            return null;
        return { name: `system:bootstrap:${token.user}`, groups: [BOOTSTRAPPERS_GROUP, 'system:authenticated'] };
    };
}
//# sourceMappingURL=join-token.js.map
// The cluster's service-account signing key and the JWTs made with it (via jose: no hand-written JWT
// code). The key is an RSA key (RS256, upstream's default) made at first start as <pki>/sa.key and kept
// across restarts, so tokens handed out survive a restart of the API server. Its public half is
// published as the JWKS of the OIDC discovery document, so others can verify tokens offline.
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, jwtVerify, SignJWT } from 'jose';
const ALG = 'RS256';
/** The service-account signing key's file in the PKI directory: one key for every API server of a cluster. */
export const SIGNING_KEY = 'sa.key';
/** Where the discovery document and the JWKS are served. */
export const ISSUER_DISCOVERY_PATHS = new Set(['/.well-known/openid-configuration', '/openid/v1/jwks']);
/** Makes <pkiDir>/sa.key, the service-account signing key, unless it exists; returns its path. */
export async function ensureSigningKey(pkiDir) {
    const path = join(pkiDir, SIGNING_KEY);
    if (!existsSync(path)) {
        const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
        await writeFile(path, await exportPKCS8(privateKey), { mode: 0o600 });
        await chmod(path, 0o600);
    }
    return path;
}
export class TokenSigner {
    issuer;
    #privateKey;
    #publicKey;
    #publicJwk;
    constructor(issuer, privateKey, publicKey, publicJwk) {
        this.issuer = issuer;
        this.#privateKey = privateKey;
        this.#publicKey = publicKey;
        this.#publicJwk = publicJwk;
    }
    /** Loads <pkiDir>/sa.key, making it on first start. */
    static async load(pkiDir, issuer) {
        const path = await ensureSigningKey(pkiDir);
        const privateKey = await importPKCS8(await readFile(path, 'utf8'), ALG, { extractable: true });
        const { kty, n, e } = await exportJWK(privateKey);
        const der = createPublicKey({ key: { kty: kty, n: n, e: e }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
        // As upstream: the key id is the unpadded base64url SHA-256 of the public key's DER form.
        const kid = createHash('sha256').update(der).digest('base64url');
        const publicJwk = { use: 'sig', kty, kid, alg: ALG, n, e };
        return new TokenSigner(issuer, privateKey, (await importJWK(publicJwk, ALG)), publicJwk);
    }
    sign(claims) {
        return new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: this.#publicJwk.kid }).sign(this.#privateKey);
    }
    /**
     * The claims of a token this key signed for this issuer that is valid at `now` and has an expiry, or
     * null for anything else (another key, forged, malformed, expired, not yet valid, another issuer).
     */
    async verify(token, now) {
        try {
            const { payload } = await jwtVerify(token, this.#publicKey, { algorithms: [ALG], issuer: this.issuer, currentDate: now, requiredClaims: ['exp'] });
            return payload;
        }
        catch {
            return null;
        }
    }
    /** The JWKS served at /openid/v1/jwks. */
    jwks() {
        return { keys: [this.#publicJwk] };
    }
    /** The document served at /.well-known/openid-configuration. */
    discovery() {
        return {
            issuer: this.issuer,
            jwks_uri: `${this.issuer}/openid/v1/jwks`,
            response_types_supported: ['id_token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: [ALG],
        };
    }
}
//# sourceMappingURL=token-signer.js.map
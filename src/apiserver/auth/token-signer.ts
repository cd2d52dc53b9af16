// The cluster's service-account signing key and the JWTs made with it (verified via jose). The key is an RSA key (RS256, upstream's default) made at first start as <pki>/sa.key and kept
// across restarts, so tokens handed out survive a restart of the API server. Its public half is
// published as the JWKS of the OIDC discovery document, so others can verify tokens offline.
// Signing is node:crypto's RSASSA-PKCS1-v1_5 over the JWS signing input, on libuv's thread pool: a
// kubelet asks for one token per Pod, and Node 20's webcrypto (what jose signs through) holds the API
// server's event loop for the whole RSA operation, about 1 ms a token.

import { createHash, createPublicKey, KeyObject, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

const ALG = 'RS256';
/** The service-account signing key's file in the PKI directory: one key for every API server of a cluster. */
export const SIGNING_KEY = 'sa.key';

/** Where the discovery document and the JWKS are served. */
export const ISSUER_DISCOVERY_PATHS: ReadonlySet<string> = new Set(['/.well-known/openid-configuration', '/openid/v1/jwks']);

/** Makes <pkiDir>/sa.key, the service-account signing key, unless it exists; returns its path. */
export async function ensureSigningKey(pkiDir: string): Promise<string> {
  const path = join(pkiDir, SIGNING_KEY);
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
    await writeFile(path, await exportPKCS8(privateKey), { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return path;
}

/** The claims berth puts in (and reads from) a service-account token, as upstream's. */
export interface ServiceAccountClaims extends JWTPayload {
  'kubernetes.io'?: {
    namespace?: string;
    serviceaccount?: { name?: string; uid?: string };
    pod?: { name?: string; uid?: string };
    secret?: { name?: string; uid?: string };
    node?: { name?: string; uid?: string };
  };
}

export class TokenSigner {
  readonly issuer: string;
  readonly #privateKey: KeyObject;
  readonly #publicKey: CryptoKey;
  readonly #publicJwk: JWK;
  /** The protected header, base64url-encoded once: it never changes for a key. */
  readonly #header: string;

  private constructor(issuer: string, privateKey: KeyObject, publicKey: CryptoKey, publicJwk: JWK) {
    this.issuer = issuer;
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#publicJwk = publicJwk;
    this.#header = Buffer.from(JSON.stringify({ alg: ALG, kid: publicJwk.kid })).toString('base64url');
  }

  /** Loads <pkiDir>/sa.key, making it on first start. */
  static async load(pkiDir: string, issuer: string): Promise<TokenSigner> {
    const path = await ensureSigningKey(pkiDir);
    const privateKey = await importPKCS8(await readFile(path, 'utf8'), ALG, { extractable: true });
    const { kty, n, e } = await exportJWK(privateKey);
    const der = createPublicKey({ key: { kty: kty!, n: n!, e: e! }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
    // As upstream: the key id is the unpadded base64url SHA-256 of the public key's DER form.
    const kid = createHash('sha256').update(der).digest('base64url');
    const publicJwk: JWK = { use: 'sig', kty, kid, alg: ALG, n, e };
    return new TokenSigner(issuer, KeyObject.from(privateKey), (await importJWK(publicJwk, ALG)) as CryptoKey, publicJwk);
  }

  /** A compact JWS (RS256) of claims, as jose's SignJWT makes it. */
  sign(claims: ServiceAccountClaims): Promise<string> {
    const input = `${this.#header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), this.#privateKey, (err, sig) => (err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`)));
    });
  }

  /**
   * The claims of a token this key signed for this issuer that is valid at `now` and has an expiry, or
   * null for anything else (another key, forged, malformed, expired, not yet valid, another issuer).
   */
  async verify(token: string, now: Date): Promise<ServiceAccountClaims | null> {
    try {
      const { payload } = await jwtVerify<ServiceAccountClaims>(token, this.#publicKey, { algorithms: [ALG], issuer: this.issuer, currentDate: now, requiredClaims: ['exp'] });
      return payload;
    } catch {
      return null;
    }
  }

  /** The JWKS served at /openid/v1/jwks. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.#publicJwk] };
  }

  /** The document served at /.well-known/openid-configuration. */
  discovery(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ALG],
    };
  }
}

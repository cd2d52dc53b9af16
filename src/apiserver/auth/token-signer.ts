// The cluster's service-account signing key and the JWTs made with it (verified via jose). The key is
// made at first start as <pki>/sa.key and kept across restarts, so tokens handed out survive a restart
// of the API server. Its public half is published as the JWKS of the OIDC discovery document, so others
// can verify tokens offline. A new key is ECDSA P-256 (ES256, what kubeadm makes with its ECDSA-P256
// encryption algorithm): a kubelet asks for one token per Pod, and an RSA-2048 signature costs the API
// server about 0.5 ms of CPU against ES256's 0.05 ms. An RSA key kept from before still signs RS256.
// Signing is node:crypto's over the JWS signing input, on libuv's thread pool, off the event loop.

import { createHash, createPrivateKey, createPublicKey, generateKeyPair, KeyObject, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** The service-account signing key's file in the PKI directory: one key for every API server of a cluster. */
export const SIGNING_KEY = 'sa.key';

/** Where the discovery document and the JWKS are served. */
export const ISSUER_DISCOVERY_PATHS: ReadonlySet<string> = new Set(['/.well-known/openid-configuration', '/openid/v1/jwks']);

/** Makes <pkiDir>/sa.key, the service-account signing key (ECDSA P-256), unless it exists; returns its path. */
export async function ensureSigningKey(pkiDir: string): Promise<string> {
  const path = join(pkiDir, SIGNING_KEY);
  if (!existsSync(path)) {
    const { privateKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' });
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return path;
}

/** The JWS algorithm a signing key signs with: ES256 for P-256, RS256 for RSA; nothing else is accepted. */
function algorithmOf(key: KeyObject): 'ES256' | 'RS256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(`service-account signing key: an RSA or ECDSA P-256 key is needed, not ${key.asymmetricKeyType} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`.trim());
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
  /** The JWS algorithm of every token this signer makes (from the key's type). */
  readonly alg: 'ES256' | 'RS256';
  readonly #privateKey: KeyObject;
  readonly #publicKey: CryptoKey;
  readonly #publicJwk: JWK;
  /** The protected header, base64url-encoded once: it never changes for a key. */
  readonly #header: string;

  private constructor(issuer: string, alg: 'ES256' | 'RS256', privateKey: KeyObject, publicKey: CryptoKey, publicJwk: JWK) {
    this.issuer = issuer;
    this.alg = alg;
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#publicJwk = publicJwk;
    this.#header = Buffer.from(JSON.stringify({ alg, kid: publicJwk.kid })).toString('base64url');
  }

  /** Loads <pkiDir>/sa.key, making it on first start. */
  static async load(pkiDir: string, issuer: string): Promise<TokenSigner> {
    const privateKey = createPrivateKey(await readFile(await ensureSigningKey(pkiDir), 'utf8'));
    const alg = algorithmOf(privateKey);
    const publicKey = createPublicKey(privateKey);
    // As upstream: the key id is the unpadded base64url SHA-256 of the public key's DER form.
    const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
    const publicJwk: JWK = { use: 'sig', ...publicKey.export({ format: 'jwk' }), kid, alg };
    return new TokenSigner(issuer, alg, privateKey, (await importJWK(publicJwk, alg)) as CryptoKey, publicJwk);
  }

  /** A compact JWS of claims, as jose's SignJWT makes it (an ECDSA signature as JWS wants it: r and s, not DER). */
  sign(claims: ServiceAccountClaims): Promise<string> {
    const input = `${this.#header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), { key: this.#privateKey, dsaEncoding: 'ieee-p1363' }, (err, sig) => (err ? reject(err) : resolve(`${input}.${sig.toString('base64url')}`)));
    });
  }

  /**
   * The claims of a token this key signed for this issuer that is valid at `now` and has an expiry, or
   * null for anything else (another key, forged, malformed, expired, not yet valid, another issuer).
   */
  async verify(token: string, now: Date): Promise<ServiceAccountClaims | null> {
    try {
      const { payload } = await jwtVerify<ServiceAccountClaims>(token, this.#publicKey, { algorithms: [this.alg], issuer: this.issuer, currentDate: now, requiredClaims: ['exp'] });
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
      id_token_signing_alg_values_supported: [this.alg],
    };
  }
}

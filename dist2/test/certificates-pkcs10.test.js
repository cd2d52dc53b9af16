// The PKCS#10 reader the CSR validation and signer use, against requests made by openssl as a user
// makes them: subject and names read back, a request whose bytes were changed refused for its
// signature, and (seeded) corrupted requests always answered with an Error, never a crash or a hang.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseCertificateRequest } from '../src/api/pkcs10.js';
import { prng } from './support/prng.js';
const dir = mkdtempSync(join(tmpdir(), 'berth-pkcs10-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function request(keyArgs, subj, extra = []) {
    const key = join(dir, `k${Math.random()}.key`);
    execFileSync('openssl', [...keyArgs, '-out', key], { stdio: 'ignore' });
    return execFileSync('openssl', ['req', '-new', '-key', key, '-subj', subj, ...extra], { encoding: 'utf8' });
}
/** openssl genrsa: 2048 bits by default. */
const rsaKey = () => ['genrsa'];
test('subject, organizations and subject alternative names are read as Go reads them (RSA and EC keys)', () => {
    const rsa = request(rsaKey(), '/O=dev/O=qa/CN=jane', ['-addext', 'subjectAltName=DNS:jane.example,IP:10.1.2.3,email:jane@example.com,URI:spiffe://x/y']);
    const r = parseCertificateRequest(rsa);
    assert.equal(r.commonName, 'jane');
    assert.deepEqual(r.organizations, ['dev', 'qa']);
    assert.deepEqual(r.dnsNames, ['jane.example']);
    assert.deepEqual(r.ipAddresses, ['10.1.2.3']);
    assert.deepEqual(r.emailAddresses, ['jane@example.com']);
    assert.deepEqual(r.uris, ['spiffe://x/y']);
    assert.equal(r.publicKey.asymmetricKeyType, 'rsa');
    const ec = parseCertificateRequest(request(['ecparam', '-name', 'prime256v1', '-genkey', '-noout'], '/O=system:nodes/CN=system:node:n1'));
    assert.equal(ec.commonName, 'system:node:n1');
    assert.deepEqual(ec.organizations, ['system:nodes']);
    assert.equal(ec.publicKey.asymmetricKeyType, 'ec');
});
test('a request whose signed part was changed is refused for its signature; other PEM is not a request', () => {
    const pem = request(['ecparam', '-name', 'prime256v1', '-genkey', '-noout'], '/CN=mallory');
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    // The CN's first letter, inside the signed request info: "mallory" becomes "nallory".
    const at = der.indexOf(Buffer.from('mallory'));
    der[at] = 'n'.charCodeAt(0);
    const forged = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    assert.throws(() => parseCertificateRequest(forged), { message: 'x509: ECDSA verification failure' });
    assert.throws(() => parseCertificateRequest(readFileSync('/etc/hostname', 'utf8')), { message: 'PEM block type must be CERTIFICATE REQUEST' });
    const cert = execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'x.key'), '-subj', '/CN=x', '-days', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.throws(() => parseCertificateRequest(cert), { message: 'PEM block type must be CERTIFICATE REQUEST' });
});
// CI replays a fixed seed; elsewhere each run explores a new one. Rerun a failure with PKCS10_SEED=<seed>.
const seed = process.env.PKCS10_SEED ? Number(process.env.PKCS10_SEED) : process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;
test(`corrupted requests are refused with an Error, never a crash (seed ${seed})`, () => {
    const r = prng(seed);
    const pem = request(rsaKey(), '/O=dev/CN=fuzz', ['-addext', 'subjectAltName=DNS:a.example']);
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
        const bad = Buffer.from(der);
        const kind = r.int(3);
        if (kind === 0)
            for (let n = 1 + r.int(4); n > 0; n--)
                bad[r.int(bad.length)] = r.int(256);
        const body = kind === 1 ? bad.subarray(0, r.int(bad.length)) : kind === 2 ? Buffer.concat([bad.subarray(0, r.int(bad.length)), Buffer.from([r.int(256), r.int(256)])]) : bad;
        const text = `-----BEGIN CERTIFICATE REQUEST-----\n${body.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
        try {
            parseCertificateRequest(text);
        }
        catch (e) {
            assert.ok(e instanceof Error && e.constructor === Error, `seed ${seed} case ${i}: ${String(e)}`);
            refused++;
        }
    }
    assert.ok(refused > 1900, `only ${refused} of 2000 corrupted requests refused (seed ${seed})`);
});
//# sourceMappingURL=certificates-pkcs10.test.js.map
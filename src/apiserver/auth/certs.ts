// The cluster's PKI: one CA that signs the serving certificate and every client certificate.
// Kubernetes identifies clients by certificate: CN is the user, O the groups. Keys and certificates
// are made with the openssl command (Node's crypto can make keys but not X.509 certificates).

import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  cert: string;
  key: string;
}

export interface Pki {
  dir: string;
  ca: KeyPair;
  serving: KeyPair;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd });
}

/** Makes a CA-signed key pair in dir/<name>.{crt,key} unless it is already there. */
export async function issueCertificate(
  dir: string,
  name: string,
  subject: { cn: string; orgs?: string[] },
  usage: 'server' | 'client',
  sans: string[] = [],
  days = 3650,
): Promise<KeyPair> {
  const crt = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  if (!existsSync(crt) || !existsSync(key)) {
    const subj = '/' + [...(subject.orgs ?? []).map((o) => `O=${o}`), `CN=${subject.cn}`].join('/');
    const ext = [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
      ...(sans.length ? [`subjectAltName=${sans.join(',')}`] : []),
    ].join('\n');
    await writeFile(join(dir, `${name}.ext`), ext + '\n');
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
    await openssl(['req', '-new', '-key', `${name}.key`, '-subj', subj, '-out', `${name}.csr`], dir);
    await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', String(days), '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
    await chmod(key, 0o600);
  }
  return { cert: await readFile(crt, 'utf8'), key: await readFile(key, 'utf8') };
}

/** Removes dir/<name>.crt when it lacks one of the subject alternative names wanted, so it is issued again. */
async function dropIfMissingNames(dir: string, name: string, sans: string[]): Promise<void> {
  const path = join(dir, `${name}.crt`);
  if (!existsSync(path)) return;
  // Node lists them as "DNS:a, IP Address:1.2.3.4".
  const has = new Set((new X509Certificate(await readFile(path)).subjectAltName ?? '').split(', ').map((s) => s.replace(/^IP Address:/, 'IP:')));
  if (sans.some((s) => !has.has(s))) await rm(path);
}

/** Loads the PKI from dir, creating what is missing (first start, or names the serving certificate lacks). */
export async function ensurePki(dir: string, hostnames: string[], ips: string[]): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(dir, 'ca.crt'))) {
    await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
    await openssl(['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=berth-ca', '-days', '3650', '-sha256', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature', '-out', 'ca.crt'], dir);
    await chmod(join(dir, 'ca.key'), 0o600);
  }
  // The names in-cluster clients use for the API server (its Service's), beside the host's own.
  const names = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', ...hostnames];
  const sans = [...new Set(names)].map((h) => `DNS:${h}`).concat([...new Set(['127.0.0.1', ...ips])].map((i) => `IP:${i}`));
  const ca = { cert: await readFile(join(dir, 'ca.crt'), 'utf8'), key: await readFile(join(dir, 'ca.key'), 'utf8') };
  await dropIfMissingNames(dir, 'serving', sans);
  const serving = await issueCertificate(dir, 'serving', { cn: 'berth-apiserver' }, 'server', sans);
  return { dir, ca, serving };
}

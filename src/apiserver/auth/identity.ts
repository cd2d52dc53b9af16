// Who is calling: the user and groups from a verified client certificate, as Kubernetes' x509
// authenticator reads them (CN = user, O = groups). Bearer tokens: ./token-authenticator.ts.

import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export interface UserInfo {
  name: string;
  groups: string[];
  /** Set for service accounts: the account's uid, and the Pod (or Secret) a token was bound to. */
  uid?: string;
  extra?: Record<string, string[]>;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** A connection's identity never changes: read the certificate once per socket, not per request. */
const bySocket = new WeakMap<TLSSocket, UserInfo | null>();

export function userFromSocket(socket: TLSSocket): UserInfo | null {
  let user = bySocket.get(socket);
  if (user === undefined) {
    user = readUser(socket);
    bySocket.set(socket, user);
  }
  return user;
}

function readUser(socket: TLSSocket): UserInfo | null {
  if (!socket.authorized) return null;
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.subject) return null;
  const cn = cert.subject.CN;
  const o = cert.subject.O;
  if (!cn) return null;
  const groups = Array.isArray(o) ? o : o ? [o] : [];
  return { name: Array.isArray(cn) ? cn[0] : cn, groups: [...groups, 'system:authenticated'] };
}

/**
 * The user a client certificate (PEM) names, as the x509 authenticator reads a verified one: for a
 * component inside the server, handed its certificate rather than presenting it on a connection.
 */
export function userFromCertificate(pem: string): UserInfo {
  const rdns = new X509Certificate(pem).subject.split('\n');
  const values = (attr: string) => rdns.filter((r) => r.startsWith(`${attr}=`)).map((r) => r.slice(attr.length + 1));
  const cn = values('CN')[0];
  if (!cn) throw new Error('the certificate names no user (no CN)');
  return { name: cn, groups: [...values('O'), 'system:authenticated'] };
}

/** The node a user speaks for, when it is a kubelet's identity (system:node:<name> in system:nodes). */
export function nodeNameOf(user: UserInfo): string | null {
  if (!user.groups.includes('system:nodes') || !user.name.startsWith('system:node:')) return null;
  return user.name.slice('system:node:'.length);
}

// A Secret without a type is Opaque; stringData is write-only sugar, merged into data (base64) and
// dropped, as the API server does on decode.
import type { Secret } from '../types.js';

export function defaultSecret(secret: Secret): void {
  secret.type ||= 'Opaque';
  if (secret.stringData) {
    secret.data ??= {};
    for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = Buffer.from(v).toString('base64');
    delete secret.stringData;
  }
}

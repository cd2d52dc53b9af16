// Where berth keeps a host's state unless --data-dir says otherwise; apart from server.ts so that
// commands other than the server (the agent) need not load the API server to know it.

import { join } from 'node:path';

export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/berth' : join(process.env.HOME ?? '.', '.berth');
}

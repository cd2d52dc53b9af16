// Where `berth server` keeps its objects: the embedded SQLite file in the data dir, or, with
// --datastore-endpoint, an etcd v3 cluster (https with the --datastore-cafile/certfile/keyfile).

import { join } from 'node:path';
import { connectEtcd, marksProgressReliably, parseEndpoints } from '../store/etcd-connect.js';
import { EtcdBackend } from '../store/etcd.js';
import { SqliteBackend } from '../store/sqlite.js';
import type { Backend } from '../store/types.js';

export interface DatastoreFlags {
  'datastore-endpoint'?: string;
  'datastore-cafile'?: string;
  'datastore-certfile'?: string;
  'datastore-keyfile'?: string;
}

export const DATASTORE_HELP = `  --datastore-endpoint URL[,URL]
                        keep objects in this etcd v3 cluster (http:// or https:// client URLs)
                        instead of the embedded SQLite file in --data-dir
  --datastore-cafile FILE, --datastore-certfile FILE, --datastore-keyfile FILE
                        PEM files for https endpoints: the CA of the etcd members, and berth's
                        client certificate and key
  --token TOKEN         join the cluster already on --datastore-endpoint as one more API server: its
                        CA and signing keys are taken from the datastore, opened with this token
                        (<data-dir>/token of a server already on it)
`;

export async function openDatastore(flags: DatastoreFlags, dataDir: string): Promise<Backend> {
  const endpoints = flags['datastore-endpoint'];
  if (endpoints === undefined) {
    if (flags['datastore-cafile'] || flags['datastore-certfile'] || flags['datastore-keyfile']) throw new Error('--datastore-cafile/certfile/keyfile need --datastore-endpoint');
    return new SqliteBackend(join(dataDir, 'state.db'));
  }
  const client = await connectEtcd({ endpoints: parseEndpoints(endpoints), caFile: flags['datastore-cafile'], certFile: flags['datastore-certfile'], keyFile: flags['datastore-keyfile'] });
  return new EtcdBackend(client, { progressNotify: await marksProgressReliably(client) });
}

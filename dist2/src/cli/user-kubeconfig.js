// `berth kubeconfig --user NAME [--group G]...`: a kubeconfig for a new user of this cluster, with a
// client certificate (CN = the user, O = each group) signed by the cluster CA for --expiration, so an
// admin can hand out less than cluster-admin. The key is made here and printed, never stored.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueClientIdentity } from '../apiserver/auth/certs.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { DEFAULT_SIGNING_DURATION_SECONDS } from '../controllers/csrsigning.js';
import { parseDuration } from './duration.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { defaultDataDir } from './server.js';
const HELP = `Usage: berth kubeconfig --user NAME [--group GROUP]... [flags]

Prints a kubeconfig for a new user: a client certificate for NAME in the given groups, signed by the
cluster CA of --data-dir, and the server of that cluster's admin kubeconfig. What the user may do is
up to the authorizer (a new user may do nothing but discovery until granted more).

Flags:
  --user NAME          the user name (the certificate's CN)
  --group GROUP        a group the user is in (the certificate's O); repeat for several
  --expiration D       how long the certificate is valid, e.g. 24h (default 8760h, the CSR signer's longest)
  --data-dir DIR       the server's data directory (default /var/lib/berth as root)
  --server URL         the API server's URL (default: the one in DIR/kubeconfig.yaml)
  -h, --help           show this help
`;
/** What a certificate subject may hold here: printable text without the control characters openssl would mangle. */
const printable = (s) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s);
export async function kubeconfigCommand(argv) {
    const { values } = parseArgs({
        args: argv,
        options: {
            user: { type: 'string' },
            group: { type: 'string', multiple: true, default: [] },
            expiration: { type: 'string', default: `${DEFAULT_SIGNING_DURATION_SECONDS / 3600}h` },
            'data-dir': { type: 'string' },
            server: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
    });
    if (values.help) {
        process.stdout.write(HELP);
        return 0;
    }
    const user = values.user;
    if (user === undefined || !printable(user))
        throw new Error('--user NAME is required: the new user\'s name');
    const groups = values.group;
    const badGroup = groups.find((g) => !printable(g));
    if (badGroup !== undefined)
        throw new Error(`--group: invalid group ${JSON.stringify(badGroup)}`);
    const seconds = parseDuration(values.expiration) / 1000;
    if (!(seconds >= 600))
        throw new Error(`--expiration: ${values.expiration} is shorter than the 10 minutes a certificate may last at least`);
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const pkiDir = join(dataDir, 'pki');
    const ca = await readFile(join(pkiDir, 'ca.crt'), 'utf8').catch(() => {
        throw new Error(`no cluster CA in ${pkiDir}: is --data-dir the server's?`);
    });
    const server = values.server ?? (await loadKubeconfig(join(dataDir, 'kubeconfig.yaml'))).server;
    const identity = await issueClientIdentity(pkiDir, { cn: user, orgs: groups }, Math.floor(seconds));
    process.stdout.write(kubeconfigYaml(server, ca, identity, user));
    return 0;
}
//# sourceMappingURL=user-kubeconfig.js.map
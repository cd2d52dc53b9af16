// `berth dashboard`: serves the web UI on 127.0.0.1 and prints its login URL (with a one-time token).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HttpsTransport } from '../client/https-transport.js';
import { openExec } from '../client/exec.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { RestClient } from '../client/rest.js';
import { startDashboard } from '../ui/dashboardServer.js';
import { defaultDataDir } from './server.js';
/** Where `npm run build` puts the front end (dist/ui, next to dist/src). */
const STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ui');
export async function dashboardCommand(argv) {
    const { values } = parseArgs({
        args: argv,
        options: {
            kubeconfig: { type: 'string' },
            port: { type: 'string', default: '0' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    if (values.help) {
        process.stdout.write('Usage: berth dashboard [--kubeconfig FILE] [--port N]\n\nServes a live view of the cluster on 127.0.0.1, reading it with the kubeconfig\'s rights; open the printed URL.\n');
        return 0;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`error: --port must be a port number, not "${values.port}"\n`);
        return 1;
    }
    const config = await loadKubeconfig(values.kubeconfig ?? process.env.KUBECONFIG ?? join(defaultDataDir(), 'kubeconfig.yaml'));
    const client = new RestClient(new HttpsTransport(config), { userAgent: 'berth-dashboard' });
    // No TTY: berth's runtime has none for exec yet, so the page edits lines itself; `sh -i` prompts anyway.
    const exec = (ns, pod, container) => openExec(config, ns, pod, { container, command: ['sh', '-i'], tty: false });
    const dash = await startDashboard(client, { staticDir: STATIC_DIR, port, exec });
    process.stdout.write(`berth dashboard is serving on 127.0.0.1; open this URL (it logs you in):\n\n    ${dash.url}\n\n`);
    await new Promise((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
    });
    await dash.close();
    client.transport.close();
    return 0;
}
//# sourceMappingURL=dashboard.js.map
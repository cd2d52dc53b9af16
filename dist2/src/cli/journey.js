// `berth journey POD`: the Pod's journey through the cluster, in the terminal or as a picture
// (-o FILE.svg|.png|.html), and why it waits where it waits.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { events, leases, nodes, pods } from '../client/resources.js';
import { RestClient } from '../client/rest.js';
import { journeyPage } from '../ui/journeyPage.js';
import { journeySteps } from '../ui/journeySteps.js';
import { journeySvg } from '../ui/journeySvg.js';
import { journeyText } from '../ui/journeyText.js';
import { explainWait } from '../ui/journeyWait.js';
import { screenshotHtml } from '../ui/screenshot.js';
import { defaultDataDir } from './server.js';
const USAGE = `Usage: berth journey POD [-n NAMESPACE] [--kubeconfig FILE] [-o FILE.svg|FILE.png|FILE.html]

Shows the Pod's journey through the cluster (stored, bound, seen by the kubelet, sandbox and network,
images, containers, hooks, Ready; on deletion preStop, SIGTERM, exit), a step per line with its offset
and what it took, and why it waits if it is not Running and Ready. With -o, draws it as a picture
instead (PNG needs chromium).
`;
const optional = (p) => p.catch(() => undefined);
export async function journeyCommand(argv) {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            kubeconfig: { type: 'string' },
            namespace: { type: 'string', short: 'n', default: 'default' },
            output: { type: 'string', short: 'o' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    if (values.help || positionals.length !== 1) {
        process.stdout.write(USAGE);
        return values.help ? 0 : 1;
    }
    const out = values.output;
    if (out && !/\.(svg|png|html)$/.test(out)) {
        process.stderr.write(`error: -o takes a file ending in .svg, .png or .html, not "${out}"\n`);
        return 1;
    }
    const client = await RestClient.fromKubeconfig(values.kubeconfig ?? process.env.KUBECONFIG ?? join(defaultDataDir(), 'kubeconfig.yaml'));
    try {
        const ns = values.namespace;
        const pod = await client.get(pods, ns, positionals[0]);
        const nodeName = pod.spec.nodeName;
        const [list, node, lease] = await Promise.all([
            client.list(events, ns, { fieldSelector: `involvedObject.uid=${pod.metadata.uid}` }),
            nodeName ? optional(client.get(nodes, undefined, nodeName)) : undefined,
            nodeName ? optional(client.get(leases, 'kube-node-lease', nodeName)) : undefined,
        ]);
        const steps = journeySteps(pod, list.items);
        const waiting = explainWait(pod, list.items, { now: Date.now(), node, lease });
        if (!out) {
            process.stdout.write(journeyText(pod, steps, waiting));
        }
        else if (out.endsWith('.svg')) {
            await writeFile(out, journeySvg(pod, steps, waiting));
        }
        else {
            const page = journeyPage(pod, steps, waiting);
            if (out.endsWith('.html'))
                await writeFile(out, page.html);
            else
                await screenshotHtml(page.html, page.width, page.height, out);
        }
        return 0;
    }
    finally {
        client.transport.close();
    }
}
//# sourceMappingURL=journey.js.map
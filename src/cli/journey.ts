// `berth journey POD`: draws the Pod's journey through the cluster (SVG) from what the API holds.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CoreEvent, Pod } from '../api/types.js';
import { events, pods } from '../client/resources.js';
import { RestClient } from '../client/rest.js';
import { journeySteps, journeySvg } from '../ui/journey.js';
import { defaultDataDir } from './server.js';

export async function journeyCommand(argv: string[]): Promise<number> {
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
    process.stdout.write('Usage: berth journey POD [-n NAMESPACE] [--kubeconfig FILE] [-o FILE.svg]\n\nDraws the Pod\'s journey (stored, scheduled, image, created, started, ready) as an SVG timeline.\n');
    return values.help ? 0 : 1;
  }
  const client = await RestClient.fromKubeconfig(values.kubeconfig ?? process.env.KUBECONFIG ?? join(defaultDataDir(), 'kubeconfig.yaml'));
  try {
    const ns = values.namespace!;
    const pod = await client.get<Pod>(pods, ns, positionals[0]);
    const list = await client.list<CoreEvent>(events, ns, { fieldSelector: `involvedObject.uid=${pod.metadata.uid}` });
    const svg = journeySvg(pod, journeySteps(pod, list.items));
    if (values.output) await writeFile(values.output, svg);
    else process.stdout.write(svg + '\n');
    return 0;
  } finally {
    client.transport.close();
  }
}

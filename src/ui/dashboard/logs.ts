// A container's log, followed live (pods/<name>/log?follow=true streams lines as they are written).

import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { streamLines } from './api.js';

const MAX_LINES = 2000;

/** `instance` (the containers' IDs) changes when a container starts or is replaced: the new one's log is followed from its start. */
export function LogView({ ns, pod, containers, instance }: { ns: string; pod: string; containers: string[]; instance: string }) {
  const [container, setContainer] = useState(containers[0]);
  const [lines, setLines] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    setLines([]);
    // No container has started (no container ID yet): there is no log to ask for.
    if (!instance.split(',').some(Boolean)) {
      setNote('no log yet: the container has not started');
      return;
    }
    setNote('following…');
    const path = `/api/v1/namespaces/${ns}/pods/${pod}/log?follow=true&tailLines=500&container=${encodeURIComponent(container)}`;
    (async () => {
      // Before the container runs there is no log yet: try again each second until there is.
      while (!abort.signal.aborted) {
        try {
          await streamLines(path, abort.signal, (l) => setLines((ls) => [...ls.slice(-MAX_LINES + 1), l]));
          setNote('the log ended (the container stopped)');
          return;
        } catch (e) {
          if (abort.signal.aborted) return;
          setNote(`no log yet: ${(e as Error).message.slice(0, 200)}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
    return () => abort.abort();
  }, [ns, pod, container, instance]);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return h('div', null,
    containers.length > 1 && h('select', { value: container, onChange: (e: Event) => setContainer((e.target as HTMLSelectElement).value) }, containers.map((c) => h('option', { value: c }, c))),
    h('pre', { class: 'logs', ref: box, 'data-testid': 'logs' }, lines.join('\n')),
    h('small', null, note));
}

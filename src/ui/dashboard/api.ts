// The browser's view of the API, through the dashboard server's read-only /k8s/ window: lists, and
// lists kept live by a watch from their resourceVersion (no polling), and streamed lines (logs).

import { useEffect, useRef, useState } from 'preact/hooks';
import type { KObject } from '../../api/types.js';
import { KeyedList } from '../keyedList.js';

/** What a refusal says: a Status' message, else the text as it came. */
function statusMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    return body;
  }
}

export async function getJSON<T>(path: string, signal?: AbortSignal): Promise<T> {
  const r = await fetch(`/k8s${path}`, { signal });
  const body = await r.text();
  if (!r.ok) throw new Error(statusMessage(body));
  return JSON.parse(body) as T;
}

/** Each line of a streamed answer, as it arrives; ends with the answer or the signal. */
export async function streamLines(path: string, signal: AbortSignal, onLine: (l: string) => void): Promise<void> {
  const r = await fetch(`/k8s${path}`, { signal });
  if (!r.ok || !r.body) throw new Error(statusMessage(await r.text()));
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const parts = (rest + value).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p) onLine(p);
  }
  if (rest) onLine(rest);
}

const sep = (path: string): string => (path.includes('?') ? '&' : '?');
/** A first page that fills a screen, then big pages: the first rows show before a thousand Pods have come. */
const FIRST_PAGE = 50;
const PAGE = 500;

/** items are in namespace/name order. */
export interface Live<T> { items: T[]; error?: string; loaded: boolean }

/**
 * A collection (`/api/v1/pods?labelSelector=…`) kept up to date by a watch; relists when the watch
 * ends. However many events come in a frame (a hundred Pods churning), the page is drawn once.
 */
export function useLiveList<T extends KObject>(path: string | undefined): Live<T> {
  const [state, setState] = useState<Live<T>>({ items: [], loaded: false });
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    const byKey = new KeyedList<T>((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    let frame = 0;
    const publish = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState({ items: byKey.items(), loaded: true });
      });
    };
    abort.signal.addEventListener('abort', () => cancelAnimationFrame(frame));
    (async () => {
      while (!abort.signal.aborted) {
        try {
          // In pages, each drawn as it comes.
          byKey.clear();
          let rv = '';
          let cont = '';
          do {
            const list = await getJSON<{ items: T[]; metadata: { resourceVersion?: string; continue?: string } }>(`${path}${sep(path)}limit=${cont ? PAGE : FIRST_PAGE}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, abort.signal);
            for (const o of list.items) byKey.set(o);
            rv = list.metadata.resourceVersion ?? rv;
            cont = list.metadata.continue ?? '';
            setState({ items: byKey.items(), loaded: true });
          } while (cont && !abort.signal.aborted);
          await streamLines(`${path}${sep(path)}watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, abort.signal, (line) => {
            const ev = JSON.parse(line) as { type: string; object: T };
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED') byKey.set(ev.object);
            else if (ev.type === 'DELETED') byKey.delete(ev.object);
            else return;
            publish();
          });
        } catch (e) {
          if (abort.signal.aborted) return;
          setState((s) => ({ ...s, error: (e as Error).message }));
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
    return () => abort.abort();
  }, [path]);
  return state;
}

/**
 * One object, kept live by a watch on its name; error says why it cannot be read (RBAC, say). Once
 * it is gone, the last state seen stays, with removedAt: when this page learnt it was removed.
 */
export function useLiveObject<T extends KObject>(collection: string | undefined, name: string): { item?: T; error?: string; removedAt?: number } {
  const live = useLiveList<T>(collection ? `${collection}${sep(collection)}fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}` : undefined);
  const last = useRef<{ item?: T; removedAt?: number }>({});
  const item = live.items[0];
  if (item) last.current = { item };
  else if (last.current.item && last.current.removedAt === undefined) last.current.removedAt = Date.now();
  return { ...last.current, error: live.error };
}

/**
 * Why the caller may not open a shell in this container, or undefined if they may. berth has no
 * SelfSubjectAccessReview, so the page asks the API server itself: a plain GET of pods/exec (no
 * upgrade) is authorized as an exec is (create pods/exec) and refused with 403 when not allowed;
 * when allowed, it goes no further than the node, which runs nothing without an upgrade.
 */
export async function execRefusal(ns: string, pod: string, container: string, signal?: AbortSignal): Promise<string | undefined> {
  const r = await fetch(`/k8s/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/exec?container=${encodeURIComponent(container)}&command=sh&stdin=true&stdout=true`, { signal });
  if (r.status !== 403) return undefined;
  return statusMessage(await r.text());
}

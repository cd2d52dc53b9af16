// A Pod's journey on its page: why it waits, in words, and the picture, redrawn as steps arrive;
// it plays along the flow, arrow by arrow, step by step (style.css, from each element's --i).

import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CoreEvent, Lease, Node, Pod } from '../../api/types.js';
import { journeyOrigin, journeySteps } from '../journeySteps.js';
import { journeySvg, offsetText } from '../journeySvg.js';
import { explainWait } from '../journeyWait.js';

export function JourneyView({ pod, events, node, lease, removedAt }: { pod: Pod; events: CoreEvent[]; node?: Node; lease?: Lease; removedAt?: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    // "next try in 40 s" counts down: only the clock moves, nothing is fetched.
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const steps = journeySteps(pod, events);
  // The API keeps nothing of a removed Pod: its last step is when this page's watch said so.
  if (removedAt !== undefined) steps.push({ at: removedAt, actor: 'api server', label: 'removed (seen by this page)', precise: true });
  const waiting = removedAt === undefined ? explainWait(pod, events, { now, node, lease }) : undefined;
  return h('section', { class: 'journey' },
    h('h2', null, 'Journey'),
    h('p', { class: waiting ? 'waiting' : 'ok', 'data-testid': 'waiting' }, waiting ? `Now: ${waiting}` : removedAt !== undefined ? 'Removed: its journey has ended.' : 'Running and Ready: nothing in its way.'),
    // A phone gets the steps as a list; the picture needs a wide screen.
    h('ol', { class: 'steps' }, steps.map((s) => h('li', { class: s.warning ? 'bad' : '' }, h('code', null, offsetText(s, journeyOrigin(steps))), ` ${s.actor}: ${s.label}`))),
    h(Picture, { svg: journeySvg(pod, steps), steps: steps.map((s) => s.label).join('|') }));
}

/** The SVG is replaced only when it changes (not on each tick of the clock), so its animation plays once. */
function Picture({ svg, steps }: { svg: string; steps: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.innerHTML = svg;
  }, [svg]);
  return h('div', { class: 'scroll picture', 'data-testid': 'journey', 'data-steps': steps, ref: box });
}

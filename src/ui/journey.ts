// A Pod's journey as a picture: the seed's creation flow (stored → scheduled → image → created →
// started → ready → finished) on a time axis, from the Pod's own timestamps, conditions and Events.

import type { CoreEvent, Pod } from '../api/types.js';
import { esc, svgDocument } from './svg.js';

export interface JourneyStep {
  at: number;
  /** Who did it: the seed's actors. */
  actor: 'api server' | 'scheduler' | 'kubelet' | 'runtime';
  label: string;
}

const ACTOR_OF: Record<string, JourneyStep['actor']> = {
  Scheduled: 'scheduler',
  FailedScheduling: 'scheduler',
  Pulling: 'kubelet',
  Pulled: 'kubelet',
  Created: 'runtime',
  Started: 'runtime',
  Killing: 'kubelet',
  BackOff: 'kubelet',
  FailedPostStartHook: 'kubelet',
  FailedPreStopHook: 'kubelet',
};

function time(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The steps of a Pod's journey in time order. */
export function journeySteps(pod: Pod, events: CoreEvent[]): JourneyStep[] {
  const steps: JourneyStep[] = [];
  const created = time(pod.metadata.creationTimestamp);
  if (created !== undefined) steps.push({ at: created, actor: 'api server', label: 'stored (to the second)' });
  for (const e of events) {
    const at = time(e.eventTime ?? e.firstTimestamp ?? e.lastTimestamp);
    if (at === undefined || !e.reason) continue;
    const what = e.reason === 'Created' || e.reason === 'Started' ? `${e.reason} ${/container (\S+)/.exec(e.message ?? '')?.[1] ?? ''}`.trim() : e.reason;
    steps.push({ at, actor: ACTOR_OF[e.reason] ?? 'kubelet', label: what });
  }
  for (const c of pod.status?.conditions ?? []) {
    const at = time(c.lastTransitionTime);
    if (at !== undefined && c.status === 'True' && c.type !== 'PodScheduled') steps.push({ at, actor: 'kubelet', label: c.type });
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    const at = time(s.state?.terminated?.finishedAt);
    if (at !== undefined) steps.push({ at, actor: 'runtime', label: `${s.name} ${s.state?.terminated?.reason ?? 'exited'}` });
  }
  return steps.sort((a, b) => a.at - b.at);
}

const LANES: JourneyStep['actor'][] = ['api server', 'scheduler', 'kubelet', 'runtime'];
const COLOURS: Record<JourneyStep['actor'], string> = { 'api server': '#1f77b4', scheduler: '#ff7f0e', kubelet: '#2ca02c', runtime: '#9467bd' };

/** An SVG swim-lane timeline: one lane per actor, one labelled dot per step, times relative to creation. */
export function journeySvg(pod: Pod, steps: JourneyStep[]): string {
  const width = 900;
  const left = 110;
  // Room on the right for the last step's label.
  const right = 160;
  const laneH = 70;
  const top = 50;
  const height = top + LANES.length * laneH + 50;
  const t0 = steps[0]?.at ?? 0;
  const span = Math.max(1000, (steps[steps.length - 1]?.at ?? t0) - t0);
  const x = (t: number): number => left + ((t - t0) / span) * (width - left - right);
  const body: string[] = [];
  body.push(`<text x="10" y="24" font-size="15" font-weight="bold">Pod ${esc(pod.metadata.namespace ?? '')}/${esc(pod.metadata.name ?? '')} — ${esc(pod.status?.phase ?? 'Pending')}${pod.spec.nodeName ? ` on ${esc(pod.spec.nodeName)}` : ''}</text>`);
  LANES.forEach((lane, i) => {
    const y = top + i * laneH + laneH / 2;
    body.push(`<text x="10" y="${y + 4}" fill="${COLOURS[lane]}" font-weight="bold">${lane}</text>`);
    body.push(`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="#ddd"/>`);
  });
  const seen = new Map<string, number>();
  for (const s of steps) {
    const lane = LANES.indexOf(s.actor);
    const y = top + lane * laneH + laneH / 2;
    const cx = x(s.at);
    // Steps at nearly the same moment stack their labels instead of overwriting each other.
    const slot = `${lane}:${Math.round(cx / 40)}`;
    const n = seen.get(slot) ?? 0;
    seen.set(slot, n + 1);
    body.push(`<circle cx="${cx.toFixed(1)}" cy="${y}" r="5" fill="${COLOURS[s.actor]}"/>`);
    body.push(`<text x="${(cx + 7).toFixed(1)}" y="${y - 8 - n * 13}" font-size="11">${esc(s.label)} +${s.at - t0} ms</text>`);
  }
  const axisY = top + LANES.length * laneH + 15;
  body.push(`<line x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const t = (span * i) / 4;
    const xx = left + (i / 4) * (width - left - right);
    body.push(`<line x1="${xx}" y1="${axisY}" x2="${xx}" y2="${axisY + 5}" stroke="#333"/><text x="${xx - 12}" y="${axisY + 20}">${(t / 1000).toFixed(2)} s</text>`);
  }
  return svgDocument(width, height, body);
}

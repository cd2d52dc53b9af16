// The Pods as a windowed list: however many there are, only the rows the screen shows (and a few
// either side) are in the page, each redrawn only when its Pod changes. The list keeps its full
// height, so the page scrolls as if every row were there; scrolling moves the window.

import { Component, h, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Pod } from '../../api/types.js';
import { rowWindow, type RowWindow } from '../rowWindow.js';
import { age, statusClass, statusOf } from './format.js';

/** Every row's height in CSS pixels (style.css sizes the rows with it, through --row-h). */
const ROW_H = 28;

const link = (href: string, text: ComponentChildren) => h('a', { href }, text);

/** A Pod's row, redrawn only when its object changes (or it moves in the list): a watch event about one Pod redraws one row. */
class PodRow extends Component<{ pod: Pod; index: number }> {
  shouldComponentUpdate(next: { pod: Pod; index: number }): boolean {
    return next.pod !== this.props.pod || next.index !== this.props.index;
  }

  render({ pod: p, index }: { pod: Pod; index: number }) {
    const cells = [
      link(`#/pod/${p.metadata.namespace}/${p.metadata.name}`, p.metadata.name),
      link(`#/ns/${p.metadata.namespace}`, p.metadata.namespace),
      h('span', { class: `phase ${statusClass(p)}`, 'data-testid': `phase-${p.metadata.name}` }, statusOf(p)),
      p.spec.nodeName ? link(`#/node/${p.spec.nodeName}`, p.spec.nodeName) : '—',
      age(p.metadata.creationTimestamp),
    ];
    // Placed by its index, so rows entering or leaving above it do not move the others' boxes.
    return h('div', { class: 'pod-row', role: 'row', 'aria-rowindex': index + 2, 'data-pod': `${p.metadata.namespace}/${p.metadata.name}`, style: `top:${index * ROW_H}px` }, cells.map((c) => h('span', { role: 'cell' }, c)));
  }
}

/**
 * The window of rows the viewport shows. Where the list sits in the viewport is read once per frame
 * at most, on scroll and resize and when the list's length changes (the rows above it may have
 * moved), never while drawing.
 */
function useRowWindow(count: number): [RowWindow, (el: HTMLDivElement | null) => void] {
  const body = useRef<HTMLDivElement | null>(null);
  const [at, setAt] = useState({ top: 0, viewport: 1200 });
  const frame = useRef(0);
  const look = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (!body.current) return;
      const next = { top: body.current.getBoundingClientRect().top, viewport: innerHeight };
      setAt((a) => (a.top === next.top && a.viewport === next.viewport ? a : next));
    });
  };
  useEffect(() => {
    addEventListener('scroll', look, { passive: true });
    addEventListener('resize', look);
    return () => {
      cancelAnimationFrame(frame.current);
      removeEventListener('scroll', look);
      removeEventListener('resize', look);
    };
  }, []);
  useEffect(look, [count]);
  return [rowWindow(count, ROW_H, at.top, at.viewport), (el) => (body.current = el)];
}

/** empty: what to say when there are no Pods to list. */
export function PodList({ pods, empty = 'No Pods.' }: { pods: Pod[]; empty?: string }) {
  const [win, bodyRef] = useRowWindow(pods.length);
  const rows = [];
  for (let i = win.first; i < win.end; i++) {
    const p = pods[i];
    rows.push(h(PodRow, { key: `${p.metadata.namespace}/${p.metadata.name}`, pod: p, index: i }));
  }
  return h('div', { class: 'scroll' }, h('div', { class: 'pod-list', role: 'table', 'aria-rowcount': pods.length + 1, 'data-testid': 'pods', style: `--row-h:${ROW_H}px` },
    h('div', { class: 'pod-row head', role: 'row', 'aria-rowindex': 1 }, ['pod', 'namespace', 'phase', 'node', 'age'].map((c) => h('span', { role: 'columnheader' }, c))),
    h('div', { class: 'pod-rows', role: 'rowgroup', ref: bodyRef, style: `height:${pods.length * ROW_H}px` }, rows)),
    pods.length === 0 && h('p', { class: 'empty' }, empty));
}

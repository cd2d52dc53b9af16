// Newline-delimited text (a watch's JSON events) cut into lines as its chunks arrive: what a
// transport's stream() hands the REST client, whichever way the chunks came.

import { AsyncQueue } from '../util/asyncqueue.js';

export class LineStream {
  readonly lines = new AsyncQueue<string>();
  #rest = '';

  write(chunk: string): void {
    this.#rest += chunk;
    let nl: number;
    while ((nl = this.#rest.indexOf('\n')) >= 0) {
      const line = this.#rest.slice(0, nl).trim();
      this.#rest = this.#rest.slice(nl + 1);
      if (line) this.lines.push(line);
    }
  }

  /** The end of the text: a last unterminated line counts; with an error, the reader sees it after the lines. */
  end(error?: unknown): void {
    if (this.#rest.trim()) this.lines.push(this.#rest.trim());
    this.lines.close(error);
  }
}

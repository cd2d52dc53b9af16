// Newline-delimited text (a watch's JSON events) cut into lines as its chunks arrive: what a
// transport's stream() hands the REST client, whichever way the chunks came.
import { AsyncQueue } from '../util/asyncqueue.js';
export class LineStream {
    lines = new AsyncQueue();
    #rest = '';
    write(chunk) {
        this.#rest += chunk;
        let nl;
        while ((nl = this.#rest.indexOf('\n')) >= 0) {
            const line = this.#rest.slice(0, nl).trim();
            this.#rest = this.#rest.slice(nl + 1);
            if (line)
                this.lines.push(line);
        }
    }
    /** The end of the text: a last unterminated line counts; with an error, the reader sees it after the lines. */
    end(error) {
        if (this.#rest.trim())
            this.lines.push(this.#rest.trim());
        this.lines.close(error);
    }
}
//# sourceMappingURL=line-stream.js.map
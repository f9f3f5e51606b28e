// Keeps the server's stdin in step with LSP framing. vscode-jsonrpc reads whatever follows a malformed header
// (no Content-Length, a negative one, a line of noise) as the next header, so after one bad message it never
// answers again. This stream passes well-framed messages through unchanged and, after a malformed header,
// drops bytes up to the next `Content-Length:` line.
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = '\r\n\r\n';
const CONTENT_LENGTH = 'Content-Length:';
/** A header block longer than this without its blank line is noise, not a header still arriving. */
const MAX_HEADER_BYTES = 8192;

/** The body length a header block declares, or undefined when the block is not a valid LSP header. */
function declaredLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const field = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (!field) return undefined;
    if (field[1].toLowerCase() === 'content-length') {
      if (!/^\d+$/.test(field[2].trim())) return undefined;
      length = Number(field[2].trim());
    }
  }
  return length;
}

export class MessageFraming extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current message's body still to pass through. */
  private bodyLeft = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.forwardMessages();
    done();
  }

  private forwardMessages(): void {
    while (this.pending.length > 0) {
      if (this.bodyLeft > 0) {
        const body = this.pending.subarray(0, this.bodyLeft);
        this.push(body);
        this.bodyLeft -= body.length;
        this.pending = this.pending.subarray(body.length);
        continue;
      }
      const headerEnd = this.pending.indexOf(HEADER_END);
      if (headerEnd === -1) {
        if (this.pending.length > MAX_HEADER_BYTES) this.skipToNextHeader();
        return;
      }
      const length = declaredLength(this.pending.toString('latin1', 0, headerEnd));
      if (length === undefined) {
        this.skipToNextHeader();
        continue;
      }
      this.push(this.pending.subarray(0, headerEnd + HEADER_END.length));
      this.pending = this.pending.subarray(headerEnd + HEADER_END.length);
      this.bodyLeft = length;
    }
  }

  /** Drops the malformed start of the buffer, up to the next `Content-Length:` (or keeps a tail that may be one). */
  private skipToNextHeader(): void {
    const next = this.pending.indexOf(CONTENT_LENGTH, 1, 'latin1');
    this.pending = this.pending.subarray(next !== -1 ? next : Math.max(1, this.pending.length - CONTENT_LENGTH.length + 1));
  }
}

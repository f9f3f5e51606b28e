// Line and column positions of offsets, exactly as vscode-languageserver-textdocument's `positionAt` gives them,
// with the line starts found by `indexOf` (a document without carriage returns, nearly every one, is not walked
// character by character).
import type { Position } from './types';

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 13 || code === 10) {
          if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.starts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] > at) high = middle;
      else low = middle + 1;
    }
    const line = low - 1;
    // Inside a line break (between \r and \n) the position is the end of the line, as the library has it.
    let end = at;
    while (end > starts[line] && (this.text.charCodeAt(end - 1) === 13 || this.text.charCodeAt(end - 1) === 10)) end--;
    return { line, character: end - starts[line] };
  }
}

// Reads a .vsix (a zip file) without a dependency: the names and sizes in its central directory, and an entry's
// bytes. For the package test and the benchmark; it handles what vsce writes (stored or deflated, no zip64).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface VsixEntry {
  /** The path inside the zip, e.g. `extension/client/out/extension.js`. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** The entry's uncompressed bytes. */
  read(): Buffer;
}

export function readVsix(file: string): VsixEntry[] {
  const zip = readFileSync(file);
  // The end-of-central-directory record is in the last 64 KB + 22 bytes.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 65_557); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: VsixEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${index}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      size,
      read() {
        const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
        const data = zip.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: compression method ${method}`);
      },
    });
  }
  return entries;
}

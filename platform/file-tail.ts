import { open } from 'node:fs/promises';

/**
 * The complete lines at the end of a text file, at most `bytes` of it: for
 * append-only logs (checkpoints, witness receipts) whose latest lines are
 * wanted without reading years of them. A line cut by the start of the tail
 * is left out, and so is a last line without its newline (one being
 * appended). Null when the file does not exist.
 */
export async function readTailLines(file: string, bytes: number): Promise<string[] | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    lines.pop(); // after the last newline: empty, or a line still being appended
    if (start > 0) lines.shift(); // cut by the start of the tail
    return lines;
  } finally {
    await handle.close();
  }
}

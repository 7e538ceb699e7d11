import { InputStream } from './cli-io';

/** Everything on stdin until it ends (for `--token-stdin`). */
export async function readAll(input: InputStream): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of input) chunks.push(chunk.toString());
  return chunks.join('');
}

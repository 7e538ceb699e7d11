import { CliEnvironment } from '../config/cli-environment';

/** The input side of a terminal: raw mode exists only on a TTY. */
export interface InputStream extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface OutputStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): unknown;
}

/** Everything a command touches outside itself; `main.ts` passes the process's own. */
export interface CliIo {
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: CliEnvironment;
}

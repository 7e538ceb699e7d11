import { Transform } from 'class-transformer';

const CONTROL_SEQUENCES = /\u001b\[[0-9;?]*[ -/]*[@-~]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Removes ANSI escapes and control characters (tab and line breaks stay) from a string (docs/behaviour/integrations-api.md#validation). */
export function removeControlSequences(value: string): string {
  return value.replace(CONTROL_SEQUENCES, '');
}

/** Removes ANSI escapes and control characters from a string param (docs/behaviour/integrations-api.md#validation) and trims it. */
export function CleanString(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? removeControlSequences(value).trim() : value));
}

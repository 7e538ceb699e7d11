import { randomUUID } from 'node:crypto';
import { Defaulter } from './converter';

export const DEFAULTER_NOW: Defaulter = { name: 'now', value: (now) => now, sql: 'now()' };
export const DEFAULTER_FALSE: Defaulter = { name: 'false', value: () => false, sql: 'false' };
export const DEFAULTER_UUID4: Defaulter = { name: 'uuid4', value: () => randomUUID(), sql: 'gen_random_uuid()' };

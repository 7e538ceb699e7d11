// Types for restartable.cjs, so TypeScript tests can import it.
export interface KafkaInstance {
  name: string;
  brokers: string;
  port: number;
  controllerPort: number;
  pid: number;
  clusterId: string;
  dir: string;
  logFile: string;
  reused: boolean;
}

export interface KafkaInstanceStatus {
  name: string;
  dir: string;
  logFile: string;
  brokers?: string;
  port?: number;
  controllerPort?: number;
  pid?: number;
  running: boolean;
  answering: boolean;
  clusterId?: string;
  formatted: boolean;
}

export interface RestartableKafka {
  readonly name: string;
  /** "127.0.0.1:<port>" */
  readonly brokers: string;
  start(): Promise<KafkaInstance>;
  /** SIGTERM (graceful) by default; SIGKILL simulates a crash. Data is kept either way. */
  stop(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<{ name: string; stopped: boolean }>;
  restart(): Promise<KafkaInstance>;
  status(): Promise<KafkaInstanceStatus>;
}

export function restartable(options: { name: string; port: number; controllerPort?: number; heapMb?: number }): RestartableKafka;

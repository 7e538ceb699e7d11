export * from './eventually';
export * from './net/free-port';
export * from './fakes/fake-http-server';
export * from './fakes/fake-increase.server';
export * from './fakes/increase-webhook-signer';
export * from './builders/increase-account.builder';
export * from './http/json-http';
export * from './http/control-plane-client';
export * from './db/table-probe';
export * from './services/service-process';
export * from './services/whdb-stack';
export * from './services/prometheus-metrics';
export * from './kafka/topic-watcher';
export * from './infra/private-kafka';
export * from './contract';
export * from './fuzz/hostile-json.arbitrary';
export * from './fuzz/fuzz-parameters';
// new-replicator: fakes and builders of generated replicators are exported above this line.

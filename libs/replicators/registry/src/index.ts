export { REPLICATORS, findReplicator, replicatorNames } from './replicator-registry';

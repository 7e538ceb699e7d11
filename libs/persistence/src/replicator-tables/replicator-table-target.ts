// The table reference types and their validation are pure, so they live in libs/core
// (libs/core/src/sql/replicator-table-ddl.ts); re-exported here for the code that runs the DDL.
export { validateTableRef } from '@whdb/core';
export type { ReplicatorTableRef, ReplicatorTableSpec } from '@whdb/core';

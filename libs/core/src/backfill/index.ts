export * from './page-retry-policy';
export * from './backfill-preconditions';
export * from './run-backfill';
export * from './backfill-job';
export * from './backfill-job-tree';

import { prepareRow } from '@whdb/core';
import { buildIncreaseAccount, buildIncreaseAccountEvent } from '@whdb/testing';
import { increaseAccountV1Replicator } from './increase-account-v1.replicator';

const now = new Date('2024-01-01T00:00:00Z');

describe('increase_account_v1 columns', () => {
  it('denormalizes a bare account, using its created_at as updated_at', () => {
    const account = buildIncreaseAccount({ balance: 250, created_at: '2020-01-31T23:59:59Z' });
    const row = prepareRow(increaseAccountV1Replicator, { resource: account, event: null }, now);
    expect(row.remoteKey).toBe(account['id']);
    expect(row.values).toMatchObject({
      increase_id: account['id'],
      balance: 250,
      created_at: '2020-01-31T23:59:59.000Z',
      entity_id: account['entity_id'],
      interest_accrued: '0.01',
      name: account['name'],
      status: 'open',
      updated_at: '2020-01-31T23:59:59.000Z',
    });
    expect(row.data).toEqual(account);
  });

  it("takes updated_at from a wrapping event's created_at and stores the bare account in data", () => {
    const account = buildIncreaseAccount();
    const event = buildIncreaseAccountEvent(account, '2023-06-01T12:00:00Z');
    const row = prepareRow(increaseAccountV1Replicator, { resource: account, event }, now);
    expect(row.values['updated_at']).toBe('2023-06-01T12:00:00.000Z');
    expect(row.data).toEqual(account);
  });

  it('accepts a minimal body, defaulting timestamps to now', () => {
    const row = prepareRow(increaseAccountV1Replicator, { resource: { id: 'account_min' }, event: null }, now);
    expect(row.values).toMatchObject({ increase_id: 'account_min', balance: null, created_at: now.toISOString(), updated_at: now.toISOString() });
  });

  it('declares the documented column list (docs/replicators/increase_account_v1.md#columns) in order with the newer-wins guard', () => {
    const { schema } = increaseAccountV1Replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual([
      'increase_id', 'balance', 'created_at', 'entity_id', 'interest_accrued', 'name', 'status', 'updated_at',
    ]);
    expect(schema.columns.filter((c) => c.index).map((c) => c.name)).toEqual(['balance', 'created_at', 'entity_id', 'updated_at']);
    expect(schema.updateWhere.sql).toBe('(existing."updated_at" < excluded."updated_at" OR (existing."updated_at" = excluded."updated_at" AND existing."data" IS DISTINCT FROM excluded."data"))');
  });
});

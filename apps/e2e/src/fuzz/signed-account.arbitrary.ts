import fc from 'fast-check';
import { JsonObject, JsonValue } from '@whdb/core';
import { bankSignatureHeader, buildIncreaseAccount, buildIncreaseAccountEvent, hostileJsonValue, hostileString, increaseSignatureHeader } from '@whdb/testing';

/** The fields `increase_account_v1` reads (docs/replicators/increase_account_v1.md#columns), besides the id. */
const ACCOUNT_FIELDS = ['balance', 'created_at', 'entity_id', 'interest_accrued', 'name', 'status'] as const;

/** A signed delivery of an account (or of something that is not one), and what it carries. */
export interface SignedDelivery {
  readonly rawBody: string;
  readonly headers: Record<string, string>;
  /** The resource's `id` as sent. */
  readonly id: JsonValue | undefined;
}

let sequence = 0;

/** Ids: a plain account id, an account id with hostile text around it, or ids that are not accounts. */
function accountId(): fc.Arbitrary<JsonValue> {
  const unique = () => `account_fuzz_${process.pid}_${(sequence += 1)}_${Math.random().toString(36).slice(2, 8)}`;
  return fc.oneof(
    { arbitrary: fc.constant(null).map(() => unique()), weight: 6 },
    { arbitrary: fc.tuple(hostileString(30, 3_000), hostileString(30, 3_000)).map(([before, after]) => `${before}${unique()}${after}`), weight: 3 },
    { arbitrary: fc.constantFrom('transfer_1', 'ach_transfer_2', ''), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant<JsonValue>(['account_in_array']), fc.constant<JsonValue>({ account: 1 })), weight: 1 },
  );
}

/** Content types a sender may claim for a JSON body, honestly or not. */
const CONTENT_TYPES = ['application/json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=junk', 'text/plain', ''];

function sign(rawBody: string, contentType: string, scheme: string, secret: string): Record<string, string> {
  const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
  if (scheme === 'increase') headers['increase-webhook-signature'] = increaseSignatureHeader(rawBody, secret);
  else headers['x-bank-webhook-signature'] = bankSignatureHeader(rawBody, secret);
  return headers;
}

/** A correctly signed body that is not a JSON object: malformed JSON, hostile text, a JSON scalar or array. */
export function signedGarbageDelivery(secret: string): fc.Arbitrary<SignedDelivery> {
  const body = fc.oneof(hostileString(200, 5_000), fc.constantFrom('{"id": "account_x", ', '{"id": "€', '[]', '"account"', 'null', '{"id": "account_\u0000'), hostileJsonValue().map((v) => JSON.stringify(v)));
  return fc
    .record({ rawBody: body, contentType: fc.constantFrom(...CONTENT_TYPES), scheme: fc.constantFrom('increase', 'bank') })
    .map(({ rawBody, contentType, scheme }) => ({ rawBody, headers: sign(rawBody, contentType, scheme, secret), id: undefined }));
}

/**
 * A correctly signed delivery to an `increase_account_v1` integration whose account carries
 * hostile values: NUL and control characters, huge strings, odd unicode, out-of-range numbers,
 * wrong types, deep nesting inside the account. Bare or wrapped in an event, signed with either
 * scheme the replicator accepts.
 */
export function signedAccountDelivery(secret: string): fc.Arbitrary<SignedDelivery> {
  const fields = fc.dictionary(fc.constantFrom(...ACCOUNT_FIELDS), hostileJsonValue(), { maxKeys: 3 });
  const extra = fc.dictionary(hostileString(16, 100), hostileJsonValue(), { maxKeys: 2 });
  return fc
    .record({
      id: accountId(),
      fields,
      extra,
      wrapped: fc.boolean(),
      eventCreatedAt: fc.oneof(fc.constant('2024-02-01T00:00:00Z'), hostileJsonValue()),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      scheme: fc.constantFrom('increase', 'bank'),
    })
    .map(({ id, fields, extra, wrapped, eventCreatedAt, contentType, scheme }) => {
      const account: JsonObject = { ...extra, ...buildIncreaseAccount(), ...(fields as JsonObject), id };
      const body: JsonObject = wrapped ? { ...buildIncreaseAccountEvent(account, '2024-02-01T00:00:00Z'), created_at: eventCreatedAt } : account;
      const rawBody = JSON.stringify(body);
      return { rawBody, headers: sign(rawBody, contentType, scheme, secret), id };
    });
}

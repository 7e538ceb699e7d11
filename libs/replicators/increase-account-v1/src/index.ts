export { increaseAccountV1Replicator } from './increase-account-v1.replicator';
export { increaseAccountV1Descriptor, INCREASE_DEFAULT_API_URL, INCREASE_SANDBOX_API_URL } from './descriptor';
export { increaseAccountV1Schema } from './schema';
export { signIncreaseWebhook } from './increase-webhook-signature';
export { signBankWebhook } from './bank-webhook-signature';
export { INCREASE_SIGNATURE_HEADER, BANK_SIGNATURE_HEADER } from './webhook';

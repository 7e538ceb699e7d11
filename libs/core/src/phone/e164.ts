import { parsePhoneNumberFromString } from 'libphonenumber-js';

const ALREADY_NANP_E164 = /^\+1\d{10}$/;

/**
 * E.164 formatting (docs/behaviour/replicator-framework.md#phone-numbers). Reproduces WebhookDB's
 * US rules exactly: blank gives null; `+1` plus 10 digits is kept; otherwise digits only, 10 give
 * `+1<digits>`, 11 give `+<digits>`. Where those rules give nothing, libphonenumber-js may still
 * recognise a valid international number written with a leading `+` (e.g. `+44 20 7946 0958`).
 */
export function formatE164(input: string | null | undefined): string | null {
  if (input === null || input === undefined || input.trim() === '') return null;
  const text = input.trim();
  if (ALREADY_NANP_E164.test(text)) return text;
  const digits = text.replace(/\D/g, '');
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11) return `+${digits}`;
  if (!text.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(text);
  return parsed && parsed.isValid() ? parsed.number : null;
}

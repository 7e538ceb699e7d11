/**
 * `SIGNALWIRE_SMS_ALLOWLIST` (SPEC 15.5 "Sending an SMS", section 0.4; docs/behaviour/outbound-sender.md#allowlist):
 * space-separated globs a recipient's E.164 number must match before any SMS is sent. WebhookDB
 * matches with Ruby's `File.fnmatch`: `*` any run of characters, `?` one character, `[...]` one of
 * a set (`[!...]` or `[^...]` none of it); anything else literally. An empty list allows nothing.
 */
export class SmsAllowlist {
  private readonly patterns: readonly RegExp[];

  constructor(readonly globs: readonly string[]) {
    this.patterns = globs.filter((glob) => glob.trim() !== '').map(globToRegExp);
  }

  /** Whether `phone` (E.164) may be texted. */
  allows(phone: string): boolean {
    return this.patterns.some((pattern) => pattern.test(phone));
  }
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      let set = glob.slice(i + 1, end);
      const negated = set.startsWith('!') || set.startsWith('^');
      if (negated) set = set.slice(1);
      source += `[${negated ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

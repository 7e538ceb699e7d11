import { randomBytes } from 'node:crypto';
import { FakeFrontChannel } from '../fakes/fake-front-channel.server';
import { FakeSignalwire } from '../fakes/fake-signalwire.server';

/** Fake SignalWire and Front for a channel demo or benchmark, with the environment that points every service at them. */
export interface ChannelFakes {
  readonly signalwire: FakeSignalwire;
  readonly front: FakeFrontChannel;
  /** `SIGNALWIRE_URL_TEMPLATE`, `FRONT_API_URL`, the Front channel app id and secret, `SIGNALWIRE_SMS_ALLOWLIST`. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Starts both fakes on free ports (docs/behaviour/channel.md; the fakes speak PROVIDERS.md). The
 * channel app secret is the one Front signs deliveries with and the sender signs JWTs with, so
 * the ingress, the outbound sender and the fake Front all get the same one.
 */
export async function startChannelFakes(options: { allowlist: string; space?: string }): Promise<ChannelFakes> {
  const appId = 'app_whdb_demo';
  const appSecret = `chsec_${randomBytes(12).toString('hex')}`;
  const signalwire = await new FakeSignalwire({ space: options.space ?? 'demo' }).start();
  const front = await new FakeFrontChannel({ appId, appSecret }).start();
  return {
    signalwire,
    front,
    env: {
      SIGNALWIRE_URL_TEMPLATE: signalwire.urlTemplate,
      FRONT_API_URL: front.url,
      FRONT_SIGNALWIRE_CHANNEL_APP_ID: appId,
      FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: appSecret,
      SIGNALWIRE_SMS_ALLOWLIST: options.allowlist,
    },
    stop: async () => {
      await Promise.all([signalwire.stop(), front.stop()]);
    },
  };
}

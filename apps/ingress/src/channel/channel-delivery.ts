import { Delivery } from '../webhooks/delivery';

/** Which of the channel's paths a delivery came to (docs/behaviour/channel.md#endpoint). */
export type ChannelPath =
  | { readonly kind: 'channel' }
  | { readonly kind: 'authorization' }
  /** The seed's alias: the opaque id in the path must be the integration the API key resolves to. */
  | { readonly kind: 'message'; readonly opaqueId: string };

export interface ChannelDelivery {
  readonly path: ChannelPath;
  readonly delivery: Delivery;
}

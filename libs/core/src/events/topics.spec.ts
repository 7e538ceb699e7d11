import { AppError } from '../errors/app-error';
import { assertTopicName, ConsumerGroups, Topics } from './topics';

describe('Topics', () => {
  it('names the contract topics', () => {
    expect(Topics.inbound('increase_account_v1')).toBe('whdb.inbound.increase_account_v1');
    expect(Topics.rows('signalwire_message_v1')).toBe('whdb.rows.signalwire_message_v1');
    expect(Topics.commandsOutbound).toBe('whdb.commands.outbound');
    expect(Topics.backfillRequests).toBe('whdb.backfill.requests');
    expect(Topics.webhooksRejected).toBe('whdb.webhooks.rejected');
    expect(Topics.dlq('whdb.inbound.front_message_v1')).toBe('whdb.inbound.front_message_v1.dlq');
    expect(Topics.isDlq('whdb.commands.outbound.dlq')).toBe(true);
    expect(Topics.isDlq('whdb.commands.outbound')).toBe(false);
  });

  it.each(['', 'Increase', 'increase-account', 'increase__account', '_x', 'x_', '1abc', 'a.b', 'a b'])(
    'rejects the service name %j',
    (name) => {
      expect(() => Topics.inbound(name)).toThrow(AppError);
      expect(() => ConsumerGroups.projector(name)).toThrow(expect.objectContaining({ code: 'invalid_service', retriable: false }));
    },
  );

  it('rejects service names that would make topic names too long', () => {
    expect(() => Topics.rows('x'.repeat(201))).toThrow(expect.objectContaining({ code: 'invalid_service' }));
    expect(Topics.rows('x'.repeat(200))).toHaveLength(210);
  });

  it('rejects topic names Kafka would refuse', () => {
    expect(() => assertTopicName('a/b')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => Topics.dlq('..')).toThrow(AppError);
    expect(() => assertTopicName('x'.repeat(250))).toThrow(AppError);
  });
});

describe('ConsumerGroups', () => {
  it('names the contract groups', () => {
    expect(ConsumerGroups.projector('front_signalwire_message_channel_app_v1')).toBe('whdb.projector.front_signalwire_message_channel_app_v1');
    expect(ConsumerGroups.reconciler).toBe('whdb.reconciler');
    expect(ConsumerGroups.outboundSender).toBe('whdb.outbound-sender');
    expect(ConsumerGroups.backfiller).toBe('whdb.backfiller');
  });
});

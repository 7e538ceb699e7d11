import { parseBrokers } from './kafka-settings';

describe('parseBrokers', () => {
  it('splits and trims a comma-separated list', () => {
    expect(parseBrokers('127.0.0.1:9092')).toEqual(['127.0.0.1:9092']);
    expect(parseBrokers(' kafka-0.kafka:9092, kafka-1.kafka:9092 ,')).toEqual(['kafka-0.kafka:9092', 'kafka-1.kafka:9092']);
    expect(parseBrokers('[::1]:9092')).toEqual(['[::1]:9092']);
  });

  it.each(['', ' , ', 'localhost', 'localhost:', 'localhost:0', 'localhost:70000', 'http://h:9092', 'h:9092:1'])('rejects %j', (value) => {
    expect(() => parseBrokers(value)).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});

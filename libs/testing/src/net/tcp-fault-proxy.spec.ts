import { connect, createServer, Server, Socket } from 'node:net';
import { TcpFaultProxy } from './tcp-fault-proxy';

/** An echo server on a free port. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)).on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `text` and resolves with what comes back within `ms` ('' if nothing). */
function roundTrip(socket: Socket, text: string, ms = 300): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const onData = (chunk: Buffer) => (received += chunk.toString());
    socket.on('data', onData);
    socket.write(text);
    setTimeout(() => {
      socket.off('data', onData);
      resolve(received);
    }, ms);
  });
}

describe('TcpFaultProxy', () => {
  let echo: { server: Server; port: number };
  let proxy: TcpFaultProxy;

  beforeEach(async () => {
    echo = await echoServer();
    proxy = await new TcpFaultProxy('127.0.0.1', echo.port).start();
  });

  afterEach(async () => {
    await proxy.stop();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it('forwards bytes both ways while open', async () => {
    const socket = await open(proxy.port);
    expect(await roundTrip(socket, 'ping')).toBe('ping');
    socket.destroy();
  });

  it('moves no byte while paused, and delivers them once restored', async () => {
    const socket = await open(proxy.port);
    expect(await roundTrip(socket, 'a')).toBe('a');
    proxy.pause();
    const during = roundTrip(socket, 'held', 1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.restore();
    expect(await during).toBe('held');
    socket.destroy();
  });

  it('holds a new connection while paused and forwards it once restored', async () => {
    proxy.pause();
    const socket = await open(proxy.port);
    expect(await roundTrip(socket, 'x', 300)).toBe('');
    proxy.restore();
    expect(await roundTrip(socket, 'y', 300)).toBe('xy');
    socket.destroy();
  });

  it('resets open connections and refuses new ones while cut', async () => {
    const socket = await open(proxy.port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    proxy.cut();
    await closed;
    const refused = await open(proxy.port).then(
      (s) => new Promise<string>((resolve) => s.once('close', () => resolve('closed')).on('error', () => undefined)),
      () => 'refused',
    );
    expect(['closed', 'refused']).toContain(refused);
    proxy.restore();
    const again = await open(proxy.port);
    expect(await roundTrip(again, 'back')).toBe('back');
    again.destroy();
  });
});

// The noisy tenant of noisy-tenant.int-spec.ts, in its own process so that its load never shares an
// event loop with the quiet tenant's measured requests. Forked with IPC: `{type:'start', url,
// requests:[{headers, body}], concurrency}` starts C keep-alive loops that replay the (pre-signed)
// requests as fast as answers come back; `{type:'stop'}` ends them and replies `{type:'done', statuses}`.
import http from 'node:http';

let running = false;
const statuses = {};

async function loop(agent, url, requests, offset) {
  for (let i = offset; running; i++) {
    const { headers, body } = requests[i % requests.length];
    const status = await new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      });
      req.on('error', () => resolve('error'));
      req.end(body);
    });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

let loops = [];
process.on('message', (message) => {
  if (message.type === 'start') {
    running = true;
    const agent = new http.Agent({ keepAlive: true, maxSockets: message.concurrency });
    loops = Array.from({ length: message.concurrency }, (_, i) => loop(agent, message.url, message.requests, i * 7));
    process.send({ type: 'started' });
  } else if (message.type === 'stop') {
    running = false;
    Promise.all(loops).then(() => process.send({ type: 'done', statuses }, () => process.exit(0)));
  }
});

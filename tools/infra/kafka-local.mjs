// Local Apache Kafka (KRaft, single node) as a detached JVM process, one state dir per named instance
// under <cache>/run/<name>/. Idempotent: starting a running instance reuses it; starting a stopped one
// restarts it on its existing data (same cluster id).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, instanceDir } from './cache-dir.mjs';
import { withFileLock } from './file-lock.mjs';
import { KAFKA_USES_LOG4J1, kafkaClasspath, KAFKA_VERSION } from './kafka-classpath.mjs';
import { log4jProperties, serverProperties } from './kafka-config.mjs';
import { kafkaAnswers, waitForKafka, warmUpKafka } from './kafka-probe.mjs';
import { canConnect, commandLineOf, pidAlive, pollUntil, say, tailFile } from './process-util.mjs';

const MAX_LOG_BYTES = 10 * 1024 * 1024;

/** The JVM flag that points the broker's logging at our configuration file. */
function loggingFlag(f) {
  return KAFKA_USES_LOG4J1 ? `-Dlog4j.configuration=file:${f.log4j}` : `-Dlog4j2.configurationFile=${f.log4j}`;
}

export function javaCommand() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function files(name) {
  const dir = instanceDir(name);
  return {
    dir,
    dataDir: path.join(dir, 'data'),
    serverProperties: path.join(dir, 'server.properties'),
    log4j: path.join(dir, KAFKA_USES_LOG4J1 ? 'log4j.properties' : 'log4j2.properties'),
    pidFile: path.join(dir, 'kafka.pid'),
    logFile: path.join(dir, 'broker.log'),
    instanceJson: path.join(dir, 'instance.json'),
    lock: path.join(dir, 'instance.lock'),
  };
}

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);

function readPid(f) {
  const pid = fs.existsSync(f.pidFile) ? Number.parseInt(fs.readFileSync(f.pidFile, 'utf8'), 10) : NaN;
  return Number.isInteger(pid) ? pid : undefined;
}

/** The pid of this instance's JVM if it is alive (and really is our broker, not a recycled pid). */
function runningPid(f) {
  const pid = readPid(f);
  if (!pid || !pidAlive(pid)) return undefined;
  const cmdline = commandLineOf(pid);
  if (cmdline === undefined) return pid;
  return cmdline.includes('kafka.Kafka') && cmdline.includes(f.serverProperties) ? pid : undefined;
}

function clusterIdOf(f) {
  const meta = path.join(f.dataDir, 'meta.properties');
  if (fs.existsSync(meta)) {
    const match = /^cluster\.id=(.+)$/m.exec(fs.readFileSync(meta, 'utf8'));
    if (match) return { clusterId: match[1].trim(), formatted: true };
  }
  return { clusterId: readJson(f.instanceJson)?.clusterId, formatted: false };
}

function newClusterId() {
  // Kafka's Uuid: 16 random bytes, base64url without padding; never starting with '-'.
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorage(f, classpath, clusterId) {
  const args = ['-Xmx256m', loggingFlag(f), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', f.serverProperties, '--ignore-formatted'];
  const result = spawnSync(javaCommand(), args, { cwd: f.dir, encoding: 'utf8', env: { ...process.env, CLASSPATH: classpath } });
  if (result.error || result.status !== 0) {
    const detail = result.error?.message ?? `${result.stdout}\n${result.stderr}`.trim();
    throw new Error(`formatting KRaft storage in ${f.dataDir} failed: ${detail}`);
  }
}

function rotateLog(f) {
  if (fs.existsSync(f.logFile) && fs.statSync(f.logFile).size > MAX_LOG_BYTES) fs.renameSync(f.logFile, `${f.logFile}.1`);
}

function spawnBroker(f, classpath, heapMb) {
  rotateLog(f);
  const out = fs.openSync(f.logFile, 'a');
  fs.writeSync(out, `\n===== ${new Date().toISOString()} starting Kafka ${KAFKA_VERSION} (tools/infra/kafka-local.mjs) =====\n`);
  const args = [`-Xmx${heapMb}m`, `-Xms${heapMb}m`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true', loggingFlag(f), `-Dkafka.logs.dir=${f.dir}`, 'kafka.Kafka', f.serverProperties];
  // The classpath travels in CLASSPATH so that `ps` stays readable; detached = own session, so the
  // broker outlives this process and a Ctrl-C in the terminal that started it.
  const child = spawn(javaCommand(), args, { cwd: f.dir, detached: true, stdio: ['ignore', out, out], env: { ...process.env, CLASSPATH: classpath } });
  fs.closeSync(out);
  const state = {};
  child.once('error', (error) => (state.exit = `could not run ${javaCommand()}: ${error.message}`));
  child.once('exit', (code, signal) => (state.exit = `the JVM exited (${signal ?? `code ${code}`})`));
  child.unref();
  if (!child.pid) throw new Error(`could not run ${javaCommand()} (set JAVA_HOME or put java 17+ on PATH)`);
  return { pid: child.pid, state };
}

async function warmUp(brokers) {
  try {
    await warmUpKafka(brokers);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `the broker answers but its group/producer-id coordinators did not load (${error.message})` };
  }
}

function failure(name, f, reason) {
  return new Error(`Kafka instance '${name}' did not come up: ${reason}.\n--- last lines of ${f.logFile} ---\n${tailFile(f.logFile, 40)}\n---`);
}

/**
 * Starts (or reuses, or restarts on its existing data) the named instance and waits until it answers.
 * Returns {name, brokers, port, controllerPort, pid, clusterId, dir, logFile, reused}.
 */
export async function startKafka({ name = 'dev', port = 9092, controllerPort = port + 1, heapMb = 512, timeoutMs = 150_000 } = {}) {
  const f = files(name);
  const brokers = `127.0.0.1:${port}`;
  const label = `kafka[${name}]`;
  fs.mkdirSync(f.dataDir, { recursive: true });
  return withFileLock(f.lock, async () => {
    const started = Date.now();
    const result = (pid, clusterId, reused) => ({ name, brokers, port, controllerPort, pid, clusterId, dir: f.dir, logFile: f.logFile, reused });
    const previous = readJson(f.instanceJson) ?? {};
    let alive = runningPid(f);
    if (alive && previous.kafkaVersion && previous.kafkaVersion !== KAFKA_VERSION) {
      say(`${label}: running Kafka ${previous.kafkaVersion}, this checkout runs ${KAFKA_VERSION}: restarting it`);
      await terminate(alive, f, 30_000);
      alive = undefined;
    }
    if (alive) {
      const meta = previous;
      if (meta.port !== undefined && meta.port !== port) {
        throw new Error(`${label} is already running on 127.0.0.1:${meta.port} (pid ${alive}), not ${port}; stop it first (node tools/infra/cli.mjs stop)`);
      }
      if (!(await kafkaAnswers(brokers))) {
        say(`${label}: pid ${alive} is running but not answering yet; waiting for it`);
        const waited = await waitForKafka(brokers, { timeoutMs, label, giveUp: () => (runningPid(f) ? undefined : 'the JVM exited') });
        const warm = waited.ok ? await warmUp(brokers) : waited;
        if (!warm.ok) throw failure(name, f, warm.reason);
      }
      say(`${label}: already running at ${brokers} (pid ${alive}), reusing it`);
      return result(alive, clusterIdOf(f).clusterId, true);
    }
    if (readPid(f)) fs.rmSync(f.pidFile, { force: true }); // stale: the process is gone
    for (const p of [port, controllerPort]) {
      if (await canConnect('127.0.0.1', p, 500)) {
        throw new Error(`${label}: port 127.0.0.1:${p} is already taken by another process (not instance '${name}' of ${cacheDir()}); free it or choose other ports`);
      }
    }
    const { classpath } = await kafkaClasspath();
    fs.writeFileSync(f.log4j, log4jProperties({ log4j1: KAFKA_USES_LOG4J1 }));
    fs.writeFileSync(f.serverProperties, serverProperties({ port, controllerPort, dataDir: f.dataDir }));
    if (isDowngrade(previous.kafkaVersion, KAFKA_VERSION)) {
      // KRaft metadata cannot go back a major version: start this local instance afresh.
      say(`${label}: its data was written by Kafka ${previous.kafkaVersion}; Kafka ${KAFKA_VERSION} cannot read it, so it starts empty`);
      fs.rmSync(f.dataDir, { recursive: true, force: true });
      fs.mkdirSync(f.dataDir, { recursive: true });
    }
    let { clusterId, formatted } = clusterIdOf(f);
    if (!formatted) {
      clusterId ??= newClusterId();
      say(`${label}: formatting KRaft storage in ${f.dataDir} (cluster id ${clusterId})`);
      formatStorage(f, classpath, clusterId);
    }
    const { pid, state } = spawnBroker(f, classpath, heapMb);
    fs.writeFileSync(f.pidFile, String(pid));
    fs.writeFileSync(f.instanceJson, `${JSON.stringify({ port, controllerPort, heapMb, clusterId, kafkaVersion: KAFKA_VERSION }, null, 2)}\n`);
    say(`${label}: ${formatted ? 'restarting on existing data' : 'starting'} (pid ${pid}, ${heapMb} MiB heap), broker ${brokers}, controller 127.0.0.1:${controllerPort}, log ${f.logFile}`);
    const waited = await waitForKafka(brokers, { timeoutMs, label, giveUp: () => state.exit });
    const warm = waited.ok ? await warmUp(brokers) : waited;
    if (!warm.ok) {
      const error = failure(name, f, warm.reason); // read the log before the shutdown noise lands in it
      await terminate(pid, f, 10_000);
      throw error;
    }
    say(`${label}: ready at ${brokers} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return result(pid, clusterId, false);
  }, { what: `starting Kafka instance '${name}'` });
}

/** True when `to` is an older major.minor than `from` (KRaft metadata only moves forward). */
function isDowngrade(from, to) {
  if (!from) return false;
  const [a, b] = [from, to].map((v) => v.split('.').map(Number));
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

async function terminate(pid, f, timeoutMs, signal = 'SIGTERM') {
  const gone = () => !runningPid(f);
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
  if (!(await pollUntil(gone, { timeoutMs, intervalMs: 200 }))) {
    say(`pid ${pid} did not exit within ${timeoutMs / 1000}s; sending SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await pollUntil(gone, { timeoutMs: 10_000, intervalMs: 100 });
  }
  fs.rmSync(f.pidFile, { force: true });
}

/** Stops the named instance (SIGTERM, then SIGKILL after timeoutMs; signal 'SIGKILL' simulates a crash). Keeps its data. */
export async function stopKafka({ name = 'dev', timeoutMs = 30_000, signal = 'SIGTERM' } = {}) {
  const f = files(name);
  const label = `kafka[${name}]`;
  if (!fs.existsSync(f.dir)) {
    say(`${label}: not running (no state in ${f.dir})`);
    return { name, stopped: false };
  }
  return withFileLock(f.lock, async () => {
    const pid = runningPid(f);
    if (!pid) {
      const stale = readPid(f);
      fs.rmSync(f.pidFile, { force: true });
      say(`${label}: not running${stale ? ` (removed stale pid file for pid ${stale})` : ''}`);
      return { name, stopped: false };
    }
    const started = Date.now();
    say(`${label}: stopping pid ${pid} (${signal})...`);
    await terminate(pid, f, timeoutMs, signal);
    say(`${label}: stopped in ${((Date.now() - started) / 1000).toFixed(1)}s (data kept in ${f.dataDir})`);
    return { name, stopped: true };
  }, { what: `stopping Kafka instance '${name}'` });
}

/** Where the named instance is and whether it runs and answers; never starts or stops anything. */
export async function kafkaStatus({ name = 'dev' } = {}) {
  const f = files(name);
  const meta = readJson(f.instanceJson) ?? {};
  const pid = runningPid(f);
  const brokers = meta.port ? `127.0.0.1:${meta.port}` : undefined;
  const answering = Boolean(pid && brokers && (await kafkaAnswers(brokers)));
  const { clusterId, formatted } = clusterIdOf(f);
  return { name, dir: f.dir, logFile: f.logFile, brokers, port: meta.port, controllerPort: meta.controllerPort, pid, running: Boolean(pid), answering, clusterId, formatted };
}

/**
 * A handle on one instance for tests that take Kafka down and bring it back ("outage" tests). Use a
 * dedicated name and ports, not the shared `test` instance: other suites run against that one.
 *   const kafka = restartable({ name: 'outage', port: 19192 });
 *   await kafka.start(); await kafka.stop(); await kafka.start(); // same data, same cluster id
 */
export function restartable(options) {
  const { name = 'dev', port = 9092 } = options;
  return {
    name,
    brokers: `127.0.0.1:${port}`,
    start: () => startKafka(options),
    stop: (stopOptions = {}) => stopKafka({ name, ...stopOptions }),
    restart: async () => {
      await stopKafka({ name });
      return startKafka(options);
    },
    status: () => kafkaStatus({ name }),
  };
}

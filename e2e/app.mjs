// Starts and stops the packaged application for the browser tests: a free port, a temporary
// H2 file database and simulator state file, a fast job executor, the local defaults otherwise
// (embedded ServiceNow simulator, demo users alice/bob/carol/admin with password "demo").
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const JAR = join(ROOT, 'target', 'servicenow-service-accounts-0.1.0-SNAPSHOT.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts the jar and resolves once /actuator/health/readiness says UP.
 * @returns {{ baseUrl: string, logFile: string, outbox: string, stop: () => Promise<void> }}
 */
export async function startApp({ name = 'app', readyTimeoutMs = 240_000 } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} not found: build it first (mvn -B -DskipTests package)`);
  }
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'e2e-app-'));
  mkdirSync(join(ROOT, 'target'), { recursive: true });
  const logFile = join(ROOT, 'target', `e2e-${name}.log`);
  const log = createWriteStream(logFile);
  const args = [
    '-jar', JAR,
    `--server.port=${port}`,
    `--spring.datasource.url=jdbc:h2:file:${join(work, 'db')};DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256`,
    `--servicenow-simulator.state-file=${join(work, 'sim.json')}`,
    '--servicenow.password=integration',
    // Mails land here as .eml files (the local default's outbox), where the journeys read them.
    `--serviceaccounts.mail.outbox=${join(work, 'outbox')}`,
    '--camunda.bpm.job-execution.wait-time-in-millis=200',
    '--camunda.bpm.job-execution.max-wait=1000',
  ];
  const child = spawn('java', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));

  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exitPromise;
      clearTimeout(timer);
    }
    log.end();
    rmSync(work, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`the application exited (${JSON.stringify(exited)}) before it was ready; `
        + `last lines of ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/actuator/health/readiness`);
      const body = await res.text();
      if (res.ok && /"status"\s*:\s*"UP"/.test(body)) {
        return { baseUrl, logFile, outbox: join(work, 'outbox'), stop };
      }
      last = `HTTP ${res.status} ${body.slice(0, 200)}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(`the application on ${baseUrl} was not ready within ${readyTimeoutMs / 1000} s `
    + `(last readiness answer: ${last}); last lines of ${logFile}:\n${tail(logFile)}`);
}

// Starts and stops the packaged application for the browser tests: a free port, a temporary
// H2 file database and simulator state file, a fast job executor, the local defaults otherwise
// (embedded ServiceNow simulator, demo users alice/bob/carol/admin with password "demo").
// For single sign-on it also starts the tests' OpenID provider (Spring Authorization Server, a
// test dependency) from the test class path that the build writes to target/test-classpath.txt,
// and the application in oidc mode against it.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const JAR = join(ROOT, 'target', 'servicenow-service-accounts-0.1.0-SNAPSHOT.jar');

export const TEST_CLASSPATH = join(ROOT, 'target', 'test-classpath.txt');

export function freePort() {
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
export async function startApp({ name = 'app', readyTimeoutMs = 240_000, port: given, args: extra = [] } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} not found: build it first (mvn -B -DskipTests package)`);
  }
  const port = given ?? await freePort();
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
    ...extra,
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

/**
 * Starts the tests' OpenID provider (io.github.serviceaccounts.security.SignInDemo --provider-only)
 * on 127.0.0.1 and a free port, for an application that will listen on localhost:appPort; resolves
 * once its discovery document answers. People: alice, bob, carol, admin, password "demo".
 * @returns {{ issuer: string, logFile: string, stop: () => Promise<void> }}
 */
export async function startProvider({ appPort, name = 'provider', readyTimeoutMs = 120_000 }) {
  if (!existsSync(TEST_CLASSPATH)) {
    throw new Error(`${TEST_CLASSPATH} not found: build with the tests compiled first (mvn -B -DskipTests package)`);
  }
  const port = await freePort();
  const classpath = [join(ROOT, 'target', 'test-classes'), join(ROOT, 'target', 'classes'),
    readFileSync(TEST_CLASSPATH, 'utf8').trim()].join(':');
  const logFile = join(ROOT, 'target', `e2e-${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn('java', ['-cp', classpath, 'io.github.serviceaccounts.security.SignInDemo', '--provider-only',
    `--provider-port=${port}`, `--app-port=${appPort}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    }
    log.end();
  };
  const issuer = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`the OpenID provider exited (${JSON.stringify(exited)}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (res.ok) return { issuer, logFile, stop };
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the OpenID provider on ${issuer} was not ready within ${readyTimeoutMs / 1000} s; `
    + `last lines of ${logFile}:\n${tail(logFile)}`);
}

/** The application's settings for signing in at the provider that startProvider started. */
export function signInSettings(issuer, admin) {
  return [
    '--serviceaccounts.identity.mode=oidc',
    '--serviceaccounts.demo-users=false',
    '--spring.security.oauth2.client.registration.idp.client-id=serviceaccounts-app',
    '--spring.security.oauth2.client.registration.idp.client-secret=test-client-secret',
    '--spring.security.oauth2.client.registration.idp.scope=openid,profile',
    `--spring.security.oauth2.client.provider.idp.issuer-uri=${issuer}`,
    '--serviceaccounts.identity.group-mapping[/org/staff]=service-account-requesters',
    '--serviceaccounts.identity.group-mapping[it-approvers]=service-account-admins',
    '--serviceaccounts.identity.group-mapping[platform-admins]=camunda-admin',
    // the break-glass administrator, whom no person at the provider is; the tests read the engine as them
    `--camunda.bpm.admin-user.id=${admin.user}`,
    `--camunda.bpm.admin-user.password=${admin.password}`,
  ];
}

#!/usr/bin/env node
// Runs the browser tests: starts the packaged application once (free port, temporary H2 file
// database and simulator state, fast job executor, local defaults otherwise), waits until it is
// ready, runs every e2e/*.test.mjs one after the other with Node's test runner, stops the
// application and exits with the tests' status.
//
// Usage (from the repository root, after mvn package and npm ci):
//   node e2e/run.mjs                      all journeys
//   node e2e/run.mjs e2e/rejection.test.mjs   some of them
// Screenshots: target/e2e-screenshots/<journey>/NN-<step>.png; application log: target/e2e-app.log.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, startApp } from './app.mjs';
import { SCREENSHOTS } from './support.mjs';

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(join(ROOT, 'e2e')).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join('e2e', f));

rmSync(SCREENSHOTS, { recursive: true, force: true });

console.log(`# e2e: starting ${relative(ROOT, join(ROOT, 'target'))}/servicenow-service-accounts-0.1.0-SNAPSHOT.jar`);
let app;
try {
  app = await startApp({ name: 'app' });
} catch (e) {
  console.error(`# e2e: ${e.message}`);
  process.exit(1);
}
console.log(`# e2e: application ready on ${app.baseUrl} after ${seconds()} (log: ${relative(ROOT, app.logFile)})`);

let stopping = null;
const stop = () => (stopping ??= app.stop());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stop();
    process.exit(130);
  });
}

const code = await new Promise((resolve) => {
  const tests = spawn(process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: app.baseUrl, E2E_APP_LOG: app.logFile, E2E_OUTBOX: app.outbox, E2E_FRESH_APP: '1' },
    });
  tests.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
});

await stop();
console.log(`# e2e: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds()}; screenshots in ${relative(ROOT, SCREENSHOTS)}/`
  + (code === 0 ? '' : `, application log in ${relative(ROOT, app.logFile)}`));
process.exit(code);

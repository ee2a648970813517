// The link to one task that mails carry (notification/TasklistLinks.task: <tasklist>/#/?task=<id>)
// opens that task in Tasklist: through the redirect of /camunda/app/tasklist/ to .../default/
// (the browser keeps the fragment), through the login when there is no session (Tasklist keeps
// the route), and in a fresh tab of a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, JOURNEY_TIMEOUT_MS, PASSWORD, accountName, journeyFixtures } from './support.mjs';

const journey = journeyFixtures('task-link');

test('the link to bob\'s approval opens it, before and after he logs in', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const engine = new Engine(journey.app.baseUrl);
  const account = accountName('svc_task_link');
  const b = journey.browser;
  const ctx = { engine, account };

  await b.step('alice requests an account', async () => {
    await b.requestAccount('alice', {
      accountUserName: account,
      displayName: 'Task link',
      purpose: 'Shows that the link in a mail opens the task in Tasklist',
    });
  }, ctx);

  const task = await engine.waitForTask(account, 'approveServiceAccount');
  assert.equal(task.assignee, 'bob');
  // As TasklistLinks builds it from the default Tasklist address
  const link = `${journey.app.baseUrl}/camunda/app/tasklist/#/?task=${encodeURIComponent(task.id)}`;

  await b.step('bob, not logged in, follows the link and logs in', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await b.openWebApp(link, 'input[placeholder="Username"]');
    assert.match(page.url(), /\/camunda\/app\/tasklist\/default\//, 'redirected to the default engine');
    await page.locator('input[placeholder="Username"]').fill('bob');
    await page.locator('input[placeholder="Password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('.task-details .fjs-form').waitFor({ state: 'visible' });
    assert.equal(await b.taskValue('accountUserName'), account, 'the linked task is open');
    assert.ok(page.url().includes(`task=${task.id}`), `the task is in the address: ${page.url()}`);
    await b.shot('task-opened-after-login');
  }, ctx);

  await b.step('bob, logged in, follows the link in a fresh tab', async () => {
    const tab = await b.context.newPage();
    try {
      await tab.goto(link);
      await tab.locator('.task-details .fjs-form').waitFor({ state: 'visible' });
      assert.equal(await tab.locator('.task-details :is(input)[id$="-accountUserName"]').inputValue(), account);
    } finally {
      await tab.close();
    }
  }, ctx);
});

// The main journey, shared by main-journey.test.mjs (Camunda's own users) and sso-journey.test.mjs
// (single sign-on at an OpenID provider); the browser's login does either.
//
// alice requests a service account in Tasklist (the start form refuses a bad name first), bob finds the approval in his task list under the account's name, sees who asks, and
// approves it. alice reads the one-time password in the local outbox, calls the simulator with it
// on the explorer page the mail links to, has the evidence read again and sees her first login on
// the validation task, then confirms that her REST calls work. The account then exists in
// ServiceNow (the embedded simulator) for web services only, owned by alice, and Cockpit shows
// the process; the engine's history says the instance completed.
import assert from 'node:assert/strict';
import { Engine, Simulator, accountName, outboxMail } from './support.mjs';

/**
 * Runs the main journey with the journey's application and browser (journeyFixtures), for the
 * account named `name`; returns the account's name as used.
 */
export async function mainJourney(journey, name) {
  const engine = new Engine(journey.app.baseUrl, journey.app.admin);
  const simulator = new Simulator(journey.app.baseUrl);
  const account = accountName(name);
  const b = journey.browser;
  const ctx = { engine, account };

  await b.step('alice opens the start form', async () => {
    await b.login('tasklist', 'alice');
    await b.openStartForm();
  });

  await b.step('the start form refuses a bad account name', async () => {
    await b.fill('.modal', { accountUserName: 'Jira Sync', displayName: 'Jira sync' });
    await b.page.locator('.modal [id$="-accountUserName-error-message"]').waitFor({ state: 'visible' });
    const message = await b.fieldError('.modal', 'accountUserName');
    assert.match(message, /must match pattern/, `validation message under "Account user name": ${message}`);
    assert.ok(await b.page.locator('.modal button:has-text("Start")').isDisabled(),
      'the Start button must stay disabled while the account name is invalid');
    await b.shot('start-form-invalid-name');
  });

  await b.step('alice submits a good request', async () => {
    await b.fill('.modal', {
      accountUserName: account,
      displayName: 'Jira sync',
      purpose: 'Jira Cloud creates incidents through the Table API',
    });
    assert.equal(await b.fieldError('.modal', 'accountUserName'), '', 'no validation message for a good name');
    await b.shot('start-form-filled');
    await b.submitStartForm();
    await b.shot('process-started');
  }, ctx);

  await b.step('bob approves in Tasklist', async () => {
    const task = await engine.waitForTask(account, 'approveServiceAccount');
    assert.equal(task.assignee, 'bob', 'alice\'s manager bob must get the approval');
    await b.login('tasklist', 'bob');
    await b.openTask(task);
    const listed = await b.page.locator(`.tasks-list a[href="#/?task=${task.id}"]`).innerText();
    assert.match(listed, new RegExp(`Approve service account: ${account} for Alice Example`),
      `bob's task list names the account and the requester: "${listed}"`);
    await b.shot('task-list-names-the-account');
    assert.equal(await b.taskValue('requesterName'), 'Alice Example');
    assert.equal(await b.taskValue('requester'), 'alice');
    assert.equal(await b.taskValue('requesterManager'), 'Bob Manager (bob)');
    assert.equal(await b.taskValue('accountUserName'), account);
    assert.equal(await b.taskValue('purpose'), 'Jira Cloud creates incidents through the Table API');
    assert.equal(await b.taskValue('requestedAccess'), 'ServiceNow Service Accounts: itil, rest_api_explorer');
    await b.page.locator('.task-details input[type=checkbox][id$="-approved"]').check();
    await b.shot('approval-form');
    await b.completeTask(engine, task);
    await b.shot('approved');
  }, ctx);

  const password = await b.step('alice reads her one-time password in the local outbox', async () => {
    const mail = await outboxMail(journey.app.outbox, account, 'your one-time password');
    const found = /One-time password:\s+(\S+)/.exec(mail);
    assert.ok(found, 'the credentials mail carries the one-time password');
    assert.ok(mail.includes(`/servicenow-simulator/$restapi.do?user=${account}`), 'the mail links to the explorer');
    return found[1];
  }, ctx);

  await b.step('alice calls the simulator as the account, on the explorer page the mail links to', async () => {
    const { page } = b;
    await page.goto(`${journey.app.baseUrl}/servicenow-simulator/$restapi.do?user=${account}`);
    assert.equal(await page.locator('#user').inputValue(), account, 'the page knows the account');
    await page.locator('#password').fill(password);
    const first = page.locator('section.call').first();
    await first.locator('button.run').click();
    await first.locator('.status').filter({ hasText: /HTTP \d+/ }).waitFor({ state: 'visible' });
    assert.equal(await first.locator('.status').innerText(), 'HTTP 200', 'the call as the account works');
    await b.shot('explorer-call');
  }, ctx);

  await b.step('alice has the evidence read again and sees her first login', async () => {
    let task = await engine.waitForTask(account, 'validateServiceAccount');
    assert.equal(task.assignee, 'alice', 'the owner alice must validate the account');
    await b.login('tasklist', 'alice');
    await b.openTask(task);
    assert.equal(await b.taskValue('accountLastLoginTime'), '', 'no login yet when the task was created');
    await b.page.getByLabel('Read the roles and last login again (after your first calls)').check();
    await b.completeTask(engine, task);
    task = await engine.waitForTask(account, 'validateServiceAccount');
    await b.openTask(task);
    const lastLogin = await b.taskValue('accountLastLoginTime');
    assert.match(lastLogin, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, `"Last login" is filled in: "${lastLogin}"`);
    await b.shot('validation-last-login');
  }, ctx);

  await b.step('alice confirms that her calls work', async () => {
    const task = await engine.waitForTask(account, 'validateServiceAccount');
    await b.openTask(task);
    assert.equal(await b.taskValue('accountUserName'), account);
    const roles = await b.taskValue('accountRoles');
    for (const role of ['itil', 'rest_api_explorer']) {
      assert.ok(roles.includes(role), `the evidence "Roles the account holds" must list ${role}: "${roles}"`);
    }
    await b.page.getByLabel('My REST calls work: remove GUI access').check();
    await b.shot('validation-form');
    await b.completeTask(engine, task);
    await b.shot('validated');
  }, ctx);

  const instance = await b.step('the process ends "Service account provisioned"', async () => {
    const ended = await engine.waitForEnd(account);
    assert.equal(ended.state, 'COMPLETED', `history state of ${account}`);
    assert.equal(ended.startUserId, 'alice');
    const done = await engine.finishedActivityIds(ended.id);
    assert.ok(done.includes('removeGuiAccess'), `"Remove GUI access" must have run: ${done.join(', ')}`);
    assert.ok(done.includes('serviceAccountProvisioned'), `end event serviceAccountProvisioned not reached: ${done.join(', ')}`);
    return ended;
  }, ctx);

  await b.step('the simulator holds the account, owned by alice, web services only', async () => {
    const user = await simulator.user(account);
    assert.ok(user, `no sys_user ${account} in the simulator`);
    const alice = await simulator.user('alice');
    assert.equal(user.web_service_access_only, 'true', 'web_service_access_only');
    assert.equal(user.active, 'true', 'active');
    assert.equal(user.manager?.value, alice.sys_id, 'manager must be alice\'s sys_id');
    assert.deepEqual(await simulator.groupNamesOf(user.sys_id), ['ServiceNow Service Accounts']);
  });

  await b.step('Cockpit (admin) shows the process definition; the instance is no longer running', async () => {
    const { page } = b;
    await b.login('cockpit', 'admin');
    await page.goto(`${journey.app.baseUrl}/camunda/app/cockpit/default/#/processes`);
    await page.locator('a:has-text("Service account request")').first().click();
    await page.waitForURL(/#\/process-definition\/serviceAccountRequest:/);
    await page.locator('.djs-container [data-element-id="serviceAccountProvisioned"]').waitFor({ state: 'visible' });
    await page.getByText('Activity Instance Statistics: loading').waitFor({ state: 'hidden' });
    const sidebar = await page.locator('body').innerText();
    assert.match(sidebar, /serviceAccountRequest/, 'the definition key is shown');
    // Cockpit CE lists running instances only: the finished one must not be among them.
    const instances = page.locator('[cam-tabs], .ctn-tabbed-content').first();
    await page.getByText('No process instances matched').or(page.locator('table tbody tr'))
      .filter({ visible: true }).first().waitFor({ state: 'visible' });
    assert.ok(!(await instances.innerText()).includes(account),
      `the finished instance ${account} must not be listed among running instances`);
    await b.shot('cockpit-definition');
  });
  return account;
}

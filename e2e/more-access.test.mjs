// More access: after approval alice finds she needs more, asks for "CMDB Read Access" from the
// validation task, bob approves the extra access, the validation task comes back with cmdb_read
// among the roles, and alice confirms. The account ends in both groups, for web services only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, JOURNEY_TIMEOUT_MS, Simulator, accountName, journeyFixtures } from './support.mjs';

const EXTRA_GROUP = 'CMDB Read Access';
const journey = journeyFixtures('more-access');

test(`alice needs more access: bob approves "${EXTRA_GROUP}", the roles then include cmdb_read`,
  { timeout: JOURNEY_TIMEOUT_MS }, async () => {
    const engine = new Engine(journey.app.baseUrl);
    const simulator = new Simulator(journey.app.baseUrl);
    const account = accountName('svc_cmdb_discovery');
    const b = journey.browser;
    const ctx = { engine, account };

    await b.step('alice requests an account', async () => {
      await b.requestAccount('alice', {
        accountUserName: account,
        displayName: 'CMDB discovery sync',
        purpose: 'The discovery tool reads and updates incidents, later the CMDB',
      });
    }, ctx);

    await b.step('bob approves the account', async () => {
      const task = await engine.waitForTask(account, 'approveServiceAccount');
      await b.login('tasklist', 'bob');
      await b.openTask(task);
      assert.equal(await b.taskValue('accountUserName'), account);
      await b.page.locator('.task-details input[type=checkbox][id$="-approved"]').check();
      await b.shot('approval-form');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('alice asks for more access', async () => {
      const task = await engine.waitForTask(account, 'validateServiceAccount');
      await b.login('tasklist', 'alice');
      await b.openTask(task);
      const roles = await b.taskValue('accountRoles');
      assert.ok(!roles.includes('cmdb_read'), `cmdb_read must not be held yet: "${roles}"`);
      await b.page.getByLabel('I need more access').check();
      const requested = b.page.locator('.task-details [id$="-requestedGroups"]');
      await requested.waitFor({ state: 'visible' });
      await requested.fill(EXTRA_GROUP);
      await b.fill('.task-details', { validationComment: 'The sync also has to read configuration items.' });
      await b.shot('validation-form-more-access');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('bob approves the extra access', async () => {
      const task = await engine.waitForTask(account, 'approveServiceAccount');
      assert.equal(task.assignee, 'bob');
      await b.login('tasklist', 'bob');
      await b.openTask(task);
      const requested = b.page.locator('.task-details [id$="-requestedGroups"]');
      await requested.waitFor({ state: 'visible' });
      assert.equal(await requested.inputValue(), EXTRA_GROUP, 'the approval shows the requested group');
      assert.match(await b.taskValue('validationComment'), /configuration items/, 'the approval shows the owner\'s comment');
      await b.page.locator('.task-details input[type=checkbox][id$="-approved"]').check();
      await b.shot('approval-form-more-access');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('the validation task returns with cmdb_read; alice confirms', async () => {
      const task = await engine.waitForTask(account, 'validateServiceAccount');
      await b.login('tasklist', 'alice');
      await b.openTask(task);
      const roles = await b.taskValue('accountRoles');
      for (const role of ['itil', 'rest_api_explorer', 'cmdb_read']) {
        assert.ok(roles.includes(role), `the evidence "Roles the account holds" must list ${role}: "${roles}"`);
      }
      await b.page.getByLabel('My REST calls work: remove GUI access').check();
      await b.shot('validation-form-with-cmdb-read');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('the process ends "Service account provisioned"', async () => {
      const ended = await engine.waitForEnd(account);
      assert.equal(ended.state, 'COMPLETED');
      const done = await engine.finishedActivityIds(ended.id);
      assert.ok(done.includes('addRequestedGroups'), `"Add requested groups" must have run: ${done.join(', ')}`);
      assert.ok(done.includes('serviceAccountProvisioned'), `end event serviceAccountProvisioned not reached: ${done.join(', ')}`);
      assert.equal(done.filter((id) => id === 'approveServiceAccount').length, 2, 'two approvals');
      assert.equal(done.filter((id) => id === 'validateServiceAccount').length, 2, 'two validations');
    }, ctx);

    await b.step('the simulator shows the account in both groups, web services only', async () => {
      const user = await simulator.user(account);
      assert.ok(user, `no sys_user ${account} in the simulator`);
      const alice = await simulator.user('alice');
      assert.equal(user.manager?.value, alice.sys_id, 'manager must be alice\'s sys_id');
      assert.equal(user.web_service_access_only, 'true', 'web_service_access_only');
      assert.deepEqual(await simulator.groupNamesOf(user.sys_id), [EXTRA_GROUP, 'ServiceNow Service Accounts']);
    });
  });

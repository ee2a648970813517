// An owner hand-over in Tasklist: alice's account is live and governed; alice leaves (inactive in
// ServiceNow); the daily sweep, run now by an operator, finds it; bob, her manager, names carol in
// Tasklist; carol accepts in Tasklist; ServiceNow then names carol as the account's manager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, JOURNEY_TIMEOUT_MS, Simulator, accountName, journeyFixtures } from './support.mjs';

const journey = journeyFixtures('hand-over');

const string = (value) => ({ value, type: 'String' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('when alice leaves, bob names carol as the new owner and carol accepts', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const engine = new Engine(journey.app.baseUrl, journey.app.admin);
  const simulator = new Simulator(journey.app.baseUrl);
  const account = accountName('svc_hand_over');
  const b = journey.browser;
  const ctx = { engine, account };

  await b.step('alice gets a governed account (over the REST API)', async () => {
    await engine.post('/process-definition/key/serviceAccountRequest/start', {
      variables: {
        accountUserName: string(account), displayName: string('Hand-over'),
        purpose: string('Shows an owner hand-over'), accountEmail: string(''), additionalGroups: string(''),
      },
    }, 'alice');
    const approval = await engine.waitForTask(account, 'approveServiceAccount');
    await engine.post(`/task/${approval.id}/complete`,
      { variables: { approved: { value: true, type: 'Boolean' }, approvalComment: string('') } }, 'bob');
    const validation = await engine.waitForTask(account, 'validateServiceAccount');
    await engine.post(`/task/${validation.id}/complete`, { variables: { validationOutcome: string('callsWork') } }, 'alice');
    await engine.waitForEnd(account);
    await waitFor(`the lifecycle of ${account}`, async () => (await engine.get(
      `/process-instance?processDefinitionKey=serviceAccountLifecycle&businessKey=${account}`)).length === 1);
  }, ctx);

  const alice = await simulator.user('alice');
  await simulator.patch('sys_user', alice.sys_id, { active: 'false' });
  try {
    await b.step('the daily sweep runs now (an operator sets its timer due now, as in Cockpit)', async () => {
      const jobs = await engine.get('/job?processDefinitionKey=serviceAccountSweep&timers=true');
      assert.equal(jobs.length, 1, 'one waiting sweep timer');
      const now = new Date(Date.now() - 1000).toISOString().replace('Z', '+0000');
      await engine.send('PUT', `/job/${jobs[0].id}/duedate`, { duedate: now, cascade: false });
    }, ctx);

    await b.step('bob, alice\'s manager, names carol in Tasklist', async () => {
      const task = await engine.waitForTask(account, 'nameNewOwner');
      assert.equal(task.assignee, 'bob', 'the leaver\'s manager names the successor');
      await b.login('tasklist', 'bob');
      await b.openTask(task);
      const listed = await b.page.locator(`.tasks-list a[href="#/?task=${task.id}"]`).innerText();
      assert.match(listed, new RegExp(`Name new owner: ${account}`), `bob's task list names the account: "${listed}"`);
      assert.equal(await b.taskValue('leaver'), 'alice');
      await b.fill('.task-details', { newOwner: 'carol', namingComment: 'Carol runs the Jira integration now' });
      await b.shot('name-new-owner');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('carol accepts in Tasklist', async () => {
      const task = await engine.waitForTask(account, 'acceptOwnership');
      assert.equal(task.assignee, 'carol', 'only the named person accepts');
      await b.login('tasklist', 'carol');
      await b.openTask(task);
      assert.equal(await b.taskValue('leaver'), 'alice');
      assert.equal(await b.taskValue('namedBy'), 'bob');
      assert.equal(await b.taskValue('namingComment'), 'Carol runs the Jira integration now');
      await b.page.locator('.task-details input[type=checkbox][id$="-ownershipAccepted"]').check();
      await b.shot('accept-ownership');
      await b.completeTask(engine, task);
    }, ctx);

    await b.step('ServiceNow names carol as the account\'s manager', async () => {
      const carol = await simulator.user('carol');
      await waitFor('carol as manager', async () => {
        const found = await simulator.user(account);
        return (found.manager?.value ?? found.manager) === carol.sys_id;
      });
    }, ctx);
  } finally {
    await simulator.patch('sys_user', alice.sys_id, { active: 'true' });
  }
});

async function waitFor(what, condition, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(500);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

// Main journey with Camunda's own users (the local default): see main-journey.mjs.
import { test } from 'node:test';
import { JOURNEY_TIMEOUT_MS, journeyFixtures } from './support.mjs';
import { mainJourney } from './main-journey.mjs';

const journey = journeyFixtures('main-journey');

test('alice requests a service account, bob approves, alice confirms: the account is live for web services only',
  { timeout: JOURNEY_TIMEOUT_MS }, () => mainJourney(journey, 'svc_jira_sync'));

// Cockpit plugin "Service accounts": the inventory of governed accounts and each account's
// story. Everything shown comes from this application's plugin API
// (/camunda/api/cockpit/plugin/serviceAccounts/<engine>/accounts), which decides on the
// server who may see what; this script only renders. Text is always set with textContent.
const PATH = '/service-accounts';
const STATES = ['requested', 'live', 'under review', 'hand-over pending', 'locked', 'retiring', 'retired'];
const COLUMNS = [
  ['account', 'Account'], ['owner', 'Owner'], ['ownerManager', "Owner's manager"], ['state', 'State'],
  ['lastUse', 'Last use'], ['nextReview', 'Next review'], ['openTasks', 'Open tasks'],
  ['openIncidents', 'Open incidents'],
];

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  });
  children.flat(Infinity).forEach((child) => {
    if (child !== undefined && child !== null && child !== false) {
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
  });
  return node;
}

function hashParams() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query);
}

function go(params) {
  const query = new URLSearchParams(params).toString();
  window.location.hash = `#${PATH}${query ? `?${query}` : ''}`;
}

function when(text) {
  return text ? text.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

async function call(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || `The server answered ${response.status}`);
  }
  return body;
}

function renderError(node, error) {
  node.appendChild(el('div', { class: 'alert alert-danger', 'data-test': 'sa-error' }, error.message));
}

function filterForm(params) {
  const owner = el('input', { type: 'text', name: 'owner', class: 'form-control', placeholder: 'user name', value: params.get('owner') || '' });
  const state = el('select', { name: 'state', class: 'form-control' }, el('option', { value: '' }, 'any state'),
    STATES.map((s) => el('option', { value: s }, s)));
  state.value = params.get('state') || '';
  const unused = el('input', { type: 'number', min: '0', name: 'unusedDays', class: 'form-control', placeholder: 'days', value: params.get('unusedDays') || '' });
  const account = el('input', { type: 'text', name: 'account', class: 'form-control', placeholder: 'svc_...' });
  const form = el('form', { class: 'form-inline sa-filter', 'data-test': 'sa-filter' },
    el('label', {}, 'Owner ', owner), ' ',
    el('label', {}, 'State ', state), ' ',
    el('label', {}, 'Unused for more than ', unused, ' days'), ' ',
    el('button', { type: 'submit', class: 'btn btn-default' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    if (owner.value.trim()) next.owner = owner.value.trim();
    if (state.value) next.state = state.value;
    if (unused.value.trim()) next.unusedDays = unused.value.trim();
    ['sortBy', 'sortOrder'].forEach((key) => { if (params.get(key)) next[key] = params.get(key); });
    go(next);
  });
  const open = el('form', { class: 'form-inline sa-open', 'data-test': 'sa-open' },
    el('label', {}, 'Open the account ', account), ' ', el('button', { type: 'submit', class: 'btn btn-default' }, 'Open'));
  open.addEventListener('submit', (event) => {
    event.preventDefault();
    if (account.value.trim()) go({ account: account.value.trim() });
  });
  return el('div', {}, form, open);
}

async function renderInventory(node, api, base, params) {
  node.appendChild(el('h2', {}, 'Service accounts'));
  node.appendChild(filterForm(params));
  const query = new URLSearchParams();
  ['owner', 'state', 'unusedDays', 'sortBy', 'sortOrder', 'firstResult'].forEach((key) => {
    if (params.get(key)) query.set(key, params.get(key));
  });
  query.set('maxResults', '50');
  let page;
  try {
    page = await call(`${base}/accounts?${query}`);
  } catch (error) {
    renderError(node, error);
    return;
  }
  const csvQuery = new URLSearchParams(query);
  csvQuery.delete('maxResults');
  csvQuery.delete('firstResult');
  node.appendChild(el('p', { 'data-test': 'sa-total' }, `${page.total} accounts `,
    el('a', { href: `${base}/accounts.csv?${csvQuery}`, download: 'service-accounts.csv', 'data-test': 'sa-csv' }, 'Export CSV')));
  const header = el('tr', {}, COLUMNS.map(([key, label]) => {
    const ascending = params.get('sortBy') === key && params.get('sortOrder') !== 'desc';
    const link = el('a', { href: '' }, label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const next = Object.fromEntries(params.entries());
      next.sortBy = key;
      next.sortOrder = ascending ? 'desc' : 'asc';
      delete next.firstResult;
      go(next);
    });
    return el('th', {}, link);
  }));
  const rows = page.accounts.map((row) => {
    const open = el('a', { href: `#${PATH}?account=${encodeURIComponent(row.account)}`, 'data-test': 'sa-account' }, row.account);
    return el('tr', {}, el('td', {}, open), el('td', {}, row.owner || ''), el('td', {}, row.ownerManager || ''),
      el('td', {}, row.state), el('td', {}, row.lastUse || ''), el('td', {}, when(row.nextReview)),
      el('td', {}, row.openTasks), el('td', {}, row.openIncidents));
  });
  node.appendChild(el('table', { class: 'table table-striped cam-table', 'data-test': 'sa-inventory' }, el('thead', {}, header), el('tbody', {}, rows)));
  const first = page.firstResult;
  const pager = el('p', {});
  if (first > 0) {
    const back = el('a', { href: '' }, '← previous');
    back.addEventListener('click', (event) => { event.preventDefault(); go({ ...Object.fromEntries(params.entries()), firstResult: Math.max(0, first - page.maxResults) }); });
    pager.appendChild(back);
  }
  if (first + page.maxResults < page.total) {
    const next = el('a', { href: '' }, ' next →');
    next.addEventListener('click', (event) => { event.preventDefault(); go({ ...Object.fromEntries(params.entries()), firstResult: first + page.maxResults }); });
    pager.appendChild(next);
  }
  node.appendChild(pager);
}

function fieldList(fields) {
  const entries = Object.entries(fields || {}).filter(([, value]) => value !== null && value !== '');
  if (!entries.length) return null;
  return el('ul', { class: 'list-unstyled sa-fields' },
    entries.map(([name, value]) => el('li', {}, el('span', { class: 'sa-field-name' }, name), ' ', String(value))));
}

// The account as ServiceNow has it now: a call of its own, so the story shows at once.
async function renderServiceNow(node, base, account) {
  let now;
  try {
    now = await call(`${base}/accounts/${encodeURIComponent(account)}/servicenow`);
  } catch (error) {
    node.replaceChildren();
    renderError(node, error);
    return;
  }
  node.replaceChildren();
  if (now.error) {
    node.appendChild(el('div', { class: 'alert alert-warning' }, now.error));
  } else if (!now.found) {
    node.appendChild(el('p', {}, 'ServiceNow has no such account.'));
  } else {
    node.appendChild(fieldList({
      active: now.active, 'locked out': now.lockedOut, 'web service access only': now.webServiceAccessOnly,
      manager: now.manager, roles: (now.roles || []).join(', '), groups: (now.groups || []).join(', '), 'last login': now.lastLogin,
    }));
  }
  const differences = now.differences || [];
  node.appendChild(el('h4', {}, 'Differences from what the product last wrote'));
  node.appendChild(differences.length
    ? el('ul', { 'data-test': 'sa-differences' }, differences.map((d) => el('li', { class: 'text-danger' }, d)))
    : el('p', {}, 'None.'));
}

async function renderStory(node, base, account) {
  const back = el('a', { href: `#${PATH}` }, '← all service accounts');
  node.appendChild(el('p', {}, back));
  node.appendChild(el('h2', {}, `The story of ${account}`));
  let story;
  try {
    story = await call(`${base}/accounts/${encodeURIComponent(account)}`);
  } catch (error) {
    renderError(node, error);
    return;
  }
  const container = el('div', { 'data-test': 'sa-story' });
  container.appendChild(el('p', {}, `Owner: ${story.owner || 'unknown'}`));
  story.instances.forEach((instance) => {
    container.appendChild(el('h3', {}, `${instance.name || instance.process} — started ${when(instance.started)}`,
      instance.startedBy ? ` by ${instance.startedBy}` : '', instance.ended ? `, ended ${when(instance.ended)} (${instance.endedAt || instance.state})` : ', running'));
    const rows = instance.steps.map((step) => el('tr', {},
      el('td', {}, when(step.ended || step.started)), el('td', {}, step.name), el('td', { 'data-test': 'sa-by' }, step.by || ''),
      el('td', {}, step.outcome || (step.canceled ? 'cancelled' : '')), el('td', { 'data-test': 'sa-comment' }, step.comment || ''),
      el('td', {}, fieldList(step.fields))));
    container.appendChild(el('table', { class: 'table cam-table sa-steps' },
      el('thead', {}, el('tr', {}, ['When', 'Step', 'Who', 'Outcome', 'Comment', 'Fields'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)));
    if (instance.incidents.length) {
      container.appendChild(el('h4', {}, 'Incidents'));
      container.appendChild(el('ul', {}, instance.incidents.map((incident) => el('li', {},
        `${when(incident.created)} at ${incident.activity}: ${incident.message || incident.type} — ${incident.state}`,
        incident.ended ? ` (${when(incident.ended)})` : ''))));
    }
  });
  container.appendChild(el('h3', {}, 'In ServiceNow now'));
  const live = el('div', { 'data-test': 'sa-servicenow' }, el('p', { class: 'text-muted' }, 'Reading ServiceNow…'));
  container.appendChild(live);
  renderServiceNow(live, base, account);
  node.appendChild(container);
}

export default [{
  id: 'service-accounts-navigation',
  pluginPoint: 'cockpit.navigation',
  priority: 50,
  properties: { path: PATH },
  render: (node) => {
    node.appendChild(el('a', { href: `#${PATH}`, 'data-test': 'sa-nav' }, 'Service accounts'));
  },
}, {
  id: 'service-accounts-route',
  pluginPoint: 'cockpit.route',
  properties: { path: PATH, label: 'Service accounts' },
  render: (node, { api }) => {
    const base = `${api.cockpitApi}/plugin/serviceAccounts/${api.engine}`;
    const params = hashParams();
    const page = el('div', { class: 'sa-page' });
    node.appendChild(page);
    if (params.get('account')) {
      renderStory(page, base, params.get('account'));
    } else {
      renderInventory(page, api, base, params);
    }
  },
}];

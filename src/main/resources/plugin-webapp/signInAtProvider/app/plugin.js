// Sign-in at the company's OpenID provider (serviceaccounts.identity.mode=oidc): the web apps'
// login page would show Camunda's password form, which does not work there. Shown the login page
// (after the sign-out button, or when the session has expired), this view asks the server where
// to sign in; when the server names a way in (oidc mode), it opens the web app again, which ends
// the provider's session first after a sign-out and then leads to the provider's sign-in. With
// Camunda's own users the answer names none, and the view shows nothing.
const base = document.querySelector('base');
const appRoot = base.getAttribute('app-root');
const appName = base.getAttribute('app-name');

export default [{
  id: 'sign-in-at-provider',
  pluginPoint: `${appName}.login`,
  priority: 10,
  render: (node) => {
    fetch(`${appRoot}/api/admin/auth/user/default`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.status === 401 ? response.json() : {}))
      .then((answer) => {
        if (typeof answer.signIn === 'string' && answer.signIn.startsWith('/')) {
          node.textContent = 'Signing in at your identity provider…';
          window.location.replace(`${answer.signIn}${appName}/default/`);
        }
      })
      .catch(() => {});
  },
}];

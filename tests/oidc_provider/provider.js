// An OpenID Connect provider for the ProConnect tests, never deployed.
//
// It behaves as ProConnect does for a service provider: authorization code flow with
// state, nonce and PKCE, client_secret_post at the token endpoint, the `acr` eidas1,
// the scopes openid email given_name usual_name uid siret, a userinfo answered as a
// signed JWT (application/jwt), and RP-initiated logout with id_token_hint, state and
// post_logout_redirect_uri. Its login page is a one-field form (the test user's login),
// so that a browser test can sign in as one of the users below.
//
// Configured by the pytest fixture (tests/oidc_provider_fixture.py) through the
// environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS and
// OIDC_POST_LOGOUT_REDIRECT_URIS (comma-separated), OIDC_ACCOUNTS (JSON: login -> claims,
// each with its `sub`).
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const list = (name) => (process.env[name] || '').split(',').filter(Boolean);
const bySub = Object.fromEntries(Object.values(accounts).map((claims) => [claims.sub, claims]));

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: list('OIDC_REDIRECT_URIS'),
      post_logout_redirect_uris: list('OIDC_POST_LOGOUT_REDIRECT_URIS'),
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-provider-cookie-key'] },
  acrValues: ['eidas1', 'eidas2', 'eidas3'],
  scopes: ['openid', 'email', 'given_name', 'usual_name', 'uid', 'siret'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    uid: ['uid'],
    siret: ['siret'],
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page(
          'Déconnexion du fournisseur',
          `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Oui, me déconnecter</button>`,
        );
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => {
    const claims = bySub[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ ...claims }) };
  },
});

function loginForm(uid, error = '') {
  return page(
    'Connexion au fournisseur de test',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}/login">
      <label for="login">Identifiant</label>
      <input id="login" name="login" autocomplete="off" required>
      <button type="submit">Se connecter</button>
    </form>`,
  );
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

// The interaction pages: login asks for the test user's login; consent is given at once,
// as ProConnect does not ask the agent for it.
async function interaction(req, res, path) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  if (req.method === 'POST' && path.endsWith('/login')) {
    const login = (await readForm(req)).get('login') || '';
    const account = accounts[login];
    if (!account) return send(res, 200, loginForm(uid, 'Identifiant inconnu.'));
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub, acr: 'eidas1', amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  }
  if (prompt.name === 'login') return send(res, 200, loginForm(uid));
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const handle = provider.callback();
createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  if (!path.startsWith('/interaction/')) return handle(req, res);
  try {
    return await interaction(req, res, path);
  } catch (error) {
    return send(res, 400, page('Erreur', `<p>${escape(error.message)}</p>`));
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`test OpenID Connect provider listening on ${issuer}`);
});

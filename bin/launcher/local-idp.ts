import http from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { renderPersonaPicker } from "./local-idp-page";

export type TIdpAccount = { subject: string; name: string; email: string; groups: string[]; title: string; summary: string };

type LocalIdpOptions = {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: TIdpAccount[];
  cookieKeys: string[];
  signingKey: Record<string, unknown>;
};

// A real, certified OpenID provider (oidc-provider) standing in for the organisation's IdP in the
// demo and the tests. Custody signs in through it exactly as through Okta or Entra ID.
export async function startLocalIdp(options: LocalIdpOptions): Promise<{ issuer: string; stop: () => Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const accounts = new Map(options.accounts.map((account) => [account.subject, account]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: options.cookieKeys },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"], groups: ["groups"] },
    // Put email, name and groups in the ID token itself, as Okta and Entra ID can be set to do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 3600, IdToken: 3600, Interaction: 3600 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: account.email,
            email_verified: true,
            name: account.name,
            preferred_username: id,
            groups: account.groups,
          };
        },
      };
    },
  });
  const oidc = provider.callback();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return oidc(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "consent") {
        // A first-party application: consent is implied, as an organisation's IdP would configure.
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
        if (!grant) throw new Error("grant not found");
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      if (req.method === "POST" && match[2]) {
        const body = await readForm(req);
        const subject = body.get("login") ?? "";
        if (!accounts.has(subject)) {
          res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          res.end(renderPersonaPicker({ uid: match[1]!, accounts: options.accounts, error: `No demo user "${subject}".` }));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(renderPersonaPicker({ uid: match[1]!, accounts: options.accounts }));
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end(`Sign-in could not continue: ${error instanceof Error ? error.message : String(error)}. Start again from Custody.`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

import type { TIdpAccount } from "./local-idp";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);

/** The local IdP's sign-in page: pick a demo persona (no passwords: this IdP is for demos and tests). */
export function renderPersonaPicker({ uid, accounts, error }: { uid: string; accounts: TIdpAccount[]; error?: string }): string {
  const rows = accounts
    .map(
      (account) => `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <input type="hidden" name="login" value="${escapeHtml(account.subject)}">
  <button type="submit" aria-label="Sign in as ${escapeHtml(account.name)}">
    <span class="name">${escapeHtml(account.name)}</span><span class="login">${escapeHtml(account.subject)}</span>
    <span class="title">${escapeHtml(account.title)}</span><span class="summary">${escapeHtml(account.summary)}</span>
  </button></form></li>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Robotics SSO (local demo IdP)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f1f5f9;color:#0f172a;margin:0}
main{max-width:760px;margin:48px auto;padding:0 24px}
h1{font-size:22px;margin:0 0 4px} p{color:#475569;margin:0 0 20px;font-size:14px}
.notice{background:#fef3c7;border:1px solid #fcd34d;color:#78350f;padding:10px 14px;border-radius:8px;font-size:13px;margin-bottom:20px}
.error{background:#fee2e2;border-color:#fca5a5;color:#7f1d1d}
ul{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:1fr 1fr;gap:10px}
button{width:100%;text-align:left;background:#fff;border:1px solid #cbd5e1;border-radius:10px;padding:12px 14px;cursor:pointer;display:grid;grid-template-columns:1fr auto;gap:2px 8px}
button:hover,button:focus{border-color:#4f46e5;outline:2px solid #c7d2fe}
.name{font-weight:600}.login{font-family:ui-monospace,monospace;color:#64748b;font-size:12px}
.title{grid-column:1/3;font-size:13px;color:#334155}.summary{grid-column:1/3;font-size:12px;color:#64748b}
</style></head><body><main>
<h1>Acme Robotics single sign-on</h1>
<p>Local demo identity provider started by <code>custody start</code>. Choose who to sign in as.</p>
<div class="notice${error ? " error" : ""}">${error ? escapeHtml(error) : "Demo only: no passwords. Connect your organisation&#39;s IdP with OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."}</div>
<ul>${rows}</ul></main></body></html>`;
}

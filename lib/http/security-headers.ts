// The headers every response of Custody carries (set in proxy.ts, per request). Scripts run only
// with this response's nonce ('strict-dynamic' lets them load the chunks they import); nothing may
// frame a page, post a form elsewhere, or change the base URL. HSTS only over HTTPS, where it means
// something and cannot lock a plain-HTTP demo out of its own browser.

export type TSecurityHeaderOptions = {
  nonce: string;
  /** The IdP's origin: sign-in and sign-out may end in a form or redirect there. */
  idpOrigin?: string;
  /** `next dev` evaluates code for Fast Refresh; production never does. */
  development?: boolean;
  /** Served over HTTPS: the public URL is https, or a proxy in front says so (x-forwarded-proto). */
  https?: boolean;
};

export const permissionsPolicy = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
  "interest-cohort=()",
].join(", ");

export function contentSecurityPolicy({ nonce, idpOrigin, development = false }: TSecurityHeaderOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Charts and layout set style attributes; styles cannot run code, scripts are what the nonce guards.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(development ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...(idpOrigin ? [idpOrigin] : [])],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaders(options: TSecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Permissions-Policy": permissionsPolicy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The origin of a URL, or undefined when it is not one. */
export function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).origin;
}

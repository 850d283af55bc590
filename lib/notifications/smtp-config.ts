import { ZSmtpEnv } from "@/lib/env";

// E-mail for notifications is optional: with no SMTP configured, notifications stay in-app.
// Either SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) or SMTP_HOST with SMTP_PORT,
// SMTP_USER and SMTP_PASS; always SMTP_FROM. A half-made configuration is an error that names
// what is missing, never a silent fallback.

export type TSmtpConfig = {
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
};

export function smtpConfigFromEnv(env: Record<string, string | undefined> = process.env): TSmtpConfig | null {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith("SMTP_") && value !== undefined && value !== ""),
  );
  const parsed = ZSmtpEnv.safeParse(present);
  if (!parsed.success) {
    throw new Error(
      `Invalid SMTP configuration: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  const smtp = parsed.data;
  if (!smtp.SMTP_URL && !smtp.SMTP_HOST) {
    if (smtp.SMTP_FROM || smtp.SMTP_USER || smtp.SMTP_PASS || smtp.SMTP_PORT)
      throw new Error("Invalid SMTP configuration: set SMTP_URL or SMTP_HOST (or no SMTP_* variable at all for in-app notifications only)");
    return null;
  }
  if (!smtp.SMTP_FROM) throw new Error("Invalid SMTP configuration: SMTP_FROM is not set (a sender such as Custody <custody@example.com>)");
  if (smtp.SMTP_URL) return { transport: smtp.SMTP_URL, from: smtp.SMTP_FROM };
  if (Boolean(smtp.SMTP_USER) !== Boolean(smtp.SMTP_PASS))
    throw new Error("Invalid SMTP configuration: set SMTP_USER and SMTP_PASS together");
  const port = smtp.SMTP_PORT ?? 587;
  return {
    transport: {
      host: smtp.SMTP_HOST!,
      port,
      secure: port === 465,
      ...(smtp.SMTP_USER ? { auth: { user: smtp.SMTP_USER, pass: smtp.SMTP_PASS! } } : {}),
    },
    from: smtp.SMTP_FROM,
  };
}

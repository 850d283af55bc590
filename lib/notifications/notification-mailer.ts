import "server-only";
import nodemailer from "nodemailer";
import { smtpConfigFromEnv } from "./smtp-config";

/** Sends one plain-text e-mail; tests pass their own. */
export type TMailer = { send: (message: { to: string; subject: string; text: string }) => Promise<void> };

/** The SMTP mailer the environment configures, or null (in-app notifications only). */
export function createMailerFromEnv(env: Record<string, string | undefined> = process.env): TMailer | null {
  const config = smtpConfigFromEnv(env);
  if (!config) return null;
  const transport = nodemailer.createTransport(config.transport);
  return {
    send: async ({ to, subject, text }) => {
      await transport.sendMail({ from: config.from, to, subject, text });
    },
  };
}

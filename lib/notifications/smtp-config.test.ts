import { describe, expect, it } from "vitest";
import { smtpConfigFromEnv } from "./smtp-config";

describe("SMTP configuration", () => {
  it("is optional: no SMTP_* variable means in-app notifications only", () => {
    expect(smtpConfigFromEnv({})).toBeNull();
  });

  it("takes a URL or host, port, user and password, and always a sender", () => {
    expect(smtpConfigFromEnv({ SMTP_URL: "smtps://custody:pw@mail.example.com:465", SMTP_FROM: "Custody <custody@example.com>" })).toEqual({
      transport: "smtps://custody:pw@mail.example.com:465",
      from: "Custody <custody@example.com>",
    });
    expect(
      smtpConfigFromEnv({
        SMTP_HOST: "mail.example.com",
        SMTP_PORT: "465",
        SMTP_USER: "custody",
        SMTP_PASS: "pw",
        SMTP_FROM: "custody@example.com",
      }),
    ).toEqual({
      transport: { host: "mail.example.com", port: 465, secure: true, auth: { user: "custody", pass: "pw" } },
      from: "custody@example.com",
    });
    expect(smtpConfigFromEnv({ SMTP_HOST: "relay.internal", SMTP_FROM: "custody@example.com" })).toEqual({
      transport: { host: "relay.internal", port: 587, secure: false },
      from: "custody@example.com",
    });
  });

  it("names what is missing or wrong instead of falling back silently", () => {
    expect(() => smtpConfigFromEnv({ SMTP_HOST: "mail.example.com" })).toThrow(/SMTP_FROM is not set/);
    expect(() => smtpConfigFromEnv({ SMTP_FROM: "custody@example.com" })).toThrow(/set SMTP_URL or SMTP_HOST/);
    expect(() => smtpConfigFromEnv({ SMTP_HOST: "mail.example.com", SMTP_USER: "custody", SMTP_FROM: "c@example.com" })).toThrow(
      /SMTP_USER and SMTP_PASS together/,
    );
    expect(() => smtpConfigFromEnv({ SMTP_URL: "http://mail.example.com", SMTP_FROM: "c@example.com" })).toThrow(/SMTP_URL/);
    expect(() => smtpConfigFromEnv({ SMTP_HOST: "mail.example.com", SMTP_PORT: "99999", SMTP_FROM: "c@example.com" })).toThrow(/SMTP_PORT/);
  });
});

import { describe, expect, it } from "vitest";
import { checkWebhookUrl, parseSyslogEndpoint, ZDestinationInput } from "./destination-input";

describe("syslog endpoints", () => {
  it("accept TCP and TLS with a host (name, IPv4, IPv6) and a port, in any case of the scheme", () => {
    expect(parseSyslogEndpoint("syslog+tls://siem.example.com:6514")).toEqual({ transport: "tls", host: "siem.example.com", port: 6514 });
    expect(parseSyslogEndpoint("SYSLOG+TCP://10.0.0.5:514/")).toEqual({ transport: "tcp", host: "10.0.0.5", port: 514 });
    expect(parseSyslogEndpoint("syslog+tcp://[2001:db8::1]:514")).toEqual({ transport: "tcp", host: "2001:db8::1", port: 514 });
  });

  it.each([
    ["syslog+udp://siem.example.com:514", /syslog\+tcp/],
    ["syslog+tcp://:514", /syslog\+tcp/],
    ["syslog+tcp://siem.example.com", /Give the port/],
    ["syslog+tcp://siem.example.com:0", /1 to 65535/],
    ["syslog+tcp://siem.example.com:99999999999999999999", /1 to 65535/],
    ["syslog+tcp://siem.example.com:-1", /1 to 65535/],
    ["syslog+tcp://user@siem.example.com:514", /syslog\+tcp/],
    ["syslog+tcp://siem_example!.com:514", /not a valid host/],
    ["syslog+tcp://siem.example.com:514/path", /syslog\+tcp/],
  ])("refuse %s", (endpoint, message) => {
    expect(parseSyslogEndpoint(endpoint)).toMatch(message);
  });
});

describe("webhook URLs", () => {
  it("accept http and https with a host, whatever the scheme's case", () => {
    expect(checkWebhookUrl("https://siem.example.com/hooks?tenant=1")).toBeNull();
    expect(checkWebhookUrl("HTTP://127.0.0.1:8080/")).toBeNull();
  });

  it.each([
    ["ftp://files.example.com/", /Only http and https/],
    ["file:///etc/passwd", /Only http and https/],
    ["gopher://siem.example.com/", /Only http and https/],
    ["https://", /full URL/],
    ["siem.example.com/hooks", /full URL/],
    ["https://a:b@siem.example.com/", /user name and password/],
    ["https://siem.example.com/#frag", /fragment/],
    ["https://siem.example.com:99999/", /full URL/],
    ["https://siem.example.com/a b", /spaces/],
  ])("refuse %s", (url, message) => {
    expect(checkWebhookUrl(url)).toMatch(message);
  });
});

describe("the destination form", () => {
  it("requires something to forward and reads comma-separated lists", () => {
    const parsed = ZDestinationInput.safeParse({
      name: "Feed",
      kind: "webhook",
      endpoint: "https://siem.example.com/",
      forwardAlerts: false,
      forwardEvents: false,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["forwardAlerts"] });
    const lists = ZDestinationInput.parse({
      name: "Feed",
      kind: "webhook",
      endpoint: "https://siem.example.com/",
      detectors: " mass_download,  unregistered_digest ",
      forwardEvents: true,
      eventFilter: { actions: "artifact.deploy, artifact.promote", environment: " ", outcome: "" },
    });
    expect(lists.detectors).toEqual(["mass_download", "unregistered_digest"]);
    expect(lists.eventFilter).toEqual({ actions: ["artifact.deploy", "artifact.promote"] });
  });

  it("refuses a detector or action with characters a key cannot hold", () => {
    const parsed = ZDestinationInput.safeParse({
      name: "Feed",
      kind: "webhook",
      endpoint: "https://siem.example.com/",
      detectors: ["a b'c"],
    });
    expect(parsed.success).toBe(false);
  });
});

export type TCheckStatus = "pass" | "fail" | "warn";
export type TBundleCheck = { name: string; status: TCheckStatus; detail: string };

/** The verifier's findings, in the order they were made. */
export class CheckList {
  readonly checks: TBundleCheck[] = [];
  pass(name: string, detail: string): void {
    this.checks.push({ name, status: "pass", detail });
  }
  fail(name: string, detail: string): void {
    this.checks.push({ name, status: "fail", detail });
  }
  warn(name: string, detail: string): void {
    this.checks.push({ name, status: "warn", detail });
  }
  get failed(): boolean {
    return this.checks.some((check) => check.status === "fail");
  }
}

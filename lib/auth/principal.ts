import type { TPlatformRole } from "@/lib/authz/roles";

/** The person acting: passed to every domain function so it can check permissions itself. */
export type TPrincipal = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  kind: "employee" | "contractor" | "partner";
  roles: TPlatformRole[];
  sessionId: string;
};

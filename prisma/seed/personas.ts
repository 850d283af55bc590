import type { UserKind } from "@/lib/generated/prisma/enums";

// The people you can sign in as in the demo. The local OIDC provider serves exactly these
// (login = subject), and the demo organisation contains them, so every page has someone to show.

export type DemoPersona = {
  subject: string;
  name: string;
  email: string;
  kind: UserKind;
  /** The IdP's `groups` claim. */
  groups: readonly string[];
  title: string;
  /** What signing in as this person lets you try. */
  summary: string;
  /** Contractors and partners: days from `now` until the engagement ends. */
  engagementEndsInDays?: number;
  /** Partners: the company they work for. */
  company?: string;
};

export const demoPersonas: readonly DemoPersona[] = [
  {
    subject: "morgan",
    name: "Morgan Lee",
    email: "morgan.lee@acme-robotics.example",
    kind: "employee",
    groups: ["custody-admins", "platform-team"],
    title: "Platform administrator",
    summary: "Administers Custody: role mapping, service accounts, tokens and ledger keys.",
  },
  {
    subject: "casey",
    name: "Casey Nguyen",
    email: "casey.nguyen@acme-robotics.example",
    kind: "employee",
    groups: ["custody-compliance"],
    title: "Compliance officer",
    summary: "Runs access reviews, decides exceptions and signs off evidence reports.",
  },
  {
    subject: "riley",
    name: "Riley Okafor",
    email: "riley.okafor@acme-robotics.example",
    kind: "employee",
    groups: ["custody-incident-response", "security-team"],
    title: "Incident responder",
    summary: "Investigates model timelines, triages alerts and exports evidence bundles.",
  },
  {
    subject: "sam",
    name: "Sam Patel",
    email: "sam.patel@acme-robotics.example",
    kind: "employee",
    groups: ["custody-managers", "vision-team"],
    title: "Engineering manager (Vision)",
    summary: "Watches control health and reviews the Vision team's access.",
  },
  {
    subject: "avery",
    name: "Avery Brooks",
    email: "avery.brooks@acme-robotics.example",
    kind: "employee",
    groups: ["custody-auditors"],
    title: "Internal auditor",
    summary: "Reads everything, changes nothing: evidence, reviews and the ledger.",
  },
  {
    subject: "jordan",
    name: "Jordan Kim",
    email: "jordan.kim@acme-robotics.example",
    kind: "employee",
    groups: ["ml-engineers", "vision-team"],
    title: "ML engineer",
    summary: "Sees their own artifacts and access, and requests more.",
  },
  {
    subject: "taylor",
    name: "Taylor Reed",
    email: "taylor.reed@acme-robotics.example",
    kind: "contractor",
    groups: ["ml-engineers", "vision-team", "contractors"],
    title: "Contract ML engineer",
    summary: "A contractor whose engagement (and access) ends in about six weeks.",
    engagementEndsInDays: 45,
  },
  {
    subject: "quinn",
    name: "Quinn Alvarez",
    email: "quinn.alvarez@acme-robotics.example",
    kind: "partner",
    groups: ["ml-engineers", "partners"],
    title: "Partner engineer",
    summary: "An engineer at Vector Labs with narrow, expiring access to language models.",
    engagementEndsInDays: 90,
    company: "Vector Labs",
  },
  {
    subject: "drew",
    name: "Drew Fischer",
    email: "drew.fischer@acme-robotics.example",
    kind: "employee",
    groups: ["all-staff"],
    title: "Product designer",
    summary: 'Signs in but holds no Custody role: shows the "no role" page.',
  },
];

/** IdP group → Custody platform roles; the admin can change this mapping later. */
export const defaultRoleMap: Readonly<Record<string, readonly string[]>> = {
  "custody-admins": ["admin"],
  "custody-compliance": ["compliance_officer"],
  "custody-incident-response": ["incident_responder"],
  "custody-managers": ["manager"],
  "custody-auditors": ["auditor"],
  "ml-engineers": ["engineer"],
};

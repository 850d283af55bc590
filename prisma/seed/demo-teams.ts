import type { GroupKind } from "@/lib/generated/prisma/enums";

// The shape of Acme Robotics: three model-building teams, the platform and security teams who
// support them, and a few people outside engineering. Weights split the headcount between them.

export type DemoTeam = {
  slug: string;
  name: string;
  description: string;
  /** Share of generated headcount. */
  weight: number;
  /** Builds models: its people are ML engineers and it may have contractors. */
  buildsModels: boolean;
  leadTitle: string;
  /** IdP groups of the lead, beyond the team's own. */
  leadGroups: readonly string[];
  /** The persona who leads the team, if one does. */
  leadPersona?: string;
  titles: readonly string[];
  /** IdP groups of some members, beyond the team's own (e.g. incident response for security). */
  memberExtraGroups?: readonly string[];
};

export const demoTeams: readonly DemoTeam[] = [
  {
    slug: "vision-team",
    name: "Vision",
    weight: 12,
    buildsModels: true,
    description: "Perception models for factory inspection and warehouse robots.",
    leadTitle: "Engineering manager (Vision)",
    leadGroups: ["custody-managers"],
    leadPersona: "sam",
    titles: ["ML engineer", "Senior ML engineer", "Computer vision engineer", "Research scientist", "Data engineer"],
  },
  {
    slug: "language-team",
    name: "Language",
    weight: 10,
    buildsModels: true,
    description: "NLP models for customer support and document understanding.",
    leadTitle: "Engineering manager (Language)",
    leadGroups: ["custody-managers"],
    titles: ["NLP engineer", "ML engineer", "Applied scientist", "Senior NLP engineer", "Data scientist"],
  },
  {
    slug: "forecasting-team",
    name: "Forecasting",
    weight: 9,
    buildsModels: true,
    description: "Demand forecasting and fleet predictive-maintenance models.",
    leadTitle: "Engineering manager (Forecasting)",
    leadGroups: ["custody-managers"],
    titles: ["Data scientist", "Senior data scientist", "ML engineer", "Analytics engineer"],
  },
  {
    slug: "platform-team",
    name: "ML Platform",
    weight: 5,
    buildsModels: false,
    description: "Runs the model registry, training and deployment pipelines.",
    leadTitle: "Head of ML platform",
    leadGroups: ["custody-admins"],
    titles: ["Platform engineer", "Site reliability engineer", "MLOps engineer"],
  },
  {
    slug: "security-team",
    name: "Security",
    weight: 4,
    buildsModels: false,
    description: "Detection, incident response and model supply-chain security.",
    leadTitle: "Head of security",
    leadGroups: ["custody-incident-response"],
    titles: ["Security engineer", "Detection engineer", "Security analyst"],
    memberExtraGroups: ["custody-incident-response"],
  },
];

/** IdP groups that exist as Custody groups (grants can name them), besides the teams. */
export const demoIdpGroups: readonly { slug: string; name: string; kind: GroupKind; description: string }[] = [
  { slug: "ml-engineers", name: "ML engineers", kind: "idp", description: "Everyone who builds or ships models." },
  { slug: "contractors", name: "Contractors", kind: "idp", description: "Contract staff; access ends with the engagement." },
  { slug: "partners", name: "Partners", kind: "idp", description: "Engineers at partner companies." },
  { slug: "all-staff", name: "All staff", kind: "idp", description: "Staff outside engineering; no Custody role." },
];

/** People outside the teams: they report to the CTO or the head of risk. */
export const businessTitles: readonly string[] = ["Product manager", "Data analyst", "Technical program manager", "Compliance analyst"];

export const partnerCompanies: readonly string[] = ["Vector Labs", "Lumen Analytics"];

import { controlDefinitions, testDefinitions } from "@/lib/controls/catalogue";
import type { TEvidenceReport } from "../evidence-report";
import { oscalDocumentParts, oscalMetadata, prop, text } from "./build-oscal-assessment-results";

// Control-health evidence as an OSCAL 1.1.2 assessment-results document: one result for the
// period, whose reviewed controls are Custody's controls (their framework references as
// properties); one observation per automated test (status, value against threshold on the
// period's last day, how many days it passed); one finding per control, satisfied when it passes;
// and the bundle's files in back-matter, each with its SHA-256.

const passing = "Passing";

export function buildControlHealthOscal(report: TEvidenceReport, fileDigests: Record<string, string>): Record<string, unknown> {
  if (report.kind !== "control_health") throw new Error(`this OSCAL document is written for control health, not ${report.kind}`);
  const { id, rows, resources, resourceOf, evidence, collected } = oscalDocumentParts(report, fileDigests);
  const controls = rows("controls");
  const tests = rows("tests");
  const failingRows = rows("failing_rows");

  const observations = tests.map((test) => {
    const failing = failingRows.filter((row) => row.test === test.test).length;
    return {
      uuid: id("observation", text(test.test)),
      title: `${text(test.name)}: ${text(test.status)}`,
      description:
        test.status === "Not available"
          ? `${text(test.name)} had no data to measure; it does not count as passing.`
          : `${text(test.name)} measured ${text(test.value)} against a threshold of ${text(test.threshold)} (${text(test.failingRows)} failing of ${text(test.rowsChecked)} rows checked); it passed on ${text(test.daysPassing)} of ${text(test.daysWithData)} days with data in the period.`,
      props: [
        prop("test-key", text(test.test)),
        prop("test-status", text(test.status).toLowerCase().replace(/ /g, "-")),
        ...(test.value === null ? [] : [prop("value", text(test.value))]),
        prop("threshold", text(test.threshold)),
      ],
      methods: ["TEST"],
      types: ["control-objective"],
      "relevant-evidence": [
        ...evidence("tables/tests.csv", "Each test's value against its threshold"),
        ...evidence("tables/test_history.csv", "Each test's value and status, day by day"),
        ...(failing ? evidence("tables/failing_rows.csv", `The ${failing} rows behind it`) : []),
      ],
      collected,
    };
  });
  const findings = controls.map((control) => {
    const key = text(control.control);
    const related = testDefinitions
      .filter((test) => test.controlKey === key)
      .map((test) => observations.find((observation) => observation.uuid === id("observation", test.key)))
      .filter((observation) => observation !== undefined)
      .map((observation) => ({ "observation-uuid": observation.uuid }));
    const status = text(control.status);
    return {
      uuid: id("finding", key),
      title: `${text(control.name)}: ${status}`,
      description:
        `${controlDefinitions.find((definition) => definition.key === key)?.description ?? ""} Owner: ${text(control.owner)}; SLA ${text(control.slaDays)} days. Framework references: ${text(control.frameworks)}.`.trim(),
      props: [prop("control-key", key), prop("owner", text(control.owner))],
      target: {
        type: "objective-id",
        "target-id": `${key}_obj`,
        status:
          status === passing
            ? { state: "satisfied", reason: "pass" }
            : status === "Not available"
              ? { state: "not-satisfied", reason: "other", remarks: "No data to measure; not counted as passing." }
              : {
                  state: "not-satisfied",
                  reason: "fail",
                  remarks: status === "Needs attention" ? "Within threshold but near its SLA." : "Out of its threshold.",
                },
      },
      ...(related.length ? { "related-observations": related } : {}),
    };
  });
  const reportJson = resourceOf("report.json");
  const frameworkProps = [...new Set(controlDefinitions.flatMap((control) => control.references.map((ref) => ref.framework)))].map(
    (framework) =>
      prop(
        `${framework
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/-+$/, "")}-references`,
        [
          ...new Set(
            controlDefinitions.flatMap((control) =>
              control.references.filter((ref) => ref.framework === framework).map((ref) => ref.reference),
            ),
          ),
        ].join(" "),
      ),
  );
  return {
    "assessment-results": {
      uuid: id("assessment-results"),
      metadata: oscalMetadata(report, id),
      "import-ap": {
        href: reportJson ? `#${reportJson.uuid}` : "report.json",
        remarks: "Custody keeps no OSCAL assessment plan: the control catalogue and each test's rule, in report.json, stand for it.",
      },
      results: [
        {
          uuid: id("result"),
          title: report.title,
          description: `${report.scope.label}. ${report.summary.join(" ")}`,
          start: report.period.from ?? report.effective.checkpointCreatedAt,
          ...(report.period.to ? { end: report.period.to } : {}),
          "reviewed-controls": {
            description:
              "Custody's access and audit controls, each tested automatically from its own data; their framework references are properties.",
            props: frameworkProps,
            "control-selections": [{ "include-controls": controls.map((control) => ({ "control-id": text(control.control) })) }],
          },
          ...(observations.length ? { observations } : {}),
          ...(findings.length ? { findings } : {}),
        },
      ],
      ...(resources.length ? { "back-matter": { resources } } : {}),
    },
  };
}

import { describe, expect, it } from "vitest";
import { countTableRows, describeRowRule } from "./count-table-rows";

const report = {
  tables: [
    {
      name: "failing_rows",
      title: "Failing rows",
      columns: [],
      rows: [
        { test: "deactivated-holding-grants", state: "Failing", measure: 3 },
        { test: "deactivated-holding-grants", state: "Needs attention", measure: null },
        { test: "tokens-unused", state: "Failing", measure: "3" },
      ],
    },
  ],
};

describe("countTableRows: a row figure's rule", () => {
  it("counts the rows whose cells equal every cell of where", () => {
    expect(countTableRows(report, { table: "failing_rows", where: { test: "deactivated-holding-grants", state: "Failing" } })).toBe(1);
    expect(countTableRows(report, { table: "failing_rows", where: { state: "Failing" } })).toBe(2);
    expect(countTableRows(report, { table: "failing_rows", where: {} })).toBe(3);
  });

  it("compares strictly: a number is not its text, null is not missing", () => {
    expect(countTableRows(report, { table: "failing_rows", where: { measure: 3 } })).toBe(1);
    expect(countTableRows(report, { table: "failing_rows", where: { measure: null } })).toBe(1);
    expect(countTableRows(report, { table: "failing_rows", where: { missing: null } })).toBe(0);
    // A row's prototype is not one of its cells.
    expect(countTableRows(report, { table: "failing_rows", where: { constructor: Object as never } })).toBe(0);
  });

  it("says null, not 0, when the table is missing or the rule malformed", () => {
    expect(countTableRows(report, { table: "nope", where: {} })).toBeNull();
    expect(countTableRows({ tables: "x" as never }, { table: "failing_rows", where: {} })).toBeNull();
    expect(countTableRows(report, { table: "failing_rows", where: null as never })).toBeNull();
    expect(countTableRows(report, null as never)).toBeNull();
  });

  it("describes the rule in words", () => {
    expect(describeRowRule({ table: "controls", where: { status: "Failing" } })).toBe('rows of table controls where status = "Failing"');
  });
});

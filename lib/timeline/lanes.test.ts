import { describe, expect, it } from "vitest";
import { grantActionForEvent, laneOfAction, lifecycleLanes } from "./lanes";

describe("laneOfAction", () => {
  it.each([
    ["dataset.create", "data"],
    ["data_snapshot.upload", "data"],
    ["feature_set.update", "data"],
    ["training_run.complete", "training"],
    ["training_run.failed", "training"],
    ["experiment.create", "training"],
    ["model.train", "training"],
    ["registered_model.create", "registration"],
    ["model_version.create", "registration"],
    ["model_version.register", "registration"],
    ["model_artifact.upload", "registration"],
    ["object.put", "registration"],
    ["repo.update", "registration"],
    ["model_version.scan", "validation"],
    ["model_version.validate", "validation"],
    ["model.prediction_drift_alert", "validation"],
    ["signature.verify", "validation"],
    ["model_version.stage_transition", "promotion"],
    ["model_version_alias.set", "promotion"],
    ["model_version_alias.deleted", "promotion"],
    ["model_version.approve", "promotion"],
    ["model_version.deploy", "deploy"],
    ["model_version.undeploy", "deploy"],
    ["deployment.failed", "deploy"],
    ["model.load", "deploy"],
    ["model_version.download", "access"],
    ["artifact.download", "access"],
    ["object.get", "access"],
    ["grant.revoke", "access"],
    ["ledger.read", "access"],
    ["registered_model.retire", "retirement"],
    ["model_version.delete", "retirement"],
    ["object.delete", "retirement"],
    ["service_account.create", "other"],
    ["ledger.verify.pass", "other"],
  ])("%s → %s", (action, lane) => {
    expect(laneOfAction(action)).toBe(lane);
  });

  it("ignores case and surrounding spaces, and only ever answers a known lane", () => {
    expect(laneOfAction(" Model_Version.Deploy ")).toBe("deploy");
    for (const action of ["", ".", "x", "a.b.c.d", "model_version.", "🙂.deploy"]) expect(lifecycleLanes).toContain(laneOfAction(action));
  });
});

describe("grantActionForEvent", () => {
  it.each([
    ["model_version.download", "read"],
    ["object.get", "read"],
    ["model.load", "read"],
    ["model_artifact.upload", "write"],
    ["object.put", "write"],
    ["model_version.create", "register"],
    ["model_version.deploy", "deploy"],
    ["model_version.undeploy", "deploy"],
    ["registered_model.retire", "retire"],
    ["model_version.stage_transition", null],
    ["grant.revoke", null],
    ["ledger.read", null],
    ["model.prediction_drift_alert", null],
    ["training_run.complete", null],
  ])("%s needs %s", (action, grant) => {
    expect(grantActionForEvent(action)).toBe(grant);
  });
});

import "server-only";
import type { TDetectorKey } from "@/lib/alerts/rules/detector-settings";
import type { TDetector } from "../detector";
import { accessWithoutGrant } from "./access-without-grant";
import { deniedBurst } from "./denied-burst";
import { inactivePrincipal } from "./inactive-principal";
import { integrityFailure } from "./integrity-failure";
import { massDownload } from "./mass-download";
import { newActorOnArtifact } from "./new-actor-on-artifact";
import { newNetworkOrigin } from "./new-network-origin";
import { skippedStage } from "./skipped-stage";
import { unverifiedDigest } from "./unverified-digest";
import { volumeSpike } from "./volume-spike";

/** The ten detectors, in the order the rules page lists them. */
export const detectors: { [K in TDetectorKey]: TDetector<K> } = {
  access_without_grant: accessWithoutGrant,
  inactive_principal: inactivePrincipal,
  unverified_digest: unverifiedDigest,
  mass_download: massDownload,
  new_actor_on_artifact: newActorOnArtifact,
  new_network_origin: newNetworkOrigin,
  denied_burst: deniedBurst,
  skipped_stage: skippedStage,
  volume_spike: volumeSpike,
  integrity_failure: integrityFailure,
};

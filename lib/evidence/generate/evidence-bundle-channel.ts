/** NOTIFY channel that wakes the launcher's evidence job when a bundle is requested. */
export const evidenceBundleChannel = "custody_evidence_bundle";

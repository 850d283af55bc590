// The bundle verifier's Merkle hashing and proof checks: lib/ledger/merkle-proofs.ts over
// @noble/hashes' SHA-256, so the same code runs in Node and in the auditor's browser.
import { rfc6962Merkle } from "@/lib/ledger/merkle-proofs";
import { sha256Bytes } from "./bytes";

export const browserMerkle = rfc6962Merkle(sha256Bytes);

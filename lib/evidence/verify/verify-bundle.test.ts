import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildTestBundle, evidenceSigner, otherEvidenceSigner, otherLedgerKey, rezip } from "@/test/kits/evidence-bundle-kit";
import { signManifest } from "@/lib/evidence/bundle/sign-manifest";
import { fromBase64, toBase64, utf8 } from "./bytes";
import { bundleFiles } from "./bundle-format";
import { formatVerdict } from "./format-verdict";
import { verifyBundle, type TBundleVerdict } from "./verify-bundle";

const trusted = { evidenceKeys: [evidenceSigner.publicKey] };
const failing = (verdict: TBundleVerdict) => verdict.checks.filter((check) => check.status === "fail").map((check) => check.name);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("verifyBundle: a bundle as made", () => {
  it("passes every named check against the pinned evidence key", async () => {
    const { zip } = await buildTestBundle();
    const verdict = verifyBundle(zip, trusted);
    expect(failing(verdict)).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, trusted: true, entryCount: 8 });
    const names = verdict.checks.map((check) => check.name);
    for (const name of [
      "archive",
      "manifest.signature",
      "manifest.statement",
      "digest report.pdf",
      "digest report.json",
      "digest entries.ndjson",
      "digest oscal/assessment-results.json",
      "manifest.complete",
      "checkpoint.signature",
      "report.effective",
      "entries.leaf-hashes",
      "entries.inclusion",
      "consistency",
      "report.cited-seqs",
      "figure revocations",
      "figure approvals",
    ])
      expect(names).toContain(name);
    expect(formatVerdict(verdict)).toContain("VERIFIED: 8 ledger entries");
  });

  it("says 'signed by an unknown key' without a pinned key, and is then not trusted", async () => {
    const { zip } = await buildTestBundle();
    const verdict = verifyBundle(zip);
    expect(verdict.ok).toBe(true);
    expect(verdict.trusted).toBe(false);
    expect(verdict.checks.find((check) => check.name === "manifest.signature")).toMatchObject({ status: "warn" });
    expect(verdict.checks.find((check) => check.name === "manifest.signature")!.detail).toContain("signed by an unknown key");
  });

  it("verifies an incident report (no OSCAL document) and a bundle citing nothing but the checkpoint", async () => {
    expect(verifyBundle((await buildTestBundle({ kind: "incident_report" })).zip, trusted).ok).toBe(true);
    expect(verifyBundle((await buildTestBundle({ cited: [] })).zip, trusted).ok).toBe(true);
  });
});

describe("verifyBundle: tampering, each named", () => {
  it("one byte of an entry: its file digest and its leaf hash fail", async () => {
    const { files } = await buildTestBundle();
    const zip = rezip(files, (copy) => {
      const lines = text(copy.get(bundleFiles.entries)!).split("\n");
      const first = JSON.parse(lines[0]!) as { seq: string; canonical: string };
      const bytes = fromBase64(first.canonical)!;
      bytes[10] = bytes[10]! ^ 0x01;
      lines[0] = JSON.stringify({ seq: first.seq, canonical: toBase64(bytes) });
      copy.set(bundleFiles.entries, utf8(lines.join("\n")));
    });
    const verdict = verifyBundle(zip, trusted);
    expect(failing(verdict)).toEqual(expect.arrayContaining(["digest entries.ndjson", "entries.leaf-hashes"]));
    expect(verdict.checks.find((check) => check.name === "entries.leaf-hashes")!.detail).toContain("seq 2");
  });

  it("one decision in report.json, one byte of the PDF, one CSV cell: each file's digest fails", async () => {
    const { files } = await buildTestBundle();
    const decision = rezip(files, (copy) =>
      copy.set(bundleFiles.report, utf8(text(copy.get(bundleFiles.report)!).replace('"revoke"', '"approve"'))),
    );
    expect(failing(verifyBundle(decision, trusted))).toEqual(["digest report.json"]);
    const pdf = rezip(files, (copy) => copy.get(bundleFiles.pdf)!.set([0x41], 20));
    expect(failing(verifyBundle(pdf, trusted))).toEqual(["digest report.pdf"]);
    const csv = rezip(files, (copy) => copy.set("tables/decisions.csv", utf8("Seq,Decision\n2,approve\n")));
    expect(failing(verifyBundle(csv, trusted))).toEqual(["digest tables/decisions.csv"]);
  });

  it("the manifest signature altered", async () => {
    const { files } = await buildTestBundle();
    const zip = rezip(files, (copy) => {
      const envelope = JSON.parse(text(copy.get(bundleFiles.manifest)!)) as { signatures: { sig: string }[] };
      const sig = fromBase64(envelope.signatures[0]!.sig)!;
      sig[0] = sig[0]! ^ 0x80;
      envelope.signatures[0]!.sig = toBase64(sig);
      copy.set(bundleFiles.manifest, utf8(JSON.stringify(envelope)));
    });
    const verdict = verifyBundle(zip, trusted);
    expect(failing(verdict)).toEqual(["manifest.signature"]);
    expect(verifyBundle(zip).ok).toBe(false);
  });

  it("a bundle re-signed by another key: refused against the pinned key, 'unknown key' without one", async () => {
    const { files } = await buildTestBundle();
    const zip = rezip(files, (copy) => {
      copy.set(bundleFiles.report, utf8(text(copy.get(bundleFiles.report)!).replace('"revoke"', '"approve"')));
      copy.set(bundleFiles.evidenceKey, utf8(otherEvidenceSigner.publicKeyPem));
      const envelope = JSON.parse(text(copy.get(bundleFiles.manifest)!)) as { payload: string };
      const statement = JSON.parse(text(fromBase64(envelope.payload)!));
      const subjects = [...copy]
        .filter(([name]) => name !== bundleFiles.manifest)
        .map(([name, bytes]) => ({ name, digest: { sha256: sha256Hex(bytes) } }));
      copy.set(bundleFiles.manifest, utf8(JSON.stringify(signManifest(subjects, statement.predicate, otherEvidenceSigner).envelope)));
    });
    const pinned = verifyBundle(zip, trusted);
    expect(failing(pinned)).toEqual(["manifest.signature"]);
    expect(pinned.checks.find((check) => check.name === "manifest.signature")!.detail).toContain("signed by another key");
    const unpinned = verifyBundle(zip);
    expect(unpinned.trusted).toBe(false);
    expect(unpinned.checks.find((check) => check.name === "manifest.signature")!.status).toBe("warn");
  });

  it("entries.ndjson with a duplicated line, an unsafe seq or an extra key", async () => {
    const { files } = await buildTestBundle();
    const lines = text(files.get(bundleFiles.entries)!).split("\n");
    const withEntries = (body: string) => rezip(files, (copy) => copy.set(bundleFiles.entries, utf8(body)));
    expect(failing(verifyBundle(withEntries([lines[0], ...lines].join("\n")), trusted))).toEqual(
      expect.arrayContaining(["digest entries.ndjson", "entries.inclusion"]),
    );
    const unsafe = lines[0]!.replace(/"seq":"\d+"/, '"seq":"9007199254740993"');
    expect(failing(verifyBundle(withEntries([unsafe, ...lines.slice(1)].join("\n")), trusted))).toContain("entries.ndjson");
    const extra = lines[0]!.replace("{", '{"note":"x",');
    expect(failing(verifyBundle(withEntries([extra, ...lines.slice(1)].join("\n")), trusted))).toContain("entries.ndjson");
  });

  it("a file added that the manifest does not list, and a listed file removed", async () => {
    const { files } = await buildTestBundle();
    expect(
      failing(
        verifyBundle(
          rezip(files, (copy) => copy.set("extra.txt", utf8("x"))),
          trusted,
        ),
      ),
    ).toEqual(["manifest.complete"]);
    expect(
      failing(
        verifyBundle(
          rezip(files, (copy) => copy.delete(bundleFiles.pdf)),
          trusted,
        ),
      ),
    ).toEqual(["digest report.pdf"]);
  });

  it("a figure that does not follow from the entries, and citedSeqs that are not the entries present", async () => {
    const misstated = await buildTestBundle({ edit: (report) => (report.figures[0]!.value += 1) });
    const verdict = verifyBundle(misstated.zip, trusted);
    expect(failing(verdict)).toEqual(["figure revocations"]);
    expect(verdict.checks.find((check) => check.name === "figure revocations")!.detail).toMatch(/report says 5, the cited entries show 4/);
    const uncited = await buildTestBundle({ edit: (report) => report.citedSeqs.pop() });
    expect(failing(verifyBundle(uncited.zip, trusted))).toEqual(["report.cited-seqs"]);
    const noFigures = await buildTestBundle({ edit: (report) => Object.assign(report, { figures: null }) });
    expect(failing(verifyBundle(noFigures.zip, trusted))).toEqual(["report.figures"]);
  });

  it("an inclusion proof, the checkpoint, the consistency proof or the ledger key altered", async () => {
    const { files } = await buildTestBundle();
    const proofs = (change: (value: { inclusion: { proof: string[] }[]; consistency: { proof: string[] } }) => void) =>
      rezip(files, (copy) => {
        const value = JSON.parse(text(copy.get(bundleFiles.proofs)!));
        change(value);
        copy.set(bundleFiles.proofs, utf8(JSON.stringify(value)));
      });
    expect(
      failing(
        verifyBundle(
          proofs((value) => (value.inclusion[3]!.proof[0] = "00".repeat(32))),
          trusted,
        ),
      ),
    ).toEqual(["digest proofs.json", "entries.inclusion"]);
    expect(
      failing(
        verifyBundle(
          proofs((value) => value.consistency.proof.reverse()),
          trusted,
        ),
      ),
    ).toEqual(["digest proofs.json", "consistency"]);
    const checkpoint = rezip(files, (copy) =>
      copy.set(bundleFiles.checkpoint, utf8(text(copy.get(bundleFiles.checkpoint)!).replace("\n30\n", "\n31\n"))),
    );
    expect(failing(verifyBundle(checkpoint, trusted))).toEqual(expect.arrayContaining(["digest checkpoint.txt", "checkpoint.signature"]));
    const otherLedger = verifyBundle(
      rezip(files, () => {}),
      { ...trusted, ledgerKeys: [otherLedgerKey.verifierKey] },
    );
    expect(failing(otherLedger)).toEqual(["checkpoint.signature", "entries.inclusion", "consistency"]);
    expect(otherLedger.checks.find((check) => check.name === "checkpoint.signature")!.detail).toContain("is not the trusted one");
  });
});

describe("verifyBundle: hostile archives get a verdict and nothing is extracted", () => {
  const zipOf = (entries: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, utf8(value)])));
  const archive = (zip: Uint8Array, limits?: { maxEntries: number; maxTotalBytes: number }) => {
    const verdict = verifyBundle(zip, { ...trusted, limits });
    expect(verdict.ok).toBe(false);
    return verdict.checks[0]!;
  };

  it("truncated, not a zip, bytes appended", async () => {
    const { zip } = await buildTestBundle();
    expect(archive(zip.subarray(0, zip.length - 100))).toMatchObject({ name: "archive", status: "fail" });
    expect(archive(zip.subarray(0, Math.floor(zip.length / 2))).detail).toMatch(/truncated|not a zip/);
    expect(archive(utf8("%PDF-1.7 this is not a zip")).detail).toMatch(/not a zip/);
    expect(archive(new Uint8Array([...zip, 1, 2, 3])).detail).toMatch(/after the end/);
  });

  it("a foreign zip: readable, but every bundle check fails", () => {
    const verdict = verifyBundle(zipOf({ "hello.txt": "hi" }), trusted);
    expect(verdict.checks[0]).toMatchObject({ name: "archive", status: "pass" });
    expect(failing(verdict)).toEqual(expect.arrayContaining(["manifest.json", "checkpoint.signature", "report.json", "entries.ndjson"]));
  });

  it("path traversal, absolute paths, backslashes, NUL and duplicate names", () => {
    expect(archive(zipOf({ "../evil.txt": "x" })).detail).toMatch(/path traversal/);
    expect(archive(zipOf({ "tables/../../evil.txt": "x" })).detail).toMatch(/path traversal/);
    expect(archive(zipOf({ "/etc/passwd": "x" })).detail).toMatch(/absolute/);
    expect(archive(zipOf({ "C:/evil.txt": "x" })).detail).toMatch(/absolute/);
    expect(archive(zipOf({ "a\\..\\evil.txt": "x" })).detail).toMatch(/backslash/);
    expect(archive(zipOf({ "a\u0000.txt": "x" })).detail).toMatch(/control character/);
    const twice = patch(zipOf({ "a.txt": "one", "b.txt": "two" }), "b.txt", "a.txt");
    expect(archive(twice).detail).toMatch(/appears twice/);
    const caseTwice = patch(zipOf({ "a.txt": "one", "b.txt": "two" }), "b.txt", "A.txt");
    expect(archive(caseTwice).detail).toMatch(/appears twice/);
  });

  it("zip bombs: too much declared, more inflated than declared, too many entries", () => {
    const zeros = zipSync({ "zeros.bin": new Uint8Array(4 * 1024 * 1024) });
    expect(zeros.length).toBeLessThan(20_000);
    expect(archive(zeros, { maxEntries: 10, maxTotalBytes: 1024 * 1024 }).detail).toMatch(/zip bomb/);
    // Declare 1,000 bytes (central and local headers) for what inflates to 4 MiB.
    const lying = setDeclaredSize(zeros, 1000);
    expect(archive(lying).detail).toMatch(/inflates past its declared 1000 bytes/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, utf8("x")])));
    expect(archive(many, { maxEntries: 20, maxTotalBytes: 1e6 }).detail).toMatch(/30 entries, more than the 20/);
  });

  it("a corrupted member fails its CRC", () => {
    const zip = zipSync({ "a.txt": [utf8("hello hello hello"), { level: 0 }] });
    const at = indexOf(zip, utf8("hello"));
    zip[at] = 0x48;
    expect(archive(zip).detail).toMatch(/CRC-32/);
  });
});

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function patch(zip: Uint8Array, from: string, to: string): Uint8Array {
  const out = zip.slice();
  for (let at = indexOf(out, utf8(from)); at >= 0; at = indexOf(out, utf8(from), at + 1)) out.set(utf8(to), at);
  return out;
}

function setDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at < out.length - 4; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

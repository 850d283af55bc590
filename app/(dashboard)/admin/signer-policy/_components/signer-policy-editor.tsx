"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useNotice } from "@/components/ui/notice";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { addSignerAction, removeSignerAction } from "../actions";

type TEntry = {
  id: string;
  kind: "identity" | "key";
  label: string;
  identity: string | null;
  issuer: string | null;
  fingerprint: string | null;
  createdAt: string;
};
type TProject = { id: string; name: string; slug: string; entries: TEntry[]; verified: number; failed: number };

export function SignerPolicyEditor({ projects, selectedId }: { projects: TProject[]; selectedId: string | null }) {
  const selected = projects.find((project) => project.id === selectedId) ?? null;
  return (
    <div className="grid gap-5 lg:grid-cols-[16rem_1fr]">
      <Card>
        <CardHeader title="Projects" description="Signers allowed · signatures verified / failed" />
        <ul className="divide-y divide-slate-100 text-sm">
          {projects.map((project) => (
            <li key={project.id}>
              <Link
                href={`/admin/signer-policy?project=${encodeURIComponent(project.slug)}`}
                aria-current={project.id === selectedId ? "page" : undefined}
                className={`flex items-center justify-between gap-2 px-4 py-2 hover:bg-slate-50 ${project.id === selectedId ? "bg-indigo-50 font-medium text-indigo-900" : "text-slate-800"}`}
              >
                <span>{project.name}</span>
                <span className="text-xs whitespace-nowrap text-slate-600">
                  {project.entries.length} · {project.verified}/{project.failed}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      {selected ? <ProjectPolicy key={selected.id} project={selected} /> : <p className="text-sm text-slate-600">No projects yet.</p>}
    </div>
  );
}

function ProjectPolicy({ project }: { project: TProject }) {
  return (
    <div className="space-y-5">
      <Card>
        <CardHeader
          title={`${project.name}: allowed signers`}
          description={
            project.entries.length === 0
              ? "Nobody may sign this project's models yet: every signature attached to its versions fails with “signer not allowed”."
              : "A signature passes only if its signer is one of these."
          }
        />
        <Table>
          <TableHead
            columns={["Signer", "Kind", "Identity · issuer, or key fingerprint (SHA-256)", "Added", { label: "Remove", srOnly: true }]}
          />
          <tbody>
            {project.entries.length === 0 ? <EmptyRow colSpan={5}>No signer allowed.</EmptyRow> : null}
            {project.entries.map((entry) => (
              <tr key={entry.id}>
                <Td className="font-medium">{entry.label}</Td>
                <Td>
                  <Badge tone={entry.kind === "key" ? "accent" : "info"}>{entry.kind === "key" ? "public key" : "Sigstore identity"}</Badge>
                </Td>
                <Td className="text-xs">
                  {entry.kind === "identity" ? (
                    <>
                      <span className="block text-slate-900">{entry.identity}</span>
                      <span className="block text-slate-600">issuer {entry.issuer}</span>
                    </>
                  ) : (
                    <code className="block max-w-[26rem] font-mono break-all text-slate-800">{entry.fingerprint}</code>
                  )}
                </Td>
                <Td className="text-xs whitespace-nowrap">{entry.createdAt.slice(0, 10)}</Td>
                <Td>
                  <RemoveSignerButton entry={entry} projectName={project.name} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <AddSignerForm project={project} />
    </div>
  );
}

function RemoveSignerButton({ entry, projectName }: { entry: TEntry; projectName: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const { notify } = useNotice();
  const router = useRouter();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Remove
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Stop allowing ${entry.label}?`}
        description={`New signatures by this ${entry.kind === "key" ? "key" : "identity"} on ${projectName}'s models will fail verification. Signatures already verified keep their verdict. The change is recorded in the ledger.`}
      >
        <div className="flex justify-end gap-2 p-4">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await removeSignerAction({ entryId: entry.id });
                notify(result.message, result.ok ? "success" : "error");
                setOpen(false);
                if (result.ok) router.refresh();
              })
            }
          >
            Remove signer
          </Button>
        </div>
      </ModalDialog>
    </>
  );
}

function AddSignerForm({ project }: { project: TProject }) {
  const id = useId();
  const [kind, setKind] = useState<"identity" | "key">("identity");
  const [label, setLabel] = useState("");
  const [identity, setIdentity] = useState("");
  const [issuer, setIssuer] = useState("");
  const [publicKeyPem, setPublicKeyPem] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const { notify } = useNotice();
  const router = useRouter();
  const errorProps = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  return (
    <Card>
      <CardHeader
        title="Allow a signer"
        description="Sigstore (keyless) signatures name a certificate identity and the OIDC issuer that vouched for it; key signatures are checked against the public key you paste here."
      />
      <form
        noValidate
        className="space-y-4 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const input =
              kind === "identity"
                ? { kind, projectId: project.id, label, identity, issuer }
                : { kind, projectId: project.id, label, publicKeyPem };
            const result = await addSignerAction(input);
            notify(result.message, result.ok ? "success" : "error");
            setErrors(result.ok ? {} : result.fieldErrors);
            if (result.ok) {
              setLabel("");
              setIdentity("");
              setIssuer("");
              setPublicKeyPem("");
              router.refresh();
            }
          });
        }}
      >
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 text-xs font-medium text-slate-700">Kind</legend>
          {(["identity", "key"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} onChange={() => setKind(value)} />
              {value === "identity" ? "Sigstore identity" : "Public key (ECDSA P-256 / P-384)"}
            </label>
          ))}
        </fieldset>
        <Field label="Label (optional)" htmlFor={`${id}-label`} error={errors.label} hint="How the policy and the ledger name this signer.">
          <input
            id={`${id}-label`}
            className={inputClass}
            value={label}
            maxLength={200}
            onChange={(event) => setLabel(event.target.value)}
          />
        </Field>
        {kind === "identity" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Certificate identity"
              htmlFor={`${id}-identity`}
              error={errors.identity}
              hint="An email, or a workflow URI for CI."
            >
              <input
                id={`${id}-identity`}
                className={inputClass}
                value={identity}
                placeholder="ml-release@acme-robotics.example"
                onChange={(event) => setIdentity(event.target.value)}
                {...errorProps("identity")}
              />
            </Field>
            <Field label="OIDC issuer" htmlFor={`${id}-issuer`} error={errors.issuer} hint="e.g. https://accounts.google.com">
              <input
                id={`${id}-issuer`}
                className={inputClass}
                value={issuer}
                placeholder="https://token.actions.githubusercontent.com"
                onChange={(event) => setIssuer(event.target.value)}
                {...errorProps("issuer")}
              />
            </Field>
          </div>
        ) : (
          <Field label="Public key (PEM)" htmlFor={`${id}-publicKeyPem`} error={errors.publicKeyPem}>
            <textarea
              id={`${id}-publicKeyPem`}
              className={`${inputClass} font-mono text-xs`}
              rows={6}
              value={publicKeyPem}
              placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
              onChange={(event) => setPublicKeyPem(event.target.value)}
              {...errorProps("publicKeyPem")}
            />
          </Field>
        )}
        <Button type="submit" disabled={pending}>
          Allow signer for {project.name}
        </Button>
      </form>
    </Card>
  );
}

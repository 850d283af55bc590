"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { addWitnessAction, removeWitnessAction, setPublicationAction, type TPublicationActionState } from "../actions";

/** Admins: publish the checkpoint and hash tiles, or take them back behind ledger.read. */
export function PublicationToggle({ publicTiles }: { publicTiles: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <p className="text-xs text-slate-600">
        {publicTiles
          ? "Anyone can read the checkpoint, the checkpoint list and the hash tiles without signing in. Entry contents still need ledger.read."
          : "Only people and tokens with ledger.read can read them. Publishing lets witnesses and auditors follow the log without an account; entry contents stay private."}
      </p>
      <Button
        variant={publicTiles ? "secondary" : "primary"}
        className="mt-2"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await setPublicationAction(!publicTiles);
            setMessage(result.message);
            router.refresh();
          })
        }
      >
        {publicTiles ? "Require ledger.read again" : "Publish checkpoint and tiles"}
      </Button>
      {message ? (
        <p role="status" className="mt-1 text-xs text-slate-600">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Admins: accept cosignatures from a witness, given its verifier key (signature type 0x04). */
export function AddWitnessForm() {
  const id = useId();
  const [verifierKey, setVerifierKey] = useState("");
  const [state, dispatch, pending] = useActionState<TPublicationActionState, unknown>(addWitnessAction, null);
  const error = state && !state.ok ? (state.fieldErrors.verifierKey ?? state.message) : undefined;
  return (
    <form
      noValidate
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch({ verifierKey }));
      }}
    >
      <Field
        label="Add a witness"
        htmlFor={`${id}-key`}
        error={error}
        hint={state?.ok ? state.message : "Its verifier key: <name>+<key ID>+base64(0x04 ‖ Ed25519 public key)"}
        className="flex-1"
      >
        <input
          id={`${id}-key`}
          className={`${inputClass} font-mono`}
          value={verifierKey}
          placeholder="witness.example.com/w1+8d66cf3f+BA…"
          onChange={(event) => setVerifierKey(event.target.value)}
          {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-key-error` } : {})}
        />
      </Field>
      <Button type="submit" disabled={pending} className="mb-5">
        Add witness
      </Button>
    </form>
  );
}

export function RemoveWitnessButton({ witnessId, name }: { witnessId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      disabled={pending}
      aria-label={`Remove witness ${name}`}
      onClick={() =>
        start(async () => {
          await removeWitnessAction(witnessId);
          router.refresh();
        })
      }
    >
      Remove
    </Button>
  );
}

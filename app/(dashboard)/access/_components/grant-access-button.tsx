"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TPrincipalOption } from "@/lib/access/search-principals";
import { GrantForm } from "./grant-form";
import { ModalDialog } from "@/components/ui/modal-dialog";

/** The administrators' "Grant access" button; on a principal's page it starts with that principal. */
export function GrantAccessButton({
  environments,
  initialPrincipal,
  label = "Grant access",
}: {
  environments: { id: string; name: string }[];
  initialPrincipal?: TPrincipalOption;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> {label}
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Grant access"
        width="max-w-2xl"
        description="Who may do what, on which model, until when, and why. The grant and its ledger entry are written together."
      >
        {open ? <GrantForm environments={environments} initialPrincipal={initialPrincipal} onDone={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TServiceAccountFormOptions } from "@/lib/service-accounts/list-service-account-form-options";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { NewServiceAccountForm } from "./new-service-account-form";

/** The administrators' "New service account" button and its form. */
export function NewServiceAccountButton({ options }: { options: TServiceAccountFormOptions }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> New service account
      </Button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        title="New service account"
        width="max-w-2xl"
        description="A pipeline, monitor or integration that calls Custody. It gets no token yet: you create those on its page."
      >
        {open ? <NewServiceAccountForm options={options} onCancel={() => setOpen(false)} /> : null}
      </ModalDialog>
    </>
  );
}

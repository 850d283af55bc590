"use client";

import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { confirmTotpEnrollmentAction, startTotpEnrollmentAction, type TSettingsActionState } from "../actions";

/**
 * Enrolment of an authenticator app: a QR code, and the same secret as text beside it for anyone
 * who cannot scan; then a first code confirms it. Replacing a confirmed one asks for a current code.
 * After too many wrong codes every check is locked for a while: the page says until when.
 */
export function TotpEnrollment({
  enrolled,
  confirmedAt,
  lockedUntil,
}: {
  enrolled: boolean;
  confirmedAt: string | null;
  lockedUntil: string | null;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<TSettingsActionState>(null);
  const [enrollment, setEnrollment] = useState<{ secret: string; qrDataUrl: string; otpauthUri: string } | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [currentCode, setCurrentCode] = useState("");
  const [code, setCode] = useState("");
  const [done, setDone] = useState<string | null>(null);

  const start = () =>
    startTransition(async () => {
      const outcome = await startTotpEnrollmentAction(enrolled ? currentCode : undefined);
      setState(outcome);
      if (outcome?.ok && outcome.enrollment) setEnrollment(outcome.enrollment);
    });
  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await confirmTotpEnrollmentAction(code);
      setState(outcome);
      if (outcome?.ok) {
        setDone(outcome.message);
        setEnrollment(null);
        setReplacing(false);
        router.refresh();
      }
    });
  };
  const errors = state && !state.ok ? state.fieldErrors : {};

  if (enrollment) {
    return (
      <div className="grid gap-6 md:grid-cols-[auto_1fr]">
        {/* A data: URL made on the server; next/image would not add anything here. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={enrollment.qrDataUrl}
          alt="QR code to add Custody to your authenticator app"
          width={208}
          height={208}
          className="rounded border border-slate-200"
        />
        <div className="space-y-4">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>Open your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …) and scan the QR code.</li>
            <li>Cannot scan? Add an account by hand with this secret key (time-based, 6 digits, 30 seconds):</li>
          </ol>
          <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
            <span className="block text-xs text-slate-500" id={`${id}-secret-label`}>
              Secret key
            </span>
            <code
              className="font-mono text-sm tracking-wider break-all text-slate-900"
              aria-labelledby={`${id}-secret-label`}
              data-testid="totp-secret"
            >
              {enrollment.secret}
            </code>
          </p>
          <form onSubmit={confirm} className="flex items-end gap-2">
            <Field label="Code shown by the app" htmlFor={`${id}-code`} error={errors.code} className="w-48">
              <input
                id={`${id}-code`}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                className={`${inputClass} font-mono tracking-widest`}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                placeholder="123456"
              />
            </Field>
            <Button type="submit" disabled={pending}>
              {pending ? "Checking…" : "Confirm"}
            </Button>
          </form>
          {state && !state.ok && !errors.code ? (
            <p role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          ) : null}
          <p className="text-xs text-slate-500">The secret is shown only now. Custody keeps it encrypted and never shows it again.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {lockedUntil ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Too many wrong codes were entered for your account: every code check (signing, replacing or setting up an authenticator) is locked
          until <time dateTime={lockedUntil}>{lockedUntil.slice(11, 16)} UTC</time>. A correct code is refused too until then. If these were
          not your attempts, tell your security team.
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {done}
        </p>
      ) : null}
      {enrolled ? (
        <p className="flex items-center gap-2 text-sm text-slate-800">
          <ShieldCheck className="size-4 text-emerald-600" aria-hidden /> Authenticator app set up
          {confirmedAt ? ` on ${confirmedAt.slice(0, 10)}` : ""}.
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          Signing off an access review (and other signed actions) needs a fresh code from an authenticator app. Set one up now.
        </p>
      )}
      {enrolled && replacing ? (
        <div className="flex items-end gap-2">
          <Field label="Current code from your app" htmlFor={`${id}-current`} error={errors.currentCode} className="w-56">
            <input
              id={`${id}-current`}
              inputMode="numeric"
              maxLength={7}
              className={`${inputClass} font-mono tracking-widest`}
              value={currentCode}
              onChange={(event) => setCurrentCode(event.target.value)}
            />
          </Field>
          <Button onClick={start} disabled={pending}>
            Replace authenticator
          </Button>
          <Button variant="secondary" onClick={() => setReplacing(false)}>
            Cancel
          </Button>
        </div>
      ) : enrolled ? (
        <Button variant="secondary" onClick={() => setReplacing(true)}>
          Replace authenticator…
        </Button>
      ) : (
        <Button onClick={start} disabled={pending}>
          {pending ? "Preparing…" : "Set up authenticator app"}
        </Button>
      )}
      {state && !state.ok && !errors.currentCode ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

import { Button } from "./button";
import { cn } from "./cn";

/** Why the form's last attempt failed, read out at once (role="alert"); nothing when it did not. */
export function FormError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

/**
 * The row of a form's buttons, right-aligned: Cancel (when `onCancel` is given) and then the
 * children, the submit button last. `separated` rules it off from the fields above.
 */
export function FormActions({
  onCancel,
  separated = false,
  className,
  children,
}: {
  onCancel?: () => void;
  separated?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex justify-end gap-2", separated && "border-t border-slate-200 pt-3", className)}>
      {onCancel ? (
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
      {children}
    </div>
  );
}

import { NotFoundNotice } from "@/components/not-found-notice";

export default function PrincipalNotFound() {
  return (
    <NotFoundNotice title="No such principal" backHref="/access" backLabel="Back to Access">
      There is no user, group or service account here, or it is not visible to you. Engineers can open their own page only.
    </NotFoundNotice>
  );
}

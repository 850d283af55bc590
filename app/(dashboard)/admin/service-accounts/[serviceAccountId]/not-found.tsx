import { NotFoundNotice } from "@/components/not-found-notice";

export default function ServiceAccountNotFound() {
  return (
    <NotFoundNotice title="No such service account" backHref="/admin/service-accounts" backLabel="Back to service accounts">
      There is no service account with this id in your organisation.
    </NotFoundNotice>
  );
}

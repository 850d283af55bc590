import { NotFoundNotice } from "@/components/not-found-notice";

export default function DestinationNotFound() {
  return (
    <NotFoundNotice title="No such destination" backHref="/admin/forwarding" backLabel="Back to forwarding">
      There is no forwarding destination with this id in your organisation.
    </NotFoundNotice>
  );
}

import { NotFoundNotice } from "@/components/not-found-notice";

export default function AlertNotFound() {
  return (
    <NotFoundNotice title="No such alert" backHref="/alerts" backLabel="All alerts">
      It does not exist, or it belongs to another organisation. Check the link, or find the alert in the list.
    </NotFoundNotice>
  );
}

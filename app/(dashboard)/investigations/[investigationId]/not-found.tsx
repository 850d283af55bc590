import { NotFoundNotice } from "@/components/not-found-notice";

export default function InvestigationNotFound() {
  return (
    <NotFoundNotice title="No such investigation" backHref="/investigations" backLabel="All investigations">
      It does not exist, or it belongs to another organisation. Check the link, or find the case in the list.
    </NotFoundNotice>
  );
}

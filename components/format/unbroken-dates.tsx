import { Fragment } from "react";

/**
 * Free text (a justification, a recommendation's reason) with each ISO date in it kept on one
 * line: browsers break lines at hyphens, and "2026-07-" over "15" is easily misread.
 */
export function UnbrokenDates({ text }: { text: string }) {
  const parts = text.split(/(\d{4}-\d{2}-\d{2})/);
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <span key={index} className="whitespace-nowrap">
        {part}
      </span>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

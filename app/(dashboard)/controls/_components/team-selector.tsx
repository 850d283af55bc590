"use client";

import { usePathname, useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";

/** The team whose controls are shown; the choice lives in the URL (`?team=`), so a link reproduces the view. */
export function TeamSelector({
  teams,
  selected,
  defaultLabel,
}: {
  teams: { id: string; name: string }[];
  selected: string | null;
  defaultLabel: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="control-team" className="text-xs font-medium text-slate-700">
        Team
      </label>
      <select
        id="control-team"
        className={`${inputClass} w-56`}
        value={selected ?? ""}
        onChange={(event) => router.push(event.target.value ? `${pathname}?team=${encodeURIComponent(event.target.value)}` : pathname)}
      >
        <option value="">{defaultLabel}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

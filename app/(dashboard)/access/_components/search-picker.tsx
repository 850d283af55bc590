"use client";

import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { useDebouncedValue } from "./use-debounced-value";

type TOption = { id: string; name: string; detail: string };

/** A combobox over a search endpoint: type, pick with the mouse or the arrow keys and Enter. */
export function SearchPicker<T extends TOption, TKey extends QueryKey>({
  id,
  value,
  onChange,
  queryFor,
  placeholder,
  optionKey,
  renderBadge,
  invalid,
  describedBy,
}: {
  id: string;
  value: T | null;
  onChange: (option: T | null) => void;
  queryFor: (q: string) => UseQueryOptions<T[], Error, T[], TKey>;
  placeholder: string;
  optionKey: (option: T) => string;
  renderBadge?: (option: T) => React.ReactNode;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({ ...queryFor(q), enabled: open && !value, placeholderData: keepPreviousData });
  const options = results.data ?? [];
  const listId = `${id}-options`;

  if (value) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-2.5 py-1.5">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-1 text-sm font-medium text-slate-900">
            {value.name}
            {renderBadge?.(value)}
          </div>
          <div className="truncate text-xs text-slate-500">{value.detail}</div>
        </div>
        <button
          id={id}
          type="button"
          className="text-xs font-medium text-indigo-700 hover:underline"
          onClick={() => {
            onChange(null);
            setOpen(true);
          }}
        >
          Change
        </button>
      </div>
    );
  }

  const choose = (option: T | undefined) => {
    if (!option) return;
    onChange(option);
    setOpen(false);
    setText("");
  };
  return (
    <div className="relative">
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        className={inputClass}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(index + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === "Enter" && open) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === "Escape" && open) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {results.isError ? (
            <li className="px-3 py-2 text-xs text-red-700">{results.error.message}</li>
          ) : results.isPending ? (
            <li className="px-3 py-2 text-xs text-slate-500">Searching…</li>
          ) : options.length === 0 ? (
            <li className="px-3 py-2 text-xs text-slate-500">{q ? `Nothing matches “${q}”.` : "Nothing to choose from."}</li>
          ) : (
            options.map((option, index) => (
              <li
                key={optionKey(option)}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
                onMouseEnter={() => setActive(index)}
                className={cn("cursor-pointer px-3 py-1.5", index === active ? "bg-indigo-50" : "")}
              >
                <div className="flex flex-wrap items-center gap-1 text-sm text-slate-900">
                  {option.name}
                  {renderBadge?.(option)}
                </div>
                <div className="truncate text-xs text-slate-500">{option.detail}</div>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}

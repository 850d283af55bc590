import { FilterField } from "@/components/filter-bar";
import { inputClass } from "@/components/ui/field";
import { VocabularyOptions } from "@/components/vocabulary-options";

/**
 * One labelled drop-down of a filter bar: "any" (the empty value) first when `anyLabel` is given,
 * then each option under its label. The bar owns the value (it lives in the URL).
 */
export function FilterSelect<TOption extends string>({
  id,
  label,
  value,
  onChange,
  anyLabel,
  options,
  optionLabels,
  className,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  anyLabel?: string;
  options: readonly TOption[];
  optionLabels: Record<TOption, string>;
  className?: string;
}) {
  return (
    <FilterField id={id} label={label} className={className}>
      <select id={id} className={inputClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        <VocabularyOptions values={options} labels={optionLabels} />
      </select>
    </FilterField>
  );
}

// The dashboard's headline numbers, each a value or why the data cannot
// give it: the tiles on the page and the slides of its presentation show
// the same words.
import type { Report } from "$lib/backend";
import { formatHours } from "./cells";

export type HeadlineTile = { label: string; value: string; note: string };

const percent = (p: number | undefined) =>
  p === undefined
    ? "—"
    : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(p)} %`;

export function headlineTiles(report: Report): HeadlineTile[] {
  return [
    { label: "Opened", value: String(report.opened), note: `${report.open} still open` },
    { label: "Resolved", value: String(report.resolved), note: "" },
    {
      label: "Median turnaround",
      value: formatHours(report.turnaround.value?.medianHours),
      note: report.turnaround.value
        ? `90 % within ${formatHours(report.turnaround.value.p90Hours)}`
        : (report.turnaround.unsupported ?? ""),
    },
    {
      label: "Median in business hours",
      value: formatHours(report.businessTurnaround.value?.medianHours),
      note: report.businessTurnaround.value
        ? `mean ${formatHours(report.businessTurnaround.value.meanHours)}`
        : (report.businessTurnaround.unsupported ?? ""),
    },
    {
      label: "SLA kept",
      value: percent(report.slaKept.value?.percent),
      note: report.slaKept.value
        ? `${report.slaKept.value.part} of ${report.slaKept.value.whole}`
        : (report.slaKept.unsupported ?? ""),
    },
    {
      label: "Satisfaction",
      value: report.satisfaction.value ? report.satisfaction.value.mean.toFixed(1) + " / 5" : "—",
      note: report.satisfaction.value
        ? `${percent(report.satisfaction.value.responseRate.percent)} answered`
        : (report.satisfaction.unsupported ?? ""),
    },
  ];
}

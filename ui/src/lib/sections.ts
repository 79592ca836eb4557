import type { Component } from "svelte";
import {
  BookOpen,
  House,
  LayoutGrid,
  FlaskConical,
  ChartColumn,
  Map as MapIcon,
  Users,
} from "@lucide/svelte";

/** The app's sections, in sidebar order. `ready` is false where the section
 * arrives with a later capability: it then says so instead of pretending. */
export type SectionId =
  "home" | "catalog" | "pilots" | "reports" | "roadmap" | "directory" | "knowledge";

export interface Section {
  id: SectionId;
  label: string;
  icon: Component;
  ready: boolean;
  /** What the section will hold, shown while it is not ready. */
  promise: string;
  comingWith: string;
}

export const sections: Section[] = [
  {
    id: "home",
    label: "Home",
    icon: House,
    ready: true,
    promise: "",
    comingWith: "",
  },
  {
    id: "catalog",
    label: "Catalog",
    icon: LayoutGrid,
    ready: true,
    promise:
      "Turn a department's forms and list exports into catalog items: typed request forms with an owner, approvals and an SLA target.",
    comingWith: "the CSV import wizard and the catalog builder",
  },
  {
    id: "pilots",
    label: "Pilots",
    icon: FlaskConical,
    ready: true,
    promise:
      "Run a time-boxed pilot of some catalog items with real requests, queues, approvals and SLA clocks.",
    comingWith: "pilot runs",
  },
  {
    id: "reports",
    label: "Reports",
    icon: ChartColumn,
    ready: true,
    promise:
      "Show the department head volume, turnaround, SLA kept and satisfaction — pilot against baseline, with the value made explicit.",
    comingWith: "pilot dashboards",
  },
  {
    id: "roadmap",
    label: "Roadmap",
    icon: MapIcon,
    ready: true,
    promise:
      "Keep the backlog of use cases per department, estimate their value and rank them to pick the next pilots.",
    comingWith: "the use-case roadmap",
  },
  {
    id: "directory",
    label: "Directory",
    icon: Users,
    ready: true,
    promise: "",
    comingWith: "",
  },
  {
    id: "knowledge",
    label: "Knowledge",
    icon: BookOpen,
    ready: true,
    promise: "",
    comingWith: "",
  },
];

export function isSection(id: string): id is SectionId {
  return sections.some((s) => s.id === id);
}

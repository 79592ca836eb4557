// Generated from the Rust types by `make bindings`. Do not edit by hand.

export type AppError = { 
/**
 * Stable and machine-readable, e.g. `not_a_workspace`, `invalid`.
 */
code: string, 
/**
 * Written for the person in front of the screen.
 */
message: string, };

export type AppSnapshot = { workspace: WorkspaceInfo | null, recent: Array<RecentWorkspace>, showWelcome: boolean, notice: AppError | null, };

export type RecentWorkspace = { name: string, path: string, };

export type WorkspaceInfo = { path: string, name: string, departments: number, people: number, };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Holiday = { 
/**
 * ISO date, `YYYY-MM-DD`.
 */
date: string, name: string, };

export type BusinessHours = { 
/**
 * An IANA time zone name such as `Europe/Berlin`.
 */
timeZone: string, workingDays: Array<Weekday>, 
/**
 * `HH:MM`, local time.
 */
dayStart: string, 
/**
 * `HH:MM`, local time.
 */
dayEnd: string, holidays: Array<Holiday>, };

export type Department = { id: number, name: string, isRequester: boolean, isProvider: boolean, headId: number | null, headName: string | null, hours: BusinessHours, peopleCount: number, };

export type DepartmentInput = { name: string, isRequester: boolean, isProvider: boolean, headId: number | null, hours: BusinessHours, };

export type Role = "requester" | "fulfiller" | "approver" | "analyst" | "department_head" | "champion";

export type Person = { id: number, name: string, email: string, departmentId: number | null, departmentName: string | null, managerId: number | null, managerName: string | null, roles: Array<Role>, };

export type PersonInput = { name: string, email: string, departmentId: number | null, managerId: number | null, roles: Array<Role>, };

export type Usage = { 
/**
 * People who belong to the department.
 */
members: number, 
/**
 * People whose manager this person is.
 */
reports: number, 
/**
 * Departments this person heads.
 */
heads: Array<string>, };

/** Every command: its arguments and what it resolves to. */
export type Commands = {
  app_snapshot: { args: Record<string, never>; returns: AppSnapshot };
  workspace_new: { args: Record<string, never>; returns: AppSnapshot };
  workspace_open: { args: Record<string, never>; returns: AppSnapshot };
  workspace_open_recent: { args: { index: number }; returns: AppSnapshot };
  workspace_save_as: { args: Record<string, never>; returns: AppSnapshot };
  workspace_close: { args: Record<string, never>; returns: AppSnapshot };
  welcome_dismiss: { args: Record<string, never>; returns: null };
  departments_list: { args: { query: string }; returns: Array<Department> };
  department_create: { args: { input: DepartmentInput }; returns: Department };
  department_update: { args: { id: number; input: DepartmentInput }; returns: Department };
  department_usage: { args: { id: number }; returns: Usage };
  department_delete: { args: { id: number }; returns: null };
  people_list: { args: { query: string }; returns: Array<Person> };
  person_create: { args: { input: PersonInput }; returns: Person };
  person_update: { args: { id: number; input: PersonInput }; returns: Person };
  person_usage: { args: { id: number }; returns: Usage };
  person_delete: { args: { id: number }; returns: null };
  time_zones: { args: Record<string, never>; returns: Array<string> };
};

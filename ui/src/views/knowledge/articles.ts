// What the Knowledge pages compute without the backend: a new article's
// input, an article's input for editing, and whether a review is due.
import type { Article, ArticleInput } from "$lib/backend";

/** `date` (`YYYY-MM-DD`) moved by `months`, as `YYYY-MM-DD`. */
export function monthsLater(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const moved = new Date(Date.UTC(y, m - 1 + months, 1));
  // A day the target month lacks (31 August + 6 months) is its last day.
  const last = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
  moved.setUTCDate(Math.min(d, last));
  return moved.toISOString().slice(0, 10);
}

/** A new article of a department, to be reviewed in six months. */
export function blankArticle(
  departmentId: number | undefined,
  today = new Date().toISOString().slice(0, 10),
): ArticleInput {
  return {
    departmentId: departmentId ?? 0,
    catalogItemId: null,
    title: "",
    body: "",
    ownerId: null,
    reviewDate: monthsLater(today, 6),
  };
}

export function toInput(a: Article): ArticleInput {
  return {
    departmentId: a.departmentId,
    catalogItemId: a.catalogItemId,
    title: a.title,
    body: a.body,
    ownerId: a.ownerId,
    reviewDate: a.reviewDate,
  };
}

/** Whether an article's review date (`YYYY-MM-DD`) is today or past. */
export function reviewDue(reviewDate: string, today: string): boolean {
  return reviewDate <= today;
}

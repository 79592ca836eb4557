// Where a portal page is, in the address's fragment (`#/requests/12`), so
// the server serves one page for every place and reloading or sharing an
// address keeps the place.

export type Route =
  | { page: "home" }
  | { page: "messages" }
  | { page: "service"; id: number }
  | { page: "request"; id: number };

/** The route a fragment names; anything else is the home page. */
export function parseRoute(hash: string): Route {
  if (hash === "#/messages") return { page: "messages" };
  const match = /^#\/(services|requests)\/(\d{1,15})$/.exec(hash);
  if (!match) return { page: "home" };
  const id = Number(match[2]);
  return match[1] === "services" ? { page: "service", id } : { page: "request", id };
}

/** The fragment of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case "home":
      return "#/";
    case "messages":
      return "#/messages";
    case "service":
      return `#/services/${route.id}`;
    case "request":
      return `#/requests/${route.id}`;
  }
}

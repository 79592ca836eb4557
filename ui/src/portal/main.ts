// The portal's pages: a pilot's participants in their own browsers, served
// by the portal server (`pilot serve`, or the app's "Open to the
// department"). They talk JSON to that server and never to Tauri.
import { mount } from "svelte";
import Portal from "./Portal.svelte";
import "../app.css";
import "./portal.css";

const target = document.getElementById("app");
if (!target) throw new Error("portal.html has no #app element");
export default mount(Portal, { target });

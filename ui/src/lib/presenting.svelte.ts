// Whether a full-window presentation is on. While it is, the app holds
// its toasts back (they stay queued and show when the presentation ends),
// so nothing covers a slide in front of an audience.
export const presenting = $state({ on: false });

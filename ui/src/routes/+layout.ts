// A desktop single-page app: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

/** Keeps document.title in step with client-side navigation (the server writes it into the HTML). */
import { useEffect } from 'react';

/** Site name appended to every page title. */
export const SITE_TITLE = 'Understanding Distributed Systems — the interactive edition';

/** Full page title for a page heading. */
export function pageTitle(title?: string): string {
  return title ? `${title} · ${SITE_TITLE}` : SITE_TITLE;
}

/** Set the document title for the current page. */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
}

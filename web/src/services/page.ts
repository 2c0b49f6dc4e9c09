/**
 * The page size for lists shown whole (a lead's contacts, notes, …; the users): the API's
 * largest page.
 */
export const ONE_PAGE = 100

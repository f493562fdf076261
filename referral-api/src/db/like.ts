/** A pattern matching `term` anywhere, with LIKE's own wildcards in the term taken literally. */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

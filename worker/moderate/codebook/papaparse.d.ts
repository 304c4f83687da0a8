// The small part of Papa Parse the codebook uses. Its DefinitelyTyped package pulls in all of
// Node's types, which would let Node-only globals type-check in a Worker; these lines are enough.
declare module 'papaparse' {
  export interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: string;
    message: string;
    row?: number;
  }
  export interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
  }
  export function parse(input: string, config: { delimiter?: string; newline?: string; header?: false; skipEmptyLines?: boolean | 'greedy' }): ParseResult<string[]>;
  export function unparse(data: { fields: string[]; data: (string | null)[][] }, config?: { newline?: string; quotes?: boolean; escapeFormulae?: boolean | RegExp }): string;
  const Papa: { parse: typeof parse; unparse: typeof unparse };
  export default Papa;
}

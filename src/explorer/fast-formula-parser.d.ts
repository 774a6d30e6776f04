/**
 * The two modules of fast-formula-parser (MIT) the add-in uses: its Excel formula grammar
 * (a chevrotain parser that runs the actions it is given) and its lexer. The package ships no types.
 */
declare module "fast-formula-parser/grammar/lexing" {
  export interface LexToken {
    image: string;
    tokenType: { name: string };
  }
  export function lex(text: string): { tokens: LexToken[] };
}

declare module "fast-formula-parser/grammar/parsing" {
  import type { LexToken } from "fast-formula-parser/grammar/lexing";
  /** The grammar; `context` and `utils` are called with what each rule matched (see grammar/dependency/hooks.js). */
  export class Parser {
    constructor(context: object, utils: object);
    input: LexToken[];
    errors: { message: string }[];
    formulaWithBinaryOp(): unknown;
  }
}

import type { Node } from './ast';
import { type ExpressionFailure, quote, syntaxFailure } from './failure';
import type { Operator, Token } from './lexer';

/**
 * Token cursor and bookkeeping for the parser: position, error construction and the two nesting
 * bounds. Recursion depth (parentheses, arguments, unary chains) and tree height (long `a + b + …`
 * or `a.b.c…` chains, which are loops in the parser but recursion in the interpreter) are both
 * capped at maxDepth, so neither parsing nor evaluation can overflow the stack.
 */
export class TokenCursor {
  private index = 0;
  private nesting = 0;
  private readonly heights = new WeakMap<Node, number>();
  private readonly eof: Token;

  constructor(
    protected readonly source: string,
    private readonly tokens: readonly Token[],
    protected readonly maxDepth: number,
  ) {
    this.eof = tokens[tokens.length - 1] ?? { kind: 'eof', start: source.length, end: source.length };
  }

  protected build<T extends Node>(node: T, children: readonly (Node | null)[]): T {
    let height = 1;
    for (const child of children) if (child) height = Math.max(height, (this.heights.get(child) ?? 1) + 1);
    if (height > this.maxDepth) throw syntaxFailure(`the expression is nested more than ${this.maxDepth} levels deep`, node.start, node.end - node.start);
    this.heights.set(node, height);
    return node;
  }

  protected leave(): void {
    this.nesting -= 1;
  }

  protected enter(at: Token): void {
    this.nesting += 1;
    if (this.nesting > this.maxDepth) throw syntaxFailure(`the expression is nested more than ${this.maxDepth} levels deep`, at.start, at.end - at.start);
  }

  protected peek(ahead = 0): Token {
    return this.tokens[this.index + ahead] ?? this.eof;
  }

  protected next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  protected isOp(token: Token, op: Operator): boolean {
    return token.kind === 'op' && token.op === op;
  }

  protected isWord(token: Token, word: string): boolean {
    return token.kind === 'ident' && token.name.toLowerCase() === word;
  }

  protected eatOp(op: Operator): boolean {
    if (!this.isOp(this.peek(), op)) return false;
    this.next();
    return true;
  }

  protected expectOp(op: Operator, purpose: string): Token {
    const token = this.peek();
    if (!this.isOp(token, op)) throw this.unexpected(token, `expected '${op}' ${purpose}`);
    return this.next();
  }

  protected refuse(message: string, at: { start: number; end: number }): ExpressionFailure {
    return syntaxFailure(message, at.start, at.end - at.start);
  }

  protected unexpected(token: Token, expected: string): ExpressionFailure {
    if (token.kind === 'eof') return syntaxFailure(`the expression ends too early: ${expected}`, token.start, 0);
    return syntaxFailure(`unexpected ${quote(this.source.slice(token.start, token.end))}: ${expected}`, token.start, token.end - token.start);
  }
}

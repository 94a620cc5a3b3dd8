import type { BinaryOperator, Node } from './ast';
import { syntaxFailure } from './failure';
import { type Operator, type Token, tokenize } from './lexer';
import { OperandParser } from './parse-operands';
import type { ExpressionLimits } from './types';

const RELATIONAL = new Map<Operator, BinaryOperator>([['==', '=='], ['!=', '!='], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>=']]);
const ADDITIVE = new Map<Operator, BinaryOperator>([['+', '+'], ['-', '-']]);
const MULTIPLICATIVE = new Map<Operator, BinaryOperator>([['*', '*'], ['/', '/'], ['%', '%']]);
const REFUSED_RELATIONAL_WORDS = new Map([
  ['instanceof', 'instanceof is not allowed'],
  ['matches', 'matches is not supported: regular expressions are not available in Foresail expressions'],
  ['between', 'between is not supported; use two comparisons joined with and'],
]);

/**
 * Parses one expression (the text between `${` and `}`) with SpEL's grammar and precedence.
 * Throws a syntax failure for anything outside the supported subset, including every construct
 * that could reach code (`T(...)`, `new`, `@bean`, assignment, unknown methods and functions).
 */
export function parseExpression(source: string, limits: Pick<ExpressionLimits, 'maxDepth' | 'maxInputChars'>): Node {
  if (source.length > limits.maxInputChars) {
    throw syntaxFailure(`the expression is longer than ${limits.maxInputChars} characters`, 0, source.length);
  }
  const tokens = tokenize(source);
  if (tokens[0]?.kind === 'eof') throw syntaxFailure('the expression is empty: write something between ${ and }', 0, source.length);
  return new Parser(source, tokens, limits.maxDepth).parse();
}

class Parser extends OperandParser {
  parse(): Node {
    const node = this.expression();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next, 'expected the end of the expression');
    return node;
  }

  protected expression(): Node {
    this.enter(this.peek());
    const value = this.logicalOr();
    let result = value;
    const next = this.peek();
    if (this.isOp(next, '=')) throw this.refuse('assignment (=) is not allowed; use == to compare', next);
    if (this.eatOp('?:')) {
      const fallback = this.expression();
      result = this.build({ type: 'elvis', value, fallback, start: value.start, end: fallback.end }, [value, fallback]);
    } else if (this.eatOp('?')) {
      const whenTrue = this.expression();
      this.expectOp(':', "between the two branches of '? :'");
      const whenFalse = this.expression();
      result = this.build({ type: 'ternary', condition: value, whenTrue, whenFalse, start: value.start, end: whenFalse.end }, [value, whenTrue, whenFalse]);
    }
    this.leave();
    return result;
  }

  private logicalOr(): Node {
    let left = this.logicalAnd();
    while (this.isWord(this.peek(), 'or') || this.isOp(this.peek(), '||')) {
      this.next();
      const right = this.logicalAnd();
      left = this.build({ type: 'logical', op: 'or', left, right, start: left.start, end: right.end }, [left, right]);
    }
    return left;
  }

  private logicalAnd(): Node {
    let left = this.relational();
    while (this.isWord(this.peek(), 'and') || this.isOp(this.peek(), '&&')) {
      this.next();
      const right = this.relational();
      left = this.build({ type: 'logical', op: 'and', left, right, start: left.start, end: right.end }, [left, right]);
    }
    return left;
  }

  /** SpEL allows one comparison per operand of and/or: `a == b == c` is an error there too. */
  private relational(): Node {
    const left = this.binaryChain(ADDITIVE, () => this.binaryChain(MULTIPLICATIVE, () => this.power()));
    const op = this.relationalOperator(this.peek());
    if (!op) return left;
    this.next();
    const right = this.binaryChain(ADDITIVE, () => this.binaryChain(MULTIPLICATIVE, () => this.power()));
    const after = this.peek();
    if (this.relationalOperator(after)) throw this.refuse('comparisons cannot be chained; join them with and / or', after);
    return this.build({ type: 'binary', op, left, right, start: left.start, end: right.end }, [left, right]);
  }

  private relationalOperator(token: Token): BinaryOperator | undefined {
    if (token.kind === 'op') return RELATIONAL.get(token.op);
    const refused = token.kind === 'ident' ? REFUSED_RELATIONAL_WORDS.get(token.name.toLowerCase()) : undefined;
    if (refused) throw this.refuse(refused, token);
    return undefined;
  }

  private binaryChain(operators: ReadonlyMap<Operator, BinaryOperator>, operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const token = this.peek();
      const op = token.kind === 'op' ? operators.get(token.op) : undefined;
      if (!op) return left;
      this.next();
      const right = operand();
      left = this.build({ type: 'binary', op, left, right, start: left.start, end: right.end }, [left, right]);
    }
  }

  private power(): Node {
    const base = this.unary();
    let node = base;
    if (this.eatOp('^')) {
      const exponent = this.unary();
      node = this.build({ type: 'binary', op: '^', left: base, right: exponent, start: base.start, end: exponent.end }, [base, exponent]);
    }
    const next = this.peek();
    if (this.isOp(next, '++') || this.isOp(next, '--')) throw this.refuse('++ and -- are not allowed: expressions cannot change values', next);
    return node;
  }

  private unary(): Node {
    const token = this.peek();
    if (token.kind === 'op' && (token.op === '-' || token.op === '+' || token.op === '!')) {
      this.next();
      this.enter(token);
      const operand = this.unary();
      this.leave();
      return this.build({ type: 'unary', op: token.op, operand, start: token.start, end: operand.end }, [operand]);
    }
    if (this.isOp(token, '++') || this.isOp(token, '--')) throw this.refuse('++ and -- are not allowed: expressions cannot change values', token);
    return this.postfix(this.start());
  }
}

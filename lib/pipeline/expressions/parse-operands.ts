import type { MapNode, Node, SelectionMode } from './ast';
import { quote, syntaxFailure } from './failure';
import type { Operator, Token } from './lexer';
import { DENIED_METHOD_NAMES, FORBIDDEN_PROPERTY_NAMES, FUNCTION_ARITY, KNOWN_METHOD_NAMES, REGEX_METHOD_NAMES, UNSUPPORTED_FUNCTIONS } from './names';
import { TokenCursor } from './token-cursor';

const SELECTORS = new Map<Operator, SelectionMode | 'project'>([['?[', 'all'], ['^[', 'first'], ['$[', 'last'], ['![', 'project']]);

/**
 * Operands and what follows them: literals, variables, `#functions`, inline lists and maps, and
 * the postfix chain of properties, indexes, method calls, selections and projections. Name checks
 * happen here, so refused names never reach the interpreter. Operators live in parser.ts.
 */
export abstract class OperandParser extends TokenCursor {
  protected abstract expression(): Node;

  protected postfix(first: Node): Node {
    let node = first;
    for (;;) {
      const token = this.peek();
      if (this.isOp(token, '.') || this.isOp(token, '?.')) {
        this.next();
        node = this.member(node, this.isOp(token, '?.'));
      } else if (this.isOp(token, '[')) {
        node = this.indexer(node, false);
      } else {
        return node;
      }
    }
  }

  private member(target: Node, nullSafe: boolean): Node {
    const token = this.peek();
    if (token.kind === 'ident') {
      this.next();
      return this.propertyOrMethod(target, token.name, token, nullSafe);
    }
    const selector = token.kind === 'op' ? SELECTORS.get(token.op) : undefined;
    if (selector) return this.selection(target, selector, nullSafe);
    if (nullSafe && this.isOp(token, '[')) return this.indexer(target, true);
    throw this.unexpected(token, "expected a property or method name after '.'");
  }

  private propertyOrMethod(target: Node | null, name: string, token: Token, nullSafe: boolean): Node {
    const start = target ? target.start : token.start;
    if (this.isOp(this.peek(), '(')) {
      if (DENIED_METHOD_NAMES.has(name)) throw this.refuse(`${name}() is not allowed`, token);
      if (REGEX_METHOD_NAMES.has(name)) throw this.refuse(`${name}() is not supported: regular expressions are not available in Foresail expressions`, token);
      if (!KNOWN_METHOD_NAMES.has(name)) throw this.refuse(`${name}() is not a known method`, token);
      const { args, end } = this.args();
      return this.build({ type: 'method', target, name, args, nullSafe, start, end }, [target, ...args]);
    }
    this.checkPropertyName(name, token);
    return this.build({ type: 'property', target, name, nullSafe, start, end: token.end }, [target]);
  }

  private indexer(target: Node | null, nullSafe: boolean): Node {
    const open = this.expectOp('[', 'to start an index');
    const index = this.expression();
    const close = this.expectOp(']', 'to close the index');
    if (index.type === 'literal' && typeof index.value === 'string') this.checkPropertyName(index.value, index);
    return this.build({ type: 'index', target, index, nullSafe, start: target ? target.start : open.start, end: close.end }, [target, index]);
  }

  private selection(target: Node | null, selector: SelectionMode | 'project', nullSafe: boolean): Node {
    const open = this.next();
    const inner = this.expression();
    const close = this.expectOp(']', selector === 'project' ? 'to close the projection' : 'to close the selection');
    const start = target ? target.start : open.start;
    if (selector === 'project') {
      return this.build({ type: 'project', target, expression: inner, nullSafe, start, end: close.end }, [target, inner]);
    }
    return this.build({ type: 'select', target, mode: selector, condition: inner, nullSafe, start, end: close.end }, [target, inner]);
  }

  protected start(): Node {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
      case 'string':
        this.next();
        return this.build({ type: 'literal', value: token.value, start: token.start, end: token.end }, []);
      case 'ident':
        return this.identifierStart(token.name, token);
      case 'op':
        return this.operatorStart(token.op, token);
      case 'eof':
        throw this.unexpected(token, 'expected a value');
    }
  }

  private identifierStart(name: string, token: Token): Node {
    this.next();
    const lower = name.toLowerCase();
    const span = { start: token.start, end: token.end };
    if (lower === 'true' || lower === 'false') return this.build({ type: 'literal', value: lower === 'true', ...span }, []);
    if (lower === 'null') return this.build({ type: 'literal', value: null, ...span }, []);
    const after = this.peek();
    if (name === 'T' && this.isOp(after, '(')) throw this.refuse('type references like T(...) are not allowed', token);
    if (lower === 'new' && after.kind === 'ident') throw this.refuse('constructors (new ...) are not allowed', token);
    return this.propertyOrMethod(null, name, token, false);
  }

  private operatorStart(op: Operator, token: Token): Node {
    switch (op) {
      case '(': {
        this.next();
        this.enter(token);
        const inner = this.expression();
        this.expectOp(')', 'to close the parenthesis');
        this.leave();
        return inner;
      }
      case '#':
        return this.hash(token);
      case '{':
        return this.inline(token);
      case '[':
        return this.indexer(null, false);
      case '@':
      case '&':
        throw this.refuse('bean references (@name) are not allowed', token);
      default: {
        const selector = SELECTORS.get(op);
        if (selector) return this.selection(null, selector, false);
        throw this.unexpected(token, 'expected a value');
      }
    }
  }

  private hash(hashToken: Token): Node {
    this.next();
    const nameToken = this.peek();
    if (nameToken.kind !== 'ident') throw this.unexpected(nameToken, "expected a function or variable name after '#'");
    this.next();
    const name = nameToken.name;
    const start = hashToken.start;
    if (this.isOp(this.peek(), '(')) {
      const unsupported = UNSUPPORTED_FUNCTIONS.get(name);
      if (unsupported) throw syntaxFailure(`#${name}() is not supported: ${unsupported}`, start, nameToken.end - start);
      const arity = FUNCTION_ARITY.get(name);
      if (arity === undefined) throw syntaxFailure(`#${name}() is not a known function${this.functionHint(name)}`, start, nameToken.end - start);
      const { args, end } = this.args();
      if (args.length !== arity) {
        throw syntaxFailure(`#${name}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`, start, end - start);
      }
      return this.build({ type: 'function', name, args, start, end }, args);
    }
    if (name === 'this' || name === 'root') return this.build({ type: 'variable', name, start, end: nameToken.end }, []);
    if (FUNCTION_ARITY.has(name)) throw syntaxFailure(`#${name} is a function: call it as #${name}(...)`, start, nameToken.end - start);
    throw syntaxFailure(`#${name} is not a known variable; only #this and #root exist`, start, nameToken.end - start);
  }

  private functionHint(name: string): string {
    const lower = name.toLowerCase();
    const match = [...FUNCTION_ARITY.keys()].find((known) => known.toLowerCase() === lower);
    return match ? ` (did you mean #${match}?)` : '';
  }

  /** `{1, 2}` is a list, `{a: 1}` a map, `{}` an empty list and `{:}` an empty map, as in SpEL. */
  private inline(open: Token): Node {
    this.next();
    this.enter(open);
    let node: Node;
    if (this.isOp(this.peek(), '}')) {
      node = { type: 'list', items: [], start: open.start, end: open.end };
    } else if (this.isOp(this.peek(), ':') && this.isOp(this.peek(1), '}')) {
      this.next();
      node = { type: 'map', entries: [], start: open.start, end: open.end };
    } else {
      const first = this.expression();
      if (this.eatOp(':')) {
        const entries: MapNode['entries'] = [{ key: this.mapKey(first), value: this.expression() }];
        while (this.eatOp(',')) {
          const key = this.expression();
          this.expectOp(':', 'after a map key');
          entries.push({ key: this.mapKey(key), value: this.expression() });
        }
        node = { type: 'map', entries, start: open.start, end: open.end };
      } else {
        const items = [first];
        while (this.eatOp(',')) items.push(this.expression());
        node = { type: 'list', items, start: open.start, end: open.end };
      }
    }
    const close = this.expectOp('}', 'to close the list or map');
    this.leave();
    node.end = close.end;
    const children = node.type === 'list' ? node.items : node.type === 'map' ? node.entries.flatMap((e) => (typeof e.key === 'string' ? [e.value] : [e.key, e.value])) : [];
    return this.build(node, children);
  }

  private mapKey(node: Node): string | Node {
    let key: string | undefined;
    if (node.type === 'property' && node.target === null) key = node.name;
    else if (node.type === 'literal' && (typeof node.value === 'string' || typeof node.value === 'number')) key = String(node.value);
    if (key === undefined) return node;
    this.checkPropertyName(key, node);
    return key;
  }

  private checkPropertyName(name: string, at: { start: number; end: number }): void {
    if (FORBIDDEN_PROPERTY_NAMES.has(name)) throw this.refuse(`${quote(name)} is not allowed as a property name`, at);
  }

  private args(): { args: Node[]; end: number } {
    this.expectOp('(', 'to start the arguments');
    const args: Node[] = [];
    if (!this.isOp(this.peek(), ')')) {
      do args.push(this.expression());
      while (this.eatOp(','));
    }
    const close = this.expectOp(')', 'to close the arguments');
    return { args, end: close.end };
  }
}

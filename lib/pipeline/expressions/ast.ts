/** Syntax tree of one SpEL expression. Spans are offsets into the expression source, for messages. */

interface Span {
  start: number;
  end: number;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=';
export type SelectionMode = 'all' | 'first' | 'last';

/** `target: null` means the active context object: the root, or the element inside `.?[…]` / `.![…]`. */
export interface PropertyNode extends Span { type: 'property'; target: Node | null; name: string; nullSafe: boolean }
export interface IndexNode extends Span { type: 'index'; target: Node | null; index: Node; nullSafe: boolean }
export interface MethodNode extends Span { type: 'method'; target: Node | null; name: string; args: Node[]; nullSafe: boolean }
export interface SelectNode extends Span { type: 'select'; target: Node | null; mode: SelectionMode; condition: Node; nullSafe: boolean }
export interface ProjectNode extends Span { type: 'project'; target: Node | null; expression: Node; nullSafe: boolean }
export interface FunctionNode extends Span { type: 'function'; name: string; args: Node[] }
export interface VariableNode extends Span { type: 'variable'; name: 'this' | 'root' }
export interface LiteralNode extends Span { type: 'literal'; value: string | number | boolean | null }
export interface UnaryNode extends Span { type: 'unary'; op: '-' | '+' | '!'; operand: Node }
export interface BinaryNode extends Span { type: 'binary'; op: BinaryOperator; left: Node; right: Node }
export interface LogicalNode extends Span { type: 'logical'; op: 'and' | 'or'; left: Node; right: Node }
export interface TernaryNode extends Span { type: 'ternary'; condition: Node; whenTrue: Node; whenFalse: Node }
export interface ElvisNode extends Span { type: 'elvis'; value: Node; fallback: Node }
export interface ListNode extends Span { type: 'list'; items: Node[] }
/** A key written as a bare word or a literal is a fixed string; anything else is evaluated. */
export interface MapNode extends Span { type: 'map'; entries: { key: string | Node; value: Node }[] }

export type Node =
  | PropertyNode | IndexNode | MethodNode | SelectNode | ProjectNode | FunctionNode | VariableNode | LiteralNode
  | UnaryNode | BinaryNode | LogicalNode | TernaryNode | ElvisNode | ListNode | MapNode;

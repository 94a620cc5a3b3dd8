import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from './index';
import { testContext } from './test-context';

/** The allow-listed Java methods, one row each, with Java's results (split keeps its trailing-empty rule). */
const ctx = testContext();

function value(template: string): unknown {
  const result = evaluateTemplate(template, ctx);
  expect(result.issues).toEqual([]);
  return result.value;
}

type Row = [string, unknown];

describe('methods', () => {
  it.each<Row>([
    ['${parameters.env.toString()}', 'staging'],
    ['${parameters.env.length()}', 7],
    ['${parameters.empty.isEmpty()}', true],
    ["${'  '.isBlank()}", true],
    ["${'  x \t'.trim()}", 'x'],
    ['${parameters.env.toUpperCase()}', 'STAGING'],
    ["${'MiXeD'.toLowerCase()}", 'mixed'],
    ["${new_image.contains('app')}", true],
    ["${new_image.startsWith('registry.')}", true],
    ["${new_image.endsWith(':1.4.2')}", true],
    ["${new_image.indexOf('/')}", 20],
    ["${'a.b.c'.lastIndexOf('.')}", 3],
    ["${parameters.env.equals('staging')}", true],
    ["${parameters.env.equalsIgnoreCase('STAGING')}", true],
    ["${'a'.compareTo('b') < 0}", true],
    ['${parameters.env.charAt(1)}', 't'],
    ['${parameters.env.substring(4)}', 'ing'],
    ['${parameters.env.substring(0, 4)}', 'stag'],
    ["${'a-b-c'.replace('-', '_')}", 'a_b_c'],
    ["${'$1'.replace('1', '$&')}", '$$&'],
    ["${'ab'.replace('', '-')}", '-a-b-'],
    ["${parameters.env.concat('-1')}", 'staging-1'],
    ["${parameters.regions.split(',')}", ['us-east-1', 'eu-west-1']],
    ["${'a,b,,c,,'.split(',')}", ['a', 'b', '', 'c']],
    ["${'a,b,c'.split(',', 2)}", ['a', 'b,c']],
    ["${'a,b,,'.split(',', -1)}", ['a', 'b', '', '']],
    ["${'a.b.c'.split('\\.')}", ['a', 'b', 'c']],
    ["${'a||b'.split('\\|\\|')}", ['a', 'b']],
    ["${''.split(',')}", ['']],
    ["${'abc'.split('')}", ['a', 'b', 'c']],
    ["${'a b'.split(' ')[1]}", 'b'],
    ['${replicas.toString()}', '3'],
    ['${(7.9).intValue()}', 7],
    ['${(-7.9).intValue()}', -7],
    ['${(1e12).intValue()}', 2_147_483_647],
    ['${replicas.equals(3)}', true],
    ['${replicas.doubleValue()}', 3],
    ['${flags.canary.toString()}', 'true'],
    ['${flags.dryRun.booleanValue()}', false],
    ['${weights.size()}', 3],
    ['${weights.isEmpty()}', false],
    ['${weights.contains(20)}', true],
    ['${weights.get(0)}', 10],
    ['${weights.indexOf(70)}', 2],
    ['${weights.toString()}', '[10, 20, 70]'],
    ['${weights.equals({10, 20, 70})}', true],
    ['${weights.subList(1, 3)}', [20, 70]],
    ['${flags.size()}', 2],
    ["${flags.containsKey('canary')}", true],
    ['${flags.containsValue(false)}', true],
    ["${flags.get('dryRun')}", false],
    ["${flags.getOrDefault('other', 'x')}", 'x'],
    ['${flags.keySet()}', ['canary', 'dryRun']],
    ['${flags.values()}', [true, false]],
    ['${flags.toString()}', '{canary=true, dryRun=false}'],
    ["${{a: {1, 'x'}, b: null}.toString()}", '{a=[1, x], b=null}'],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

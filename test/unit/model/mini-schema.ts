/**
 * A small JSON Schema (draft-07) checker covering the keywords schemas/nnjson.schema.json uses, so the tests can
 * check sample files against the schema without a validator dependency. Unknown keywords are an error, so the
 * schema cannot silently grow beyond what this checks.
 */
type Schema = boolean | { [keyword: string]: unknown };

const SUPPORTED = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'examples', 'enumDescriptions', 'definitions',
  '$ref', 'type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'propertyNames', 'items',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'pattern', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'minItems', 'maxItems',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function validateAgainst(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (reference: string): Schema => {
    const name = reference.replace('#/definitions/', '');
    const definitions = (root as { definitions?: Record<string, Schema> }).definitions ?? {};
    if (!(name in definitions)) throw new Error(`unknown $ref ${reference}`);
    return definitions[name];
  };
  const check = (schema: Schema, item: unknown, path: string): boolean => {
    if (schema === true) return true;
    if (schema === false) { errors.push(`${path}: not allowed`); return false; }
    const before = errors.length;
    for (const keyword of Object.keys(schema)) if (!SUPPORTED.has(keyword)) throw new Error(`unsupported keyword ${keyword}`);
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === 'string') check(resolve(s.$ref), item, path);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((type) => matchesType(item, type))) errors.push(`${path}: should be ${types.join(' or ')}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((option) => JSON.stringify(option) === JSON.stringify(item))) errors.push(`${path}: not one of ${JSON.stringify(s.enum)}`);
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(item)) errors.push(`${path}: should be ${JSON.stringify(s.const)}`);
    if (typeof item === 'number') {
      if (typeof s.minimum === 'number' && item < s.minimum) errors.push(`${path}: below ${s.minimum}`);
      if (typeof s.maximum === 'number' && item > s.maximum) errors.push(`${path}: above ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && item <= s.exclusiveMinimum) errors.push(`${path}: not above ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && item >= s.exclusiveMaximum) errors.push(`${path}: not below ${s.exclusiveMaximum}`);
    }
    if (typeof item === 'string') {
      if (typeof s.minLength === 'number' && item.length < s.minLength) errors.push(`${path}: too short`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(item)) errors.push(`${path}: does not match ${s.pattern}`);
    }
    if (Array.isArray(item) && typeof s.minItems === 'number' && item.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (Array.isArray(item) && typeof s.maxItems === 'number' && item.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    if (Array.isArray(item) && s.items !== undefined) item.forEach((element, i) => check(s.items as Schema, element, `${path}[${i}]`));
    if (typeOf(item) === 'object') {
      const object = item as Record<string, unknown>;
      for (const key of (s.required as string[] | undefined) ?? []) if (!(key in object)) errors.push(`${path}: missing ${key}`);
      const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [key, child] of Object.entries(object)) {
        if (s.propertyNames !== undefined) check(s.propertyNames as Schema, key, `${path}.${key} (name)`);
        if (key in properties) check(properties[key], child, `${path}.${key}`);
        else if (s.additionalProperties !== undefined) check(s.additionalProperties as Schema, child, `${path}.${key}`);
      }
    }
    for (const part of (s.allOf as Schema[] | undefined) ?? []) check(part, item, path);
    if (Array.isArray(s.anyOf)) {
      const mark = errors.length;
      const passed = (s.anyOf as Schema[]).some((part) => {
        const start = errors.length;
        const ok = check(part, item, path);
        errors.length = start;
        return ok;
      });
      errors.length = mark;
      if (!passed) errors.push(`${path}: matches none of anyOf`);
    }
    if (Array.isArray(s.oneOf)) {
      const mark = errors.length;
      const passing = (s.oneOf as Schema[]).filter((part) => {
        const start = errors.length;
        const ok = check(part, item, path);
        errors.length = start;
        return ok;
      }).length;
      errors.length = mark;
      if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf, not exactly one`);
    }
    if (s.if !== undefined) {
      const start = errors.length;
      const condition = check(s.if as Schema, item, path);
      errors.length = start;
      if (condition && s.then !== undefined) check(s.then as Schema, item, path);
    }
    return errors.length === before;
  };
  check(root, value, '$');
  return errors;
}

/**
 * How request parts are validated. A query string or path is all text, so its numbers are converted;
 * a JSON body already has types, so nothing in it is converted (`null`, `true`, `"1"` or `[5]` are
 * not a number). A number in a query string is written plainly, in decimal digits: `1e2`, `0x10`,
 * `+5`, ` 5`, `05` and `Infinity` are refused rather than read as something the caller may not mean.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

type FastifySchemaValidator = (data: unknown) => boolean | { error?: Error; value?: unknown };

const SHARED: Options = { removeAdditional: false, useDefaults: true, allErrors: false };

const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
const DECIMAL = /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,15})?$/;

function makeAjv(options: Options, externalSchemas: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ ...SHARED, ...options });
  // ajv-formats is CommonJS; its `default` property is the plugin however it is imported.
  formats.default(ajv);
  for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
  return ajv;
}

/** Fastify's `schemaController.compilersFactory.buildValidator`: one compiler per request part. */
export function buildStrictValidator(
  externalSchemas: unknown,
): FastifySchemaCompiler<FastifySchema> {
  const shared = (externalSchemas ?? {}) as Record<string, unknown>;
  const text = makeAjv({ coerceTypes: 'array' }, shared);
  const json = makeAjv({ coerceTypes: false }, shared);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? json : text;
    const compiled = compileOnce(ajv, schema);
    if (httpPart !== 'querystring' && httpPart !== 'params') return compiled;
    return plainNumbersFirst(compiled, schema as JsonObjectSchema);
  };
}

function compileOnce(ajv: Ajv, schema: FastifySchema): ValidateFunction {
  const id = (schema as { $id?: string }).$id;
  return (id && ajv.getSchema(id)) || ajv.compile(schema as object);
}

interface JsonObjectSchema {
  properties?: Record<string, { type?: string }>;
}

/** Checks the raw text of numeric parameters before Ajv converts them (and would accept `1e2`). */
function plainNumbersFirst(
  validate: ValidateFunction,
  schema: JsonObjectSchema,
): FastifySchemaValidator {
  const numeric = Object.entries(schema.properties ?? {}).filter(
    ([, property]) => property.type === 'integer' || property.type === 'number',
  );
  const wrapper = (data: unknown): boolean => {
    const values = (data ?? {}) as Record<string, unknown>;
    for (const [name, property] of numeric) {
      const raw = values[name];
      if (typeof raw !== 'string') continue;
      const plain = property.type === 'integer' ? INTEGER : DECIMAL;
      if (!plain.test(raw)) {
        wrapper.errors = [looseNumber(name, property.type === 'integer')];
        return false;
      }
    }
    const ok = validate(data);
    wrapper.errors = validate.errors ?? null;
    return ok;
  };
  wrapper.errors = null as ErrorObject[] | null;
  return wrapper;
}

function looseNumber(name: string, integer: boolean): ErrorObject {
  return {
    instancePath: `/${name}`,
    schemaPath: '#/plainNumber',
    keyword: 'plainNumber',
    params: {},
    message: integer
      ? 'must be a whole number in plain decimal digits, e.g. 50'
      : 'must be a number in plain decimal digits, e.g. 4.5',
  };
}

// Loads schemas/openapi.yaml, turns its OpenAPI 3.0 schemas into JSON Schema for ajv, and checks
// HTTP responses against the operation they answer (status documented, content type documented,
// body valid).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const specPath = path.join(repoRoot, 'schemas', 'openapi.yaml');

export function loadSpec(file = specPath) {
  return YAML.parse(readFileSync(file, 'utf8'), { prettyErrors: true });
}

// Keywords of the OpenAPI 3.0 Schema Object that are not JSON Schema (or that ajv would refuse in
// strict mode); they are dropped, after `nullable` has been applied.
const OAS_ONLY = new Set(['nullable', 'example', 'xml', 'externalDocs', 'discriminator', 'deprecated']);

// OpenAPI 3.0 Schema Object -> JSON Schema (draft-07, as ajv reads it).
// - `nullable: true` adds null to `type` (and to `enum`); a schema with no `type`, or one built of
//   allOf/anyOf/oneOf, becomes anyOf [null, schema].
// - `x-propertyNames` becomes `propertyNames` (OpenAPI 3.0 has no such keyword).
// - other `x-` extensions and OpenAPI-only keywords are dropped.
// - `$ref`s to `#/components/schemas/X` become `openapi#/definitions/X`: the converted component
//   schemas are registered with ajv as the `definitions` of a schema with the id `openapi`.
export function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.$ref) {
    // In OpenAPI 3.0 siblings of $ref are ignored.
    const m = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref);
    if (!m) throw new Error(`unsupported $ref ${schema.$ref}`);
    return { $ref: `openapi#/definitions/${m[1]}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (OAS_ONLY.has(k)) continue;
    if (k === 'x-propertyNames') { out.propertyNames = toJsonSchema(v); continue; }
    if (k.startsWith('x-')) continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(k)) {
      out[k] = toJsonSchema(v);
    } else {
      out[k] = v;
    }
  }
  if (schema.nullable === true) {
    // A nullable schema whose constraints come from allOf/anyOf/oneOf (a nullable $ref): null, or the schema.
    const composed = out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined;
    if (out.type !== undefined && !composed) {
      out.type = Array.isArray(out.type) ? [...new Set([...out.type, 'null'])] : [out.type, 'null'];
      if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function addOasFormats(ajv) {
  addFormats(ajv);
  const int = (bits) => ({
    type: 'number',
    validate: (n) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1),
  });
  ajv.addFormat('int32', int(32));
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('binary', () => true);
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('password', () => true);
}

// An ajv instance holding the spec's converted components under the id `openapi`. Strict mode
// makes a typo in the spec (an unknown keyword, a `required` name that is not a property) an error.
export function buildAjv(spec) {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: true,
    strictTypes: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addOasFormats(ajv);
  const definitions = Object.fromEntries(
    Object.entries(spec.components?.schemas || {}).map(([name, s]) => [name, toJsonSchema(s)]));
  ajv.addSchema({ $id: 'openapi', definitions });
  // Where each converted schema node sits in openapi.yaml, to name it in error messages.
  const where = new WeakMap();
  const mark = (node, at) => {
    if (!node || typeof node !== 'object') return;
    if (!Array.isArray(node)) where.set(node, at);
    for (const [k, v] of Object.entries(node)) mark(v, `${at}/${k}`);
  };
  for (const [name, s] of Object.entries(definitions)) mark(s, `#/components/schemas/${name}`);
  ajv.schemaLocation = (node) => where.get(node);
  return ajv;
}

// The media type without its parameters, lower-cased: "application/json; charset=utf-8" -> "application/json".
export function baseMediaType(contentType) {
  return (contentType || '').split(';')[0].trim().toLowerCase();
}

function resolveRef(spec, obj) {
  let seen = 0;
  while (obj && obj.$ref) {
    if (++seen > 20) throw new Error(`$ref loop at ${obj.$ref}`);
    const parts = obj.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    obj = parts.reduce((o, p) => (o == null ? undefined : o[p]), spec);
  }
  return obj;
}

function templateRegex(template) {
  const re = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
  return new RegExp(`^${re}$`);
}

export class Contract {
  constructor(spec = loadSpec()) {
    this.spec = spec;
    this.ajv = buildAjv(spec);
    this.validators = new Map();
    this.paths = Object.keys(spec.paths).map((t) => ({ template: t, re: templateRegex(t) }));
  }

  // The path template that a concrete path matches (literal segments win over parameters).
  matchPath(pathname) {
    const hits = this.paths.filter((p) => p.re.test(pathname));
    hits.sort((a, b) => (a.template.match(/\{/g) || []).length - (b.template.match(/\{/g) || []).length);
    return hits.length ? hits[0].template : null;
  }

  operation(method, template) {
    const item = this.spec.paths[template];
    return item && item[method.toLowerCase()];
  }

  parameters(method, template) {
    const item = this.spec.paths[template] || {};
    const op = this.operation(method, template) || {};
    return [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolveRef(this.spec, p));
  }

  // The validator for a schema given by a JSON pointer into the spec ("#/components/schemas/X" or
  // an inline schema of a response).
  validatorFor(schema, key) {
    if (!this.validators.has(key)) {
      this.validators.set(key, this.ajv.compile(toJsonSchema(schema)));
    }
    return this.validators.get(key);
  }

  schemaValidator(name) {
    if (!this.spec.components.schemas[name]) throw new Error(`no schema ${name}`);
    return this.validatorFor({ $ref: `#/components/schemas/${name}` }, `#/components/schemas/${name}`);
  }

  // Checks one exchange. Returns a list of problems (empty when the response keeps the contract).
  // req: {method, url (URL object)}; res: {status, headers (Headers), text, json?}
  // HEAD is checked against the path's GET (status and headers), and must have no body.
  check(req, res) {
    const problems = [];
    const where = `${req.method} ${req.url.pathname}${req.url.search}`;
    const template = this.matchPath(req.url.pathname);
    if (!template) return [`${where}: path is not in openapi.yaml`];
    const head = req.method === 'HEAD';
    const opMethod = head && !this.operation('HEAD', template) ? 'GET' : req.method;
    const op = this.operation(opMethod, template);
    if (!op) return [`${where}: method ${req.method} of ${template} is not in openapi.yaml`];

    // Every query parameter the test sends must be documented (keeps the spec complete).
    const documented = new Set(this.parameters(opMethod, template).filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(req.url.searchParams.keys())) {
      if (!documented.has(name)) problems.push(`${where}: query parameter '${name}' is not documented for ${template}`);
    }

    const responses = op.responses || {};
    const status = String(res.status);
    const key = responses[status] ? status : responses[`${status[0]}XX`] ? `${status[0]}XX` : responses.default ? 'default' : null;
    if (!key) {
      problems.push(`${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')}); body: ${res.text.slice(0, 300)}`);
      return problems;
    }
    return this.checkResponse(req, res, responses[key], `${template}:${opMethod}:${key}`, problems);
  }

  // Checks a response against one Response Object of the spec (or a $ref to one, such as
  // { $ref: '#/components/responses/MethodNotAllowed' }): its headers, and its content type and body (a HEAD
  // answer must have no body). Appends to and returns `problems`.
  checkResponse(req, res, responseOrRef, key = JSON.stringify(responseOrRef), problems = []) {
    const where = `${req.method} ${req.url.pathname}${req.url.search}`;
    const status = String(res.status);
    const response = resolveRef(this.spec, responseOrRef);
    if (!response) return [...problems, `${where}: no such response in openapi.yaml: ${JSON.stringify(responseOrRef)}`];

    for (const [name, h] of Object.entries(response.headers || {})) {
      const header = resolveRef(this.spec, h);
      const value = res.headers.get(name);
      if (value == null) {
        if (header.required) problems.push(`${where}: ${status}: required header ${name} is missing`);
        continue;
      }
      if (header.schema) {
        const hs = resolveRef(this.spec, header.schema);
        let v = value;
        if (hs.type === 'integer' || hs.type === 'number') v = Number(value);
        const validate = this.validatorFor(header.schema, `header:${key}:${name}`);
        if (!validate(v)) problems.push(`${where}: ${status}: header ${name}: '${value}' ${this.ajv.errorsText(validate.errors)}`);
      }
    }

    const content = response.content;
    const ctype = baseMediaType(res.headers.get('content-type'));
    if (req.method === 'HEAD') {
      if (res.text.length > 0) problems.push(`${where}: ${status}: an answer to HEAD has a body (${res.text.length} bytes)`);
      if (content && ctype && !content[ctype]) {
        problems.push(`${where}: ${status}: content type '${res.headers.get('content-type')}' is not documented (documented: ${Object.keys(content).join(', ')})`);
      }
      return problems;
    }
    if (!content) {
      if (res.text.length > 0) problems.push(`${where}: ${status} is documented without a body but one was sent (${res.text.length} bytes)`);
      return problems;
    }
    const media = content[ctype];
    if (!media) {
      problems.push(`${where}: ${status}: content type '${res.headers.get('content-type')}' is not documented (documented: ${Object.keys(content).join(', ')})`);
      return problems;
    }
    if (ctype === 'application/json' || ctype.endsWith('+json')) {
      let body;
      try {
        body = JSON.parse(res.text);
      } catch (e) {
        problems.push(`${where}: ${status}: body is not JSON (${e.message}): ${res.text.slice(0, 200)}`);
        return problems;
      }
      if (media.schema) {
        const validate = this.validatorFor(media.schema, `body:${key}:${ctype}`);
        if (!validate(body)) {
          for (const e of validate.errors) problems.push(`${where}: ${status}: ${describeError(e, this.ajv)}`);
        }
      }
    }
    return problems;
  }
}

// One ajv error as "field: what the server sent vs. what the schema says".
export function describeError(e, ajv) {
  const field = e.instancePath || '(body)';
  const schema = (ajv?.schemaLocation && e.parentSchema && ajv.schemaLocation(e.parentSchema)) || e.schemaPath;
  if (e.keyword === 'additionalProperties') {
    return `${field}: has undocumented field '${e.params.additionalProperty}' (schema ${schema})`;
  }
  const sent = e.data === undefined ? '' : ` — sent ${JSON.stringify(e.data)?.slice(0, 160)}`;
  const says = e.keyword === 'enum' ? `must be one of ${JSON.stringify(e.params.allowedValues)}` : e.message;
  return `${field}: ${says}${sent} (schema ${schema})`;
}

import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** Stands for the parameter at `index` while a prepared query is built; replaced by its value at each run. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A statement built and compiled once, then run with each call's values: Kysely otherwise builds
 * and compiles the statement's tree on every call, which on a hot read (the viewer's profile on
 * every request) costs more CPU than sending it. `build` gets a placeholder for each parameter
 * and must use them as plain values only (compared or inserted; not inspected, spread or used as
 * a list), so each appears once among the compiled statement's parameters.
 */
export function preparedQuery<Params extends unknown[], Row>(
  db: Pick<Kysely<unknown>, 'executeQuery'>,
  build: (...params: Params) => Compilable<Row>,
): (...params: Params) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (...params) => {
    compiled ??= compile(build, params.length);
    const parameters = compiled.parameters.map((value) => (value instanceof Placeholder ? params[value.index] : value));
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}

function compile<Params extends unknown[], Row>(build: (...params: Params) => Compilable<Row>, arity: number) {
  const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
  const compiled = build(...(placeholders as Params)).compile();
  const used = compiled.parameters.filter((value) => value instanceof Placeholder);
  if (used.length !== arity || new Set(used).size !== arity) {
    throw new Error(`a prepared query must use each of its ${arity} parameters once as a plain value`);
  }
  return compiled;
}

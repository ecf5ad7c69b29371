import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

/** rest-facade/src/operations: one `<operationId>.graphql` per implemented operation, shared fragments in fragments/. */
export const OPERATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'operations');

/** Each operation's document with the fragments it uses (directly or through other fragments) appended. */
export type OperationDocuments = ReadonlyMap<string, string>;

export function loadOperationDocuments(dir = OPERATIONS_DIR): OperationDocuments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const fragmentDir = path.join(dir, 'fragments');
  for (const file of graphqlFiles(fragmentDir)) {
    for (const definition of parse(readFileSync(path.join(fragmentDir, file), 'utf8')).definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION)
        throw new Error(`fragments/${file}: only fragments belong here`);
      if (fragments.has(definition.name.value)) throw new Error(`fragment ${definition.name.value} is defined twice`);
      fragments.set(definition.name.value, definition);
    }
  }
  const documents = new Map<string, string>();
  for (const file of graphqlFiles(dir)) {
    const operationId = file.replace(/\.graphql$/, '');
    const own = parse(readFileSync(path.join(dir, file), 'utf8')).definitions;
    const operations = own.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1 || operations[0]!.name?.value !== operationId) {
      throw new Error(`${file}: must hold exactly one operation, named ${operationId}`);
    }
    const used = usedFragments(own, fragments, file);
    documents.set(operationId, print({ kind: Kind.DOCUMENT, definitions: [...own, ...used] }));
  }
  return documents;
}

function usedFragments(
  definitions: readonly DefinitionNode[],
  fragments: Map<string, FragmentDefinitionNode>,
  file: string,
): FragmentDefinitionNode[] {
  const local = new Set(
    definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => (d as FragmentDefinitionNode).name.value),
  );
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = [...definitions];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        if (local.has(name) || used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${file}: unknown fragment ${name}`);
        used.set(name, fragment);
        pending.push(fragment);
      },
    });
  }
  return [...used.values()];
}

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
}

/**
 * GitHub's limits on a GraphQL call, checked before it runs (its "node limit" rules): every
 * connection needs `first` or `last`, each within 1–100, and one call may ask for at most 500,000
 * nodes (each connection's page size times its parents' page sizes, summed). GitHub answers a call
 * that breaks them with errors and no data.
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const NODE_LIMIT = 500_000;

export interface LimitError {
  type: string;
  message: string;
}

/** A value of an Int argument: a literal or a variable. */
export function intValue(
  node: ValueNode | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

/** Why a connection's page size is refused: missing, or outside 1..100. */
function pageSizeError(name: string, size: number | undefined): LimitError {
  if (size === undefined)
    return {
      type: 'MISSING_PAGINATION_BOUNDARIES',
      message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    };
  return {
    type: 'EXCESSIVE_PAGINATION',
    message: `Requesting ${size} records on the \`${name}\` connection exceeds the \`first\` limit of 100 records.`,
  };
}

/** The broken rules (empty when the call may run) and the nodes it asks for. */
export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): { errors: LimitError[]; nodes: number } {
  const errors: LimitError[] = [];
  let nodes = 0;
  const walk = (
    set: SelectionSetNode | undefined,
    parent: GraphQLNamedType,
    multiplier: number,
  ) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        walk(
          selection.selectionSet,
          (condition && schema.getType(condition)) || parent,
          multiplier,
        );
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (!type.name.endsWith('Connection')) {
        walk(selection.selectionSet, type, multiplier);
        continue;
      }
      const arg = (name: string) =>
        intValue(selection.arguments?.find((a) => a.name.value === name)?.value, variables);
      const size = arg('first') ?? arg('last');
      if (size === undefined || size < 1 || size > 100) {
        errors.push(pageSizeError(selection.name.value, size));
        continue;
      }
      nodes += multiplier * size;
      walk(selection.selectionSet, type, multiplier * size);
    }
  };
  const query = schema.getQueryType()!;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, query, 1);
  }
  if (nodes > NODE_LIMIT) {
    errors.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${NODE_LIMIT.toLocaleString('en-US')}.`,
    });
  }
  return { errors, nodes };
}

/*
 * What every mesh action shares: the caller's credentials as the actions framework passes them,
 * the entity reference an agent writes (`component:default/reviews`, or just `reviews`) turned into
 * the same `kind/namespace/name` target the routes validate, and one auditor event per invocation.
 * The reads themselves are the routes' own functions (../routes: read*), so an action can never
 * answer more than the caller would get from the HTTP API — same validation, catalog read as the
 * caller, `mesh.entity.read` check, redaction and errors.
 */
import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { AnyZodObject, z } from 'zod/v3';
import { auditedAs, EntityReadContext } from '../routes/context';
import { windowInputSchema } from './compact';

export type ActionContext = EntityReadContext & { auditor: AuditorService };

/** An action's registration, typed by its schemas (see ActionsRegistryService.register). */
export type MeshAction<
  I extends AnyZodObject,
  O extends AnyZodObject,
> = ActionsRegistryActionOptions<I, O>;

/**
 * A read-only mesh action: its schemas, and a body that answers for the caller's credentials,
 * run inside one auditor event (see auditedAction) naming the input's `entityRef`.
 */
export function meshAction<I extends AnyZodObject, O extends AnyZodObject>(
  ctx: ActionContext,
  options: {
    name: string;
    title: string;
    description: string;
    input: I;
    output: O;
    run(
      input: z.infer<I>,
      credentials: BackstageCredentials,
    ): Promise<z.infer<O>>;
  },
): MeshAction<I, O> {
  const { name, title, description, input, output, run } = options;
  const action = async ({
    input: values,
    credentials,
  }: {
    input: z.infer<I>;
    credentials: BackstageCredentials;
  }) => ({
    output: await auditedAction(
      ctx,
      name,
      credentials,
      { entity: values.entityRef ?? 'catalog' },
      () => run(values, credentials),
    ),
  });
  return {
    name,
    title,
    description,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: () => input, output: () => output },
    // The registry's return type is conditional on the output schema (void outputs return
    // nothing), which TypeScript cannot resolve for a generic O: every mesh action has an output.
    action: action as unknown as MeshAction<I, O>['action'],
  };
}

/** Registers one action keeping its schema types (register's generics are inferred per call). */
export function register<I extends AnyZodObject, O extends AnyZodObject>(
  registry: ActionsRegistryService,
  action: MeshAction<I, O>,
): void {
  registry.register(action);
}

export const ENTITY_REF_DESCRIPTION =
  'Catalog entity reference "kind:namespace/name", e.g. "component:default/reviews". ' +
  'Kind defaults to component and namespace to default, so "reviews" works too.';

/**
 * `kind:namespace/name` with the catalog's defaults into the target the routes validate (their
 * `entityParams`: bad names get the routes' messages). `defaultKind` is `component` unless given.
 */
export function entityTarget(
  ref: string,
  defaultKind = 'component',
): { kind: string; namespace: string; name: string } {
  try {
    return parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid entity reference: ${(error as Error).message}`,
    );
  }
}

/** The caller as the audit log should name it (without a request the auditor cannot tell). */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

/** Runs an action body inside one auditor event that names the action, the caller and the entity. */
export function auditedAction<T>(
  ctx: ActionContext,
  action: string,
  credentials: BackstageCredentials,
  meta: JsonObject,
  run: () => Promise<T>,
): Promise<T> {
  return auditedAs(
    ctx,
    {
      eventId: 'action-invoke',
      meta: { action, actor: actorOf(credentials), ...meta },
    },
    run,
  );
}

/** The `entityRef` input every entity action takes. */
export const entityRefInput = z
  .string()
  .max(300)
  .describe(ENTITY_REF_DESCRIPTION);

/** An entity reference an action may leave out; `whenAbsent` says what it then answers for. */
export const optionalEntityRefInput = (whenAbsent: string) =>
  z
    .string()
    .max(300)
    .optional()
    .describe(`${ENTITY_REF_DESCRIPTION} ${whenAbsent}`);

/** Input of the actions that read one entity over a rate window. */
export const entityWindowInput = z.object({
  entityRef: entityRefInput,
  window: windowInputSchema,
});

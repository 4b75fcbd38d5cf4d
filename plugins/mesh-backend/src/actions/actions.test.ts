/*
 * The mesh actions inside the plugin: registered through the actions registry, answering as the
 * caller through the routes' reads (hidden entities are not found, denied ones not allowed, bad
 * input is the routes' 400 message), each invocation one auditor event that names the action, the
 * caller and the entity and never a hidden name. Test doubles: Backstage's actions registry mock
 * (it validates input and output against the schemas like the real registry), its auditor mock,
 * and __testUtils__/policyBackend's permission-aware catalog and permission service.
 * packages/backend/src/mcpActions.test.ts runs the real MCP stack against the demo backend.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { demoCatalogEntities } from '../__testUtils__/demoCatalog';
import { refOf, startPolicyBackend } from '../__testUtils__/policyBackend';

const USER = 'user:default/outsider';
const events: Array<{ eventId: string; outcome: string; meta: unknown }> = [];
const auditor = mockServices.auditor.mock({
  createEvent: async (options: { eventId: string; meta?: unknown }) => ({
    success: async () =>
      void events.push({ ...options, outcome: 'success', meta: options.meta }),
    fail: async (o: { error: Error }) =>
      void events.push({
        ...options,
        outcome: `fail: ${o.error.message}`,
        meta: options.meta,
      }),
  }),
});
const registry = actionsRegistryServiceMock();

beforeAll(async () => {
  await startPolicyBackend({
    entities: demoCatalogEntities(),
    rules: {
      readable: (_user, e) => refOf(e) !== 'component:default/ratings',
      meshAllowed: (_user, _permission, ref) =>
        ref !== 'component:default/details',
    },
    auditor,
    features: [
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
    ],
  });
});

const invoke = (name: string, input: Record<string, string>) =>
  registry.invoke({
    id: `test:${name}`,
    input,
    credentials: mockCredentials.user(USER),
  });

describe('mesh actions', () => {
  it('registers six read-only actions', async () => {
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual([
      'explain-entity-health',
      'get-dependency-drift',
      'get-entity-mesh-summary',
      'get-mesh-posture',
      'list-callers-and-callees',
      'list-config-findings',
    ]);
    expect(actions.every(a => a.attributes.readOnly)).toBe(true);
  });

  it('answers as the caller and audits each invocation', async () => {
    events.length = 0;
    const { output } = await invoke('list-callers-and-callees', {
      entityRef: 'reviews',
    });
    // ratings is hidden from this caller: its app and Service are restricted peers.
    expect(JSON.stringify(output)).not.toMatch(/ratings/);
    expect(
      (output as any).callees.items.filter((p: any) => p.restricted).length,
    ).toBeGreaterThan(0);
    await expect(
      invoke('get-entity-mesh-summary', { entityRef: 'ratings' }),
    ).rejects.toThrow('Entity component:default/ratings not found');
    await expect(
      invoke('explain-entity-health', { entityRef: 'details' }),
    ).rejects.toThrow(
      'Not allowed to read mesh data of component:default/details',
    );
    await expect(
      invoke('get-dependency-drift', { entityRef: 'reviews', window: '9y' }),
    ).rejects.toThrow("Invalid window '9y'");
    expect(events).toEqual([
      {
        eventId: 'action-invoke',
        outcome: 'success',
        severityLevel: 'low',
        meta: {
          action: 'list-callers-and-callees',
          actor: USER,
          entity: 'reviews',
        },
      },
      {
        eventId: 'action-invoke',
        outcome: 'fail: Entity component:default/ratings not found',
        severityLevel: 'medium',
        meta: expect.objectContaining({ action: 'get-entity-mesh-summary' }),
      },
      {
        eventId: 'action-invoke',
        outcome:
          'fail: Not allowed to read mesh data of component:default/details',
        severityLevel: 'medium',
        meta: expect.objectContaining({ action: 'explain-entity-health' }),
      },
      {
        eventId: 'action-invoke',
        outcome: expect.stringMatching(/^fail: Invalid window/),
        severityLevel: 'medium',
        meta: expect.objectContaining({ action: 'get-dependency-drift' }),
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/ratings-v1/);
  });

  it('rejects a malformed entity reference with the routes’ message', async () => {
    await expect(
      invoke('list-config-findings', { entityRef: 'component:default/a b' }),
    ).rejects.toThrow(
      'Invalid entity reference: name: name must be 1-63 characters of letters, digits, -, _ and .',
    );
  });
});

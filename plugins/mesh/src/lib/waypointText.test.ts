import { AMBIENT_L4_ONLY, waypointText } from './waypointText';

describe('waypointText', () => {
  const use = { name: 'waypoint', namespace: 'travels', found: true };
  it('names the waypoint and where the enrolling label is', () => {
    expect(
      waypointText({
        dataplane: 'ambient',
        waypoint: { ...use, via: 'namespace' },
      }),
    ).toBe('travels/waypoint (namespace label)');
    expect(
      waypointText({
        dataplane: 'ambient',
        waypoint: { ...use, via: 'service', service: 'hotels', found: false },
      }),
    ).toBe(
      'travels/waypoint (Service hotels label) — not found: traffic is not delivered (KIA1313)',
    );
  });
  it('gives the L4-only caveat for ambient without a waypoint, nothing for sidecars', () => {
    expect(waypointText({ dataplane: 'ambient' })).toBe(AMBIENT_L4_ONLY);
    expect(waypointText({ dataplane: 'sidecar' })).toBeUndefined();
  });
});
